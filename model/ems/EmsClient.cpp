#include "EmsClient.h"
#include "net/RequestSigning.h"
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace vines {

EmsClient::EmsClient(QNetworkAccessManager *nam, const EmsEndpoint &endpoint, int timeoutMs) : m_http(nam, timeoutMs)
{
    setEndpoint(endpoint);
}

void EmsClient::setEndpoint(const EmsEndpoint &ep)
{
    m_ep = ep;
    m_http.setDecorator(signingDecorator(ep));
}

HttpJsonClient::Decorator EmsClient::signingDecorator(const EmsEndpoint &ep)
{
    QList<QSslCertificate> extraCa;
    if (!ep.caFile.isEmpty())
        extraCa = QSslCertificate::fromPath(ep.caFile, QSsl::Pem);
    const QString clientId = ep.clientId;
    const QByteArray secret = ep.secret;
    return [clientId, secret, extraCa](QNetworkRequest &req, const QByteArray &verb, const QByteArray &body) {
        signing::signRequest(req, clientId, secret, verb, body);
        if (!extraCa.isEmpty() && req.url().scheme() == QLatin1String("https")) {
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            conf.addCaCertificates(extraCa);
            req.setSslConfiguration(conf);
        }
    };
}

QUrl EmsClient::url(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    QUrl u = m_ep.baseUrl;
    u.setPath(path == QLatin1String("/health") ? path : m_ep.interfacePath + path);   // /health sits outside the interfaces
    if (!query.isEmpty()) {
        QUrlQuery q;
        q.setQueryItems(query);
        u.setQuery(q);
    }
    return u;
}

namespace {
QString enc(const QString &id) { return QString::fromLatin1(QUrl::toPercentEncoding(id)); }
} // namespace

Pending EmsClient::health(Callback cb) const { return m_http.get(url("/health"), cb); }
Pending EmsClient::about(Callback cb) const { return m_http.get(url("/ems"), cb); }
Pending EmsClient::listVnfs(Callback cb) const { return m_http.get(url("/vnfs"), cb); }
Pending EmsClient::vnf(const QString &id, Callback cb) const { return m_http.get(url("/vnfs/" + enc(id)), cb); }
Pending EmsClient::registerVnf(const QJsonObject &r, Callback cb) const { return m_http.post(url("/vnfs"), r, cb); }
Pending EmsClient::updateVnf(const QString &id, const QJsonObject &c, Callback cb) const { return m_http.put(url("/vnfs/" + enc(id)), c, cb); }
Pending EmsClient::deregisterVnf(const QString &id, Callback cb) const { return m_http.del(url("/vnfs/" + enc(id)), cb); }
Pending EmsClient::status(const QString &id, Callback cb) const { return m_http.get(url("/vnfs/" + enc(id) + "/status"), cb); }

Pending EmsClient::installNf(const QString &id, const QString &name, const QString &type, const QJsonObject &config,
                          const QMap<QString, QByteArray> &files, Callback cb) const
{
    QJsonObject f;
    for (auto it = files.begin(); it != files.end(); ++it)
        f.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    return m_http.post(url("/vnfs/" + enc(id) + "/nf"), {{"name", name}, {"type", type}, {"config", config}, {"files", f}}, cb);
}

Pending EmsClient::uninstallNf(const QString &id, Callback cb) const { return m_http.del(url("/vnfs/" + enc(id) + "/nf"), cb); }
Pending EmsClient::nfAction(const QString &id, const QString &action, Callback cb) const
{
    return m_http.post(url("/vnfs/" + enc(id) + "/nf/" + action), {}, cb);
}
Pending EmsClient::config(const QString &id, Callback cb) const { return m_http.get(url("/vnfs/" + enc(id) + "/config"), cb); }
Pending EmsClient::configure(const QString &id, const QJsonObject &config, Callback cb) const
{
    return m_http.put(url("/vnfs/" + enc(id) + "/config"), {{"config", config}}, cb);
}
Pending EmsClient::rotatePlatformSecret(const QString &id, const QByteArray &secret, Callback cb) const
{
    return m_http.post(url("/vnfs/" + enc(id) + "/credentials"), {{"leafSecret", QString::fromUtf8(secret)}}, cb);
}
Pending EmsClient::metrics(const QString &id, bool live, Callback cb) const
{
    return m_http.get(url("/vnfs/" + enc(id) + "/metrics", live ? QList<QPair<QString, QString>>{{"live", "true"}} : QList<QPair<QString, QString>>{}), cb);
}
Pending EmsClient::metricsHistory(const QString &id, int limit, Callback cb) const
{
    return m_http.get(url("/vnfs/" + enc(id) + "/metrics/history", {{"limit", QString::number(limit)}}), cb);
}
Pending EmsClient::logs(const QString &id, int lines, Callback cb) const
{
    return m_http.get(url("/vnfs/" + enc(id) + "/logs", {{"lines", QString::number(lines)}}), cb);
}
Pending EmsClient::alarms(const QString &state, Callback cb) const { return m_http.get(url("/alarms", {{"state", state}}), cb); }
Pending EmsClient::acknowledgeAlarm(const QString &alarmId, Callback cb) const
{
    return m_http.patch(url("/alarms/" + enc(alarmId)), {{"ackState", "ACKNOWLEDGED"}}, cb);
}
Pending EmsClient::subscribe(const QUrl &callback, const QStringList &types, const QByteArray &secret, Callback cb) const
{
    return m_http.post(url("/subscriptions"), {{"callbackUri", callback.toString()},
                                        {"filter", QJsonObject{{"notificationTypes", QJsonArray::fromStringList(types)}}},
                                        {"authentication", QJsonObject{{"secret", QString::fromUtf8(secret)}}}}, cb);
}
Pending EmsClient::subscriptions(Callback cb) const { return m_http.get(url("/subscriptions"), cb); }
Pending EmsClient::unsubscribe(const QString &id, Callback cb) const { return m_http.del(url("/subscriptions/" + enc(id)), cb); }
Pending EmsClient::deletePmJob(const QString &id, Callback cb) const { return m_http.del(url("/pm_jobs/" + enc(id)), cb); }
Pending EmsClient::createPmJob(const QJsonObject &job, Callback cb) const { return m_http.post(url("/pm_jobs"), job, cb); }

} // namespace vines
