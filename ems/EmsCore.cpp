#include "EmsCore.h"
#include "EmsDatabase.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>
#include "net/HttpListen.h"
#include <cstdio>

namespace vines::ems {

EmsCore::EmsCore(EmsConfig config, QObject *parent) : QObject(parent), m_config(std::move(config)) { m_uptime.start(); }

EmsCore::~EmsCore()
{
    m_server.reset();   // no request may reach the parts below while they go
    m_poller.reset();
}

Result<> EmsCore::open()
{
    if (!QDir().mkpath(m_config.dataDir))
        return Error::unavailable(QStringLiteral("cannot create data directory %1").arg(m_config.dataDir));
    const QString dbPath = QDir(m_config.dataDir).filePath("ems.sqlite");
    m_db = std::make_unique<Database>(dbPath, emsMigrations(), "EMS");
    if (Result<> opened = m_db->open(); !opened) {
        if (!m_db->damaged())
            return opened;
        // The VIB is rebuilt by the consoles (they register their VNFs again); alarms and
        // subscriptions of the damaged file are set aside with it.
        std::fprintf(stderr, "vines-ems: %s\n", qPrintable(Database::recover(dbPath)));
        m_db = std::make_unique<Database>(dbPath, emsMigrations(), "EMS");
        if (Result<> reopened = m_db->open(); !reopened)
            return reopened;
    }
    m_vib = std::make_unique<Vib>(*m_db);
    m_alarms = std::make_unique<AlarmStore>(*m_db);
    m_notifier = std::make_unique<Notifier>(*m_db);
    // Notifications never go to a managed VNF's management agent (server-side request forgery).
    m_notifier->setCallbackPolicy([this](const QUrl &url) -> QString {
        const QHostAddress host(url.host());
        const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
        for (const VnfEntry &e : m_vib->entries()) {
            const int colon = e.managementAddress.lastIndexOf(':');
            const QString h = e.managementAddress.left(colon);
            const bool sameHost = h.compare(url.host(), Qt::CaseInsensitive) == 0 || (!host.isNull() && QHostAddress(h).isEqual(host));
            if (sameHost && e.managementAddress.mid(colon + 1).toInt() == port)
                return QStringLiteral("%1 is the management agent of VNF %2, not a notification receiver").arg(e.managementAddress, e.id);
        }
        return {};
    });
    m_drivers = std::make_unique<DriverController>(m_config);
    m_poller = std::make_unique<Poller>(*m_vib, *m_drivers);
    m_faults = std::make_unique<FaultMonitor>(*m_vib, *m_alarms, *m_notifier);
    m_perf = std::make_unique<PerformanceMonitor>(*m_db, *m_vib, *m_alarms, *m_notifier);
    m_access = std::make_unique<AccessControl>(m_config);
    for (const Result<> &loaded : {m_vib->load(), m_notifier->load(), m_perf->load()})
        if (!loaded)
            return loaded;
    connect(m_poller.get(), &Poller::sampled, m_faults.get(), &FaultMonitor::onSample);
    connect(m_poller.get(), &Poller::sampled, m_perf.get(), &PerformanceMonitor::onSample);
    connect(m_vib.get(), &Vib::removed, m_drivers.get(), &DriverController::drop);
    m_poller->start();
    return {};
}

Result<> EmsCore::listen()
{
    m_server = std::make_unique<JsonHttpServer>();
    m_server->setMaxBodyBytes(256 * 1024 * 1024);   // NF bundles travel base64-encoded
    m_server->route("GET", "/health", [this](const HttpRequest &) {
        return HttpResponse::json(QJsonObject{{"status", "ok"}, {"version", Version}, {"tls", m_config.tlsEnabled()}});
    });
    m_server->route("POST", "/auth/token", [this](const HttpRequest &r) { return m_access->issueToken(r); });
    m_server->setGuard([this](HttpRequest &r) -> std::optional<HttpResponse> {
        if (r.path == QLatin1String("/health") || r.path == QLatin1String("/auth/token"))
            return std::nullopt;
        Principal who;
        if (auto denied = m_access->authenticate(r, &who))
            return denied;
        if (auto denied = m_access->authorize(who, r))
            return denied;
        r.principal = who.clientId;
        r.role = roleName(who.role);
        return std::nullopt;
    });
    for (const QString &prefix : interfaces()) {
        addVnfRoutes(*m_server, *this, prefix);
        addMonitoringRoutes(*m_server, *this, prefix);
    }
    // Connections and request sizes are bounded before Qt's HTTP server buffers a body.
    m_guard = std::make_unique<ConnectionGuard>(ConnectionGuard::Limits{m_config.maxConnections, m_server->maxBodyBytes(), 120000});
    const Result<QTcpServer *> tcp = listenHttp(*m_server, *m_guard, m_config.listen, m_config.port,
                                                m_config.tlsEnabled() ? m_config.tlsCertificate : QString(),
                                                m_config.tlsEnabled() ? m_config.tlsKey : QString());
    if (!tcp)
        return tcp.error();
    m_port = (*tcp)->serverPort();
    if (!m_config.portFile.isEmpty()) {
        QSaveFile pf(m_config.portFile);
        if (!pf.open(QIODevice::WriteOnly) || pf.write(QByteArray::number(m_port) + '\n') < 0 || !pf.commit())
            return Error::exhausted(QStringLiteral("cannot write port file %1").arg(m_config.portFile));
    }
    return {};
}

QJsonObject EmsCore::about() const
{
    return {{"version", Version}, {"uptimeS", double(m_uptime.elapsed() / 1000)}, {"tls", m_config.tlsEnabled()},
            {"interfaces", QJsonArray::fromStringList(interfaces())}, {"vnfs", m_vib->size()},
            {"activeAlarms", m_alarms->activeCount()}, {"pmJobs", int(m_perf->jobs().size())},
            {"drivers", QJsonArray::fromStringList(m_drivers->platforms())}, {"poller", m_poller->stats()},
            {"ssh", m_drivers->sshStats()}, {"notifications", m_notifier->stats()}, {"activeTokens", m_access->activeTokens()}};
}

} // namespace vines::ems
