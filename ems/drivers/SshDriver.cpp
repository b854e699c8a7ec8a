#include "SshDriver.h"
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QCoreApplication>
#include <QPointer>

namespace vines::ems {

SshDriver::SshDriver(QThreadPool *pool, std::shared_ptr<SshLink> link, const QJsonObject &options, int timeoutMs, QObject *parent)
    : Driver(parent), m_pool(pool), m_link(std::move(link)), m_timeoutMs(timeoutMs), m_opt(options)
{
    m_installDir = options.value("installDir").toString("/opt/vnf");
    m_configPath = options.value("configPath").toString("{installDir}/config.json").replace("{installDir}", m_installDir);
}

SshDriver::~SshDriver() = default;

DriverResult SshDriver::sshFailure(const SshError &e)
{
    int status = 502;
    if (e.code == QLatin1String("timeout")) status = 504;
    else if (e.code == QLatin1String("not_found")) status = 404;
    return driverError(status, e.code, e.message);
}

void SshDriver::run(Job job, DriverCallback cb)
{
    QPointer<SshDriver> self(this);
    std::shared_ptr<SshLink> link = m_link;
    const int timeoutMs = m_timeoutMs;
    m_pool->start([self, link, timeoutMs, job = std::move(job), cb = std::move(cb)]() {
        DriverResult r;
        {
            // A poll waits while an operation uses the link (the poller skips polls still in flight).
            QMutexLocker lock(&link->mutex);
            link->session.setTimeout(timeoutMs);
            r = job(link->session);
        }
        // Back on the driver's thread; if the driver was rebuilt meanwhile, on the application's.
        QObject *target = self ? static_cast<QObject *>(self.data()) : QCoreApplication::instance();
        QMetaObject::invokeMethod(target, [cb, r]() { cb(r); }, Qt::QueuedConnection);
    });
}

QString SshDriver::expand(QString text, const QHash<QString, QString> &vars) const
{
    text.replace("{installDir}", m_installDir).replace("{configPath}", m_configPath).replace("{name}", m_nfName);
    for (auto it = vars.begin(); it != vars.end(); ++it)
        text.replace('{' + it.key() + '}', it.value());
    return text;
}

void SshDriver::runCommand(const QString &name, const QHash<QString, QString> &vars, const DriverCallback &cb)
{
    const QString cmd = expand(command(name), vars);
    if (cmd.isEmpty())
        return unsupported(name + QStringLiteral(" (no driverOptions.commands.") + name + ')', cb);
    run([cmd, name](SshSession &s) {
        CommandResult out;
        SshError e;
        if (!s.exec(cmd, &out, &e))
            return sshFailure(e);
        if (out.exitStatus != 0)
            return driverError(502, "command_failed", QStringLiteral("%1 command exited with %2: %3")
                                                                   .arg(name).arg(out.exitStatus).arg(QString::fromUtf8(out.err.trimmed().right(300))));
        return driverOk({{"command", name}, {"output", QString::fromUtf8(out.out.right(4096))}});
    }, cb);
}

QJsonObject SshDriver::parseMetrics(const QByteArray &out)
{
    const QJsonDocument doc = QJsonDocument::fromJson(out);
    if (doc.isObject())
        return doc.object();
    QJsonObject m;
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> kv = line.simplified().split(' ');
        bool ok = false;
        const double v = kv.size() == 2 ? kv.at(1).toDouble(&ok) : 0;
        if (ok)
            m.insert(QString::fromUtf8(kv.at(0)), v);
    }
    return m;
}

void SshDriver::status(DriverCallback cb)
{
    const QString statusCmd = expand(command("status"), {});
    run([statusCmd](SshSession &s) {
        SshError e;
        if (!s.connected() && !s.connect(&e))
            return sshFailure(e);
        QJsonObject d{{"platform", "generic-ssh"}, {"hostKey", s.hostKeyFingerprint()}};
        if (statusCmd.isEmpty()) {
            d.insert("nfState", "unknown");
            return driverOk(d);
        }
        CommandResult out;
        if (!s.exec(statusCmd, &out, &e))
            return sshFailure(e);
        d.insert("nfState", out.exitStatus == 0 ? "running" : out.exitStatus == 3 ? "stopped" : "failed");
        d.insert("output", QString::fromUtf8(out.out.trimmed().right(1024)));
        return driverOk(d);
    }, cb);
}

