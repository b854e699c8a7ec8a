#include "HttpJsonClient.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace vines {

namespace {
const char *const kAborted = "vines.abortedByOwner";
}

const Pending &Pending::abortOn(const CancelToken &token) const
{
    if (QNetworkReply *reply = m_reply.data(); reply && !reply->isFinished())
        token.onCancel(reply, [reply]() {
            if (reply->isFinished())
                return;
            reply->setProperty(kAborted, true);
            reply->abort();
        });
    return *this;
}

HttpJsonClient::HttpJsonClient(QNetworkAccessManager *nam, int timeoutMs) : m_nam(nam), m_timeoutMs(timeoutMs) {}

Pending HttpJsonClient::get(const QUrl &url, Callback cb) const { return send("GET", url, {}, std::move(cb)); }
Pending HttpJsonClient::del(const QUrl &url, Callback cb) const { return send("DELETE", url, {}, std::move(cb)); }
Pending HttpJsonClient::post(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}
Pending HttpJsonClient::patch(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    return send("PATCH", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}
Pending HttpJsonClient::put(const QUrl &url, const QJsonObject &body, Callback cb) const
{
    return send("PUT", url, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(cb));
}

Pending HttpJsonClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body, Callback cb) const
{
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    req.setTransferTimeout(m_timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (m_decorate)
        m_decorate(req, verb, body);
    QNetworkReply *reply = m_nam->sendCustomRequest(req, verb, body);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, cb = std::move(cb), verb, url]() {
        JsonReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        const QJsonDocument doc = QJsonDocument::fromJson(r.body);
        if (doc.isObject())
            r.json = doc.object();
        else if (doc.isArray())
            r.json = doc.array();
        reply->deleteLater();
        if (r.status == 0) {
            const QString what = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(verb), url.toString(), reply->errorString());
            if (reply->property(kAborted).toBool())
                return cb(Error::cancelled(QStringLiteral("%1 %2: given up on by its caller").arg(QString::fromLatin1(verb), url.toString())));
            const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError;
            return cb(Error(timedOut ? Error::Kind::Timeout : Error::Kind::Unavailable, what));
        }
        if (r.status < 200 || r.status >= 300) {
            const QJsonObject o = r.object();
            // The EMS's and Leaf's {"error": {"message"}}, or a SOL013 problem's "detail".
            QString msg = o.value("error").toObject().value("message").toString();
            if (msg.isEmpty())
                msg = o.value("detail").toString();
            return cb(Error(Error::fromHttpStatus(r.status),
                            QStringLiteral("%1 %2 answered %3%4").arg(QString::fromLatin1(verb), url.path()).arg(r.status)
                                .arg(msg.isEmpty() ? QString() : QStringLiteral(": ") + msg),
                            r.status)
                          .withDetails(o));   // the far side's own answer (its error code, a problem's fields)
        }
        cb(r);
    });
    return Pending(reply);
}

} // namespace vines
