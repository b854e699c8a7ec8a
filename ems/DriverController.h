#pragma once
// Driver Controller: picks the Extended Driver for each VNF's execution platform and keeps one
// instance per VNF and purpose (monitoring with a timeout shorter than the polling interval,
// operations with a generous one). Drivers are rebuilt when the VIB entry changes. Both drivers
// of a generic-ssh VNF share one SSH connection (SshLink), so a platform sees one session per VNF.
#include "EmsConfig.h"
#include "Vib.h"
#include "drivers/Driver.h"
#include "drivers/SshSession.h"
#include <QHash>
#include <QNetworkAccessManager>
#include <QThreadPool>
#include <memory>

namespace vines::ems {

class DriverController : public QObject {
    Q_OBJECT
public:
    enum class Purpose { Monitoring, Operations };
    explicit DriverController(const EmsConfig &config, QObject *parent = nullptr);
    ~DriverController() override;

    // Whether a driver can be built for this entry (VNF-ExP known to a driver, credentials exist).
    Result<> validate(const VnfEntry &e) const;
    Result<Driver *> driver(const VnfEntry &e, Purpose purpose);
    void drop(const QString &vnfId);
    int operationsTimeoutMs() const { return m_opsTimeoutMs; }
    QStringList platforms() const { return {"leaf", "generic-ssh", "click-on-osv"}; }
    // SSH connections the EMS keeps (one per generic-ssh VNF) and how many times they connected.
    QJsonObject sshStats() const;

private:
    struct Slot { QByteArray version; Driver *driver = nullptr; };
    static QByteArray version(const VnfEntry &e);
    Result<Driver *> create(const VnfEntry &e, int timeoutMs);
    std::shared_ptr<SshLink> sshLink(const VnfEntry &e, const QString &host, quint16 port);
    const EmsConfig &m_config;
    QNetworkAccessManager m_nam;
    QThreadPool m_sshPool;
    QHash<QString, Slot> m_monitoring;
    QHash<QString, Slot> m_operations;
    struct Link { QString target; std::shared_ptr<SshLink> link; };
    QHash<QString, Link> m_sshLinks;
    int m_opsTimeoutMs = 30000;
};

} // namespace vines::ems
