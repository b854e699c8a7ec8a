#pragma once
// Client of a vines-ems REST API (Ve-Vnfm-em interface by default). Every request is signed
// with the client's API key (HMAC-SHA256, see net/RequestSigning.h). HTTPS endpoints are
// verified against the system CAs or, when set, a trusted CA file.
#include "net/HttpJsonClient.h"
#include <QMap>

namespace vines {

struct EmsEndpoint {
    QUrl baseUrl;                                         // http(s)://host:port
    QString interfacePath = QStringLiteral("/vevnfm-em/v1");
    QString clientId;
    QByteArray secret;
    QString caFile;                                       // extra trusted CA for https
    bool isValid() const { return baseUrl.isValid() && !clientId.isEmpty() && !secret.isEmpty(); }
};

class EmsClient {
public:
    using Callback = HttpJsonClient::Callback;
    EmsClient(QNetworkAccessManager *nam, const EmsEndpoint &endpoint, int timeoutMs = 30000);
    void setEndpoint(const EmsEndpoint &endpoint);
    // Signs every request with the endpoint's key (and trusts its CA file for https).
    static HttpJsonClient::Decorator signingDecorator(const EmsEndpoint &endpoint);
    EmsEndpoint endpoint() const { return m_ep; }

    Pending health(Callback cb) const;
    Pending about(Callback cb) const;
    Pending listVnfs(Callback cb) const;
    Pending vnf(const QString &id, Callback cb) const;
    Pending registerVnf(const QJsonObject &registration, Callback cb) const;
    Pending updateVnf(const QString &id, const QJsonObject &changes, Callback cb) const;
    Pending deregisterVnf(const QString &id, Callback cb) const;
    Pending status(const QString &id, Callback cb) const;
    Pending installNf(const QString &id, const QString &name, const QString &type, const QJsonObject &config,
                   const QMap<QString, QByteArray> &files, Callback cb) const;
    Pending uninstallNf(const QString &id, Callback cb) const;
    Pending nfAction(const QString &id, const QString &action, Callback cb) const;   // start, stop, restart
    Pending config(const QString &id, Callback cb) const;
    Pending configure(const QString &id, const QJsonObject &config, Callback cb) const;
    Pending rotatePlatformSecret(const QString &id, const QByteArray &secret, Callback cb) const;
    Pending metrics(const QString &id, bool live, Callback cb) const;
    Pending metricsHistory(const QString &id, int limit, Callback cb) const;
    Pending logs(const QString &id, int lines, Callback cb) const;
    Pending alarms(const QString &state, Callback cb) const;                         // ACTIVE, CLEARED, ALL
    Pending acknowledgeAlarm(const QString &alarmId, Callback cb) const;
    Pending subscribe(const QUrl &callback, const QStringList &types, const QByteArray &secret, Callback cb) const;
    Pending subscriptions(Callback cb) const;
    Pending unsubscribe(const QString &subscriptionId, Callback cb) const;
    Pending createPmJob(const QJsonObject &job, Callback cb) const;
    Pending deletePmJob(const QString &id, Callback cb) const;

private:
    QUrl url(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    HttpJsonClient m_http;
    EmsEndpoint m_ep;
};

} // namespace vines
