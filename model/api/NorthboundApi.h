#pragma once
// The console's northbound REST API, in ETSI's shape and served by the same core the GUI uses:
//   /vnfpkgm/v1   SOL005 VNF package management      /vnflcm/v1  SOL003 VNF lifecycle management
//   /vnffm/v1     SOL003 fault management (EMS alarms) /nsd/v1, /nslcm/v1  SOL005 NSD management, NS lifecycle
//   /v1.0/vnffgds.json, /v1.0/vnffgs.json  Tacker's legacy VNFFGD/VNFFG resources
// JSON over HTTP(S) on loopback by default. Every request carries an X-Auth-Token the operator
// made (ApiTokens): none or unknown → 401, a read-only token acting → 403, both with a SOL013
// ProblemDetails body and nothing changed. Operations it starts halt in FAILED_TEMP on a failed
// step (SOL003) for the client to retry, roll back or fail.
#include "ApiTokens.h"
#include "ApiViews.h"
#include "net/JsonHttpServer.h"
#include <QHostAddress>
#include <QObject>
#include <memory>

class QNetworkAccessManager;

namespace vines {
class JsonHttpServer;
class ConnectionGuard;
class Database;
class PackageCatalog;
class PackageOnboarder;
class InstanceStore;
class OperationStore;
class Vnfm;
class NsCatalog;
class Nfvo;
class EmsClient;
class ServiceAlarms;
}

namespace vines::api {

class LcmSubscriptions;

struct ApiConfig {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 9890;                 // 0: any free port (see NorthboundApi::port())
    QString tlsCertificate, tlsKey;      // PEM files; both set: HTTPS
    qint64 maxPackageBytes = 512LL * 1024 * 1024;
    int maxConnections = 256;
    bool tls() const { return !tlsCertificate.isEmpty() && !tlsKey.isEmpty(); }
};

// What the API drives: the very objects the GUI shows.
struct ApiContext {
    Database &db;
    PackageCatalog &packages;
    PackageOnboarder &onboarder;
    InstanceStore &instances;
    OperationStore &operations;
    Vnfm &vnfm;
    NsCatalog &nsCatalog;
    Nfvo &nfvo;
    EmsClient &ems;
    ServiceAlarms &serviceAlarms;
    QNetworkAccessManager &nam;
    QString uploadDir;   // where uploaded package content waits while it is onboarded
};

class NorthboundApi : public QObject {
    Q_OBJECT
public:
    NorthboundApi(ApiContext ctx, ApiTokens &tokens, ApiConfig config, QObject *parent = nullptr);
    ~NorthboundApi() override;
    Result<> start();
    quint16 port() const { return m_port; }
    QString baseUrl() const { return m_links.base; }
    LcmSubscriptions &subscriptions() { return *m_subs; }

    // Resources (SOL005) created but without content yet: kind "vnf_package" or "nsd".
    QList<PendingPackage> pending(const QString &kind) const;
    bool pendingResource(const QString &kind, const QString &id, PendingPackage *out) const;

Q_SIGNALS:
    // Every answered request: who (token name), what, and the status — for the operations log.
    void requestServed(const QString &who, const QString &method, const QString &path, int status);

private:
    void addPackageRoutes();
    void addLcmRoutes();
    void addFmRoutes();
    void addNfvoRoutes();
    void addTackerLegacyRoutes();
    void setPendingState(const QString &id, const QString &state, const QString &failure);
    // A CREATED resource of this kind from a Create…InfoRequest ({userDefinedData}), or the problem.
    std::optional<HttpResponse> createPending(const QString &kind, const HttpRequest &r, const QString &requestType, PendingPackage *out);

    ApiContext m_ctx;
    ApiTokens &m_tokens;
    ApiConfig m_config;
    Links m_links;
    std::unique_ptr<JsonHttpServer> m_server;
    std::unique_ptr<ConnectionGuard> m_guard;
    std::unique_ptr<LcmSubscriptions> m_subs;
    QHash<QString, QString> m_uploads;   // upload file path -> package id, while onboarding
    quint16 m_port = 0;
};

} // namespace vines::api
