#pragma once
// Driver Controller: picks the Extended Driver for each VNF's execution platform and keeps one
// instance per VNF and purpose (monitoring with a timeout shorter than the polling interval,
// operations with a generous one). Drivers are rebuilt when the VIB entry changes.
#include "EmsConfig.h"
#include "Vib.h"
#include "drivers/Driver.h"
#include <QHash>
#include <QNetworkAccessManager>
#include <QThreadPool>

namespace vines::ems {

class DriverController : public QObject {
    Q_OBJECT
public:
    enum class Purpose { Monitoring, Operations };
    explicit DriverController(const EmsConfig &config, QObject *parent = nullptr);
    ~DriverController() override;

    // Whether a driver can be built for this entry (VNF-ExP known to a driver, credentials exist).
    bool validate(const VnfEntry &e, QString *error) const;
    Driver *driver(const VnfEntry &e, Purpose purpose, QString *error);
    void drop(const QString &vnfId);
    int operationsTimeoutMs() const { return m_opsTimeoutMs; }
    QStringList platforms() const { return {"leaf", "generic-ssh", "click-on-osv"}; }

private:
    struct Slot { QByteArray version; Driver *driver = nullptr; };
    static QByteArray version(const VnfEntry &e);
    Driver *create(const VnfEntry &e, int timeoutMs, QString *error);
    const EmsConfig &m_config;
    QNetworkAccessManager m_nam;
    QThreadPool m_sshPool;
    QHash<QString, Slot> m_monitoring;
    QHash<QString, Slot> m_operations;
    int m_opsTimeoutMs = 30000;
};

} // namespace vines::ems
