#pragma once
// Extended driver for any SSH-reachable platform (the generic-ssh VNF-ExP). Runs configured
// commands and moves files over SFTP through the VNF's SshLink (one libssh session per VNF, shared
// by the monitoring and operations drivers); the blocking libssh calls run on a worker pool,
// results come back on the driver's thread.
// driverOptions:
//   "installDir": "/opt/vnf" (files of an installed NF go here), "configPath": "{installDir}/config.json"
//   "commands": {"install", "uninstall", "start", "stop", "restart", "status", "metrics", "configure", "logs"}
//     status: exit 0 = running, 3 = stopped, anything else = failed (LSB init convention)
//     metrics: prints a JSON object or "name value" lines
//     placeholders: {installDir} {configPath} {name} {lines}
#include "Driver.h"
#include "SshSession.h"
#include <QThreadPool>
#include <memory>

namespace vines::ems {

class SshDriver : public Driver {
    Q_OBJECT
public:
    SshDriver(QThreadPool *pool, std::shared_ptr<SshLink> link, const QJsonObject &options, int timeoutMs, QObject *parent = nullptr);
    ~SshDriver() override;
    QString platform() const override { return QStringLiteral("generic-ssh"); }
    void sample(DriverCallback cb) override;
    void status(DriverCallback cb) override;
    void install(const NfBundle &nf, DriverCallback cb) override;
    void uninstall(DriverCallback cb) override { runCommand("uninstall", {}, cb); }
    void start(DriverCallback cb) override { runCommand("start", {}, cb); }
    void stop(DriverCallback cb) override { runCommand("stop", {}, cb); }
    void restart(DriverCallback cb) override { runCommand("restart", {}, cb); }
    void configure(const QJsonObject &config, DriverCallback cb) override;
    void readConfig(DriverCallback cb) override;
    void logs(int lines, DriverCallback cb) override;

private:
    using Job = std::function<DriverResult(SshSession &)>;
    void run(Job job, DriverCallback cb);
    void runCommand(const QString &name, const QHash<QString, QString> &vars, const DriverCallback &cb);
    QString expand(QString text, const QHash<QString, QString> &vars) const;
    QString command(const QString &name) const { return m_opt.value("commands").toObject().value(name).toString(); }
    static DriverResult sshFailure(const SshError &e);
    static QJsonObject parseMetrics(const QByteArray &out);

    QThreadPool *m_pool;
    std::shared_ptr<SshLink> m_link;
    int m_timeoutMs;
    QJsonObject m_opt;
    QString m_installDir;
    QString m_configPath;
    QString m_nfName;
};

} // namespace vines::ems
