#pragma once
// The EMS put together: configuration, database, VNF information base, alarms, drivers, the
// poller feeding the fault and performance monitors, notifications, access control and the
// REST API (Ve-Vnfm-em at /vevnfm-em/v1, Os-Em at /os-em/v1).
#include "net/ConnectionGuard.h"
#include "AccessControl.h"
#include "AlarmStore.h"
#include "DriverController.h"
#include "EmsConfig.h"
#include "FaultMonitor.h"
#include "Notifier.h"
#include "PerformanceMonitor.h"
#include "Poller.h"
#include "Vib.h"
#include "catalog/Database.h"
#include "net/JsonHttpServer.h"
#include <QElapsedTimer>
#include <memory>

namespace vines::ems {

class EmsCore : public QObject {
    Q_OBJECT
public:
    static constexpr const char *Version = "0.1.0";
    static QStringList interfaces() { return {"/vevnfm-em/v1", "/os-em/v1"}; }

    explicit EmsCore(EmsConfig config, QObject *parent = nullptr);
    ~EmsCore() override;
    Result<> open();     // database, VIB, stores; starts monitoring
    Result<> listen();   // HTTP(S) API
    quint16 port() const { return m_port; }
    QJsonObject about() const;

    const EmsConfig &config() const { return m_config; }
    Vib &vib() { return *m_vib; }
    AlarmStore &alarms() { return *m_alarms; }
    Notifier &notifier() { return *m_notifier; }
    DriverController &drivers() { return *m_drivers; }
    Poller &poller() { return *m_poller; }
    FaultMonitor &faults() { return *m_faults; }
    PerformanceMonitor &performance() { return *m_perf; }
    AccessControl &access() { return *m_access; }

private:
    EmsConfig m_config;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Vib> m_vib;
    std::unique_ptr<AlarmStore> m_alarms;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<DriverController> m_drivers;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<FaultMonitor> m_faults;
    std::unique_ptr<PerformanceMonitor> m_perf;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<JsonHttpServer> m_server;
    std::unique_ptr<ConnectionGuard> m_guard;
    quint16 m_port = 0;
    QElapsedTimer m_uptime;
};

// Route tables (EmsVnfRoutes.cpp, EmsMonitoringRoutes.cpp), registered once per interface prefix.
void addVnfRoutes(JsonHttpServer &server, EmsCore &ems, const QString &prefix);
void addMonitoringRoutes(JsonHttpServer &server, EmsCore &ems, const QString &prefix);

} // namespace vines::ems