void SshDriver::sample(DriverCallback cb)
{
    const QString statusCmd = expand(command("status"), {});
    const QString metricsCmd = expand(command("metrics"), {});
    run([statusCmd, metricsCmd](SshSession &s) {
        SshError e;
        CommandResult out;
        QString state = "unknown";
        if (!s.connected() && !s.connect(&e))
            return sshFailure(e);
        if (!statusCmd.isEmpty()) {
            if (!s.exec(statusCmd, &out, &e))
                return sshFailure(e);
            state = out.exitStatus == 0 ? "running" : out.exitStatus == 3 ? "stopped" : "failed";
        }
        QJsonObject metrics;
        if (!metricsCmd.isEmpty() && s.exec(metricsCmd, &out, &e) && out.exitStatus == 0)
            metrics = parseMetrics(out.out);
        return driverOk({{"nfState", state}, {"metrics", metrics}});
    }, cb);
}

void SshDriver::install(const NfBundle &nf, DriverCallback cb)
{
    m_nfName = nf.name;
    const QString installCmd = expand(command("install"), {});
    const QString dir = m_installDir;
    const QString configPath = m_configPath;
    run([nf, installCmd, dir, configPath](SshSession &s) {
        SshError e;
        QList<RemoteFile> files;
        for (auto it = nf.files.begin(); it != nf.files.end(); ++it) {
            const QString rel = QDir::cleanPath(it.key());
            if (rel.startsWith(QLatin1String("..")) || rel.startsWith('/'))
                return driverError(422, "bad_parameters", QStringLiteral("file %1 leaves the install directory").arg(it.key()));
            const int mode = rel.endsWith(QLatin1String(".sh")) || rel.startsWith(QLatin1String("Files/bin/")) ? 0755 : 0644;
            files.append({dir + '/' + rel, it.value(), mode});
        }
        files.append({configPath, QJsonDocument(nf.config).toJson(), 0644});
        if (!s.upload(files, &e))   // one SFTP channel for all of them
            return sshFailure(e);
        if (!installCmd.isEmpty()) {
            CommandResult out;
            if (!s.exec(installCmd, &out, &e))
                return sshFailure(e);
            if (out.exitStatus != 0)
                return driverError(502, "command_failed", QStringLiteral("install command exited with %1: %2")
                                                                       .arg(out.exitStatus).arg(QString::fromUtf8(out.err.trimmed().right(300))));
        }
        return driverOk({{"installed", nf.name}, {"files", int(nf.files.size())}, {"installDir", dir}});
    }, cb);
}

void SshDriver::configure(const QJsonObject &config, DriverCallback cb)
{
    const QString configPath = m_configPath;
    const QString configureCmd = expand(command("configure"), {});
    run([config, configPath, configureCmd](SshSession &s) {
        SshError e;
        if (!s.upload({{configPath, QJsonDocument(config).toJson(), 0644}}, &e))
            return sshFailure(e);
        if (!configureCmd.isEmpty()) {
            CommandResult out;
            if (!s.exec(configureCmd, &out, &e))
                return sshFailure(e);
            if (out.exitStatus != 0)
                return driverError(502, "command_failed", QStringLiteral("configure command exited with %1: %2")
                                                                       .arg(out.exitStatus).arg(QString::fromUtf8(out.err.trimmed().right(300))));
        }
        return driverOk({{"config", config}});
    }, cb);
}

void SshDriver::readConfig(DriverCallback cb)
{
    const QString configPath = m_configPath;
    run([configPath](SshSession &s) {
        SshError e;
        QByteArray data;
        if (!s.download(configPath, &data, &e))
            return sshFailure(e);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
        if (!doc.isObject())
            return driverError(502, "platform_error", QStringLiteral("%1 is not a JSON object: %2").arg(configPath, pe.errorString()));
        return driverOk({{"config", doc.object()}});
    }, cb);
}

void SshDriver::logs(int lines, DriverCallback cb)
{
    const QString cmd = expand(command("logs"), {{"lines", QString::number(lines)}});
    if (cmd.isEmpty())
        return unsupported("logs (no driverOptions.commands.logs)", cb);
    run([cmd](SshSession &s) {
        SshError e;
        CommandResult out;
        if (!s.exec(cmd, &out, &e))
            return sshFailure(e);
        QJsonArray a;
        for (const QByteArray &l : out.out.split('\n'))
            if (!l.isEmpty())
                a.append(QString::fromUtf8(l));
        return driverOk({{"lines", a}});
    }, cb);
}

} // namespace vines::ems
