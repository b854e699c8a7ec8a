#include "DriverController.h"
#include "drivers/ClickDriver.h"
#include "drivers/LeafDriver.h"
#include "drivers/SshDriver.h"
#include <QJsonDocument>

namespace vines::ems {

DriverController::DriverController(const EmsConfig &config, QObject *parent) : QObject(parent), m_config(config)
{
    m_sshPool.setMaxThreadCount(16);   // blocking SSH I/O, not CPU
}

DriverController::~DriverController()
{
    for (auto *h : {&m_monitoring, &m_operations})
        for (const Slot &s : std::as_const(*h))
            delete s.driver;
    m_sshPool.waitForDone(5000);
}

Result<> DriverController::validate(const VnfEntry &e) const
{
    if (!platforms().contains(e.vnfExp))
        return Error::unprocessable(QStringLiteral("no extended driver for VNF-ExP '%1' (drivers: %2)").arg(e.vnfExp, platforms().join(", ")));
    if (e.vnfExp == QLatin1String("generic-ssh") && !m_config.credentials.contains(e.credentialsRef))
        return Error::unprocessable(QStringLiteral("credentialsRef '%1' names no credentials in the EMS configuration").arg(e.credentialsRef));
    return {};
}

Result<Driver *> DriverController::create(const VnfEntry &e, int timeoutMs)
{
    if (Result<> ok = validate(e); !ok)
        return ok.error();
    const int colon = e.managementAddress.lastIndexOf(':');
    const QString host = e.managementAddress.left(colon);
    const quint16 port = quint16(e.managementAddress.mid(colon + 1).toUInt());
    if (e.vnfExp == QLatin1String("leaf"))
        return static_cast<Driver *>(new LeafDriver(&m_nam, host, port, e.driverOptions.value("leafSecret").toString().toUtf8(), timeoutMs, this));
    if (e.vnfExp == QLatin1String("click-on-osv"))
        return static_cast<Driver *>(new ClickDriver(host, port, e.driverOptions, timeoutMs, this));
    return static_cast<Driver *>(new SshDriver(&m_sshPool, sshLink(e, host, port), e.driverOptions, timeoutMs, this));
}

std::shared_ptr<SshLink> DriverController::sshLink(const VnfEntry &e, const QString &host, quint16 port)
{
    const QString target = QStringLiteral("%1|%2|%3").arg(host).arg(port).arg(e.credentialsRef);
    auto it = m_sshLinks.find(e.id);
    if (it != m_sshLinks.end() && it->target == target)
        return it->link;
    auto link = std::make_shared<SshLink>(host, port, m_config.credentials.value(e.credentialsRef));
    m_sshLinks.insert(e.id, {target, link});
    return link;
}

QJsonObject DriverController::sshStats() const
{
    int connects = 0;
    for (const Link &l : m_sshLinks)
        connects += l.link->session.connects();   // atomic: no need to wait for the link's lock
    return {{"sshLinks", int(m_sshLinks.size())}, {"sshConnects", connects}};
}

// What a driver is built from; other VIB changes (expected state, name) keep the driver.
QByteArray DriverController::version(const VnfEntry &e)
{
    return (e.vnfExp + '|' + e.managementAddress + '|' + e.credentialsRef + '|' + QString::number(e.policy.intervalMs)).toUtf8()
           + QJsonDocument(e.driverOptions).toJson(QJsonDocument::Compact);
}

Result<Driver *> DriverController::driver(const VnfEntry &e, Purpose purpose)
{
    auto &table = purpose == Purpose::Monitoring ? m_monitoring : m_operations;
    auto it = table.find(e.id);
    if (it != table.end() && it->version == version(e))
        return it->driver;
    if (it != table.end()) {
        it->driver->deleteLater();
        table.erase(it);
    }
    // A poll must give up before the next one is due; operations may take a while (install scripts).
    const int timeout = purpose == Purpose::Monitoring ? qBound(200, e.policy.intervalMs * 9 / 10, 10000) : m_opsTimeoutMs;
    const Result<Driver *> d = create(e, timeout);
    if (d)
        table.insert(e.id, {version(e), *d});
    return d;
}

void DriverController::drop(const QString &vnfId)
{
    m_sshLinks.remove(vnfId);   // the session closes when the last driver or job lets go
    for (auto *h : {&m_monitoring, &m_operations}) {
        auto it = h->find(vnfId);
        if (it != h->end()) {
            it->driver->deleteLater();
            h->erase(it);
        }
    }
}

} // namespace vines::ems
