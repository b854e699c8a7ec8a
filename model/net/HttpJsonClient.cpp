#include "HttpJsonClient.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace vines {

HttpJsonClient::HttpJsonClient(QNetworkAccessManager *nam, int timeoutMs) : m_nam(nam), m_timeoutMs(timeoutMs) {}

void HttpJsonClient::get(const QUrl &url, Callback cb) const { send("GET", url, {}, std::move(cb)); }
void HttpJsonClient::del(const QUrl &url, Callback cb) const { send("DELETE", url, {}, std::move(cb)); }
void HttpJsonClient::post(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}
void HttpJsonClient::patch(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    send("PATCH", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}
void HttpJsonClient::put(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    send("PUT", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}

void HttpJsonClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body, Callback cb) const
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setTransferTimeout(m_timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (m_decorate)
        m_decorate(req, verb, body);
    QNetworkReply *reply = m_nam->sendCustomRequest(req, verb, body);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, cb = std::move(cb), verb, url]() {
        HttpReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        if (doc.isObject())
            r.json = doc.object();
        else if (doc.isArray())
            r.json = doc.array();
        if (r.status == 0) {
            r.timedOut = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError;
            r.error = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(verb), url.toString(), reply->errorString());
        } else if (r.status < 200 || r.status >= 300) {
            const QString msg = r.object().value("error").toObject().value("message").toString();
            r.error = QStringLiteral("%1 %2 answered %3%4").arg(QString::fromLatin1(verb), url.path()).arg(r.status)
                          .arg(msg.isEmpty() ? QString() : QStringLiteral(": ") + msg);
        } else {
            r.ok = true;
        }
        reply->deleteLater();
        cb(r);
    });
}

} // namespace vines
