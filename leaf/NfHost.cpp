#include "NfHost.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryFile>

namespace vines::leaf {

namespace {
QString safeRelative(const QString &p)
{
    if (p.isEmpty() || p.startsWith('/') || p.contains('\\'))
        return {};
    const QString clean = QDir::cleanPath(p);
    if (clean.startsWith(QLatin1String("..")) || clean.contains(QLatin1String("/../")))
        return {};
    return clean;
}
} // namespace

NfHost::NfHost(PlatformInfo info, QObject *parent) : QObject(parent), m_info(std::move(info))
{
    m_bootedAt = QDateTime::currentDateTimeUtc();
    QDir().mkpath(m_info.dataDir);
}

NfHost::~NfHost() { m_nf.reset(); }

QString NfHost::nfDir() const { return QDir(m_info.dataDir).filePath("nf"); }

void NfHost::setState(const QString &state, const QString &error)
{
    if (state != m_state)
        m_log.add("leaf", QStringLiteral("NF %1 -> %2%3").arg(m_state, state, error.isEmpty() ? QString() : ": " + error));
    m_state = state;
    m_error = error;
}

void NfHost::persist()
{
    QFile f(QDir(m_info.dataDir).filePath("nf-state.json"));
    const QString tmp = f.fileName() + ".tmp";
    QFile t(tmp);
    if (!t.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    t.write(QJsonDocument(QJsonObject{{"name", m_name}, {"type", m_type}, {"config", m_config},
                                      {"installed", m_state != QLatin1String("none")}, {"wantRunning", m_wantRunning}})
                .toJson());
    t.close();
    QFile::remove(f.fileName());
    QFile::rename(tmp, f.fileName());
}

void NfHost::restore()
{
    QFile f(QDir(m_info.dataDir).filePath("nf-state.json"));
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    if (!o.value("installed").toBool())
        return;
    m_name = o.value("name").toString();
    m_type = o.value("type").toString();
    m_config = o.value("config").toObject();
    m_state = QStringLiteral("installed");
    m_log.add("leaf", QStringLiteral("restored NF %1 (%2)").arg(m_name, m_type));
    if (o.value("wantRunning").toBool())
        start();
}

Result<> NfHost::runScript(const QString &phase)
{
    const QString script = QDir(nfDir()).filePath("Scripts/" + phase + ".sh");
    if (!QFile::exists(script))
        return {};
    QTemporaryFile cfg(QDir(m_info.dataDir).filePath("config-XXXXXX.json"));
    cfg.open();
    cfg.write(QJsonDocument(m_config).toJson());
    cfg.flush();
    QProcess p;
    p.setWorkingDirectory(nfDir());
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("VINES_NF_DIR", nfDir());
    env.insert("VINES_NF_NAME", m_name);
    env.insert("VINES_NF_TYPE", m_type);
    env.insert("VINES_ADDRESS", m_info.address);
    env.insert("VINES_CONFIG_FILE", cfg.fileName());
    env.insert("VINES_PHASE", phase);
    p.setProcessEnvironment(env);
    p.start("/bin/sh", {script});
    const bool finished = p.waitForFinished(30000);
    const QString out = QString::fromUtf8(p.readAll()).trimmed();
    if (!out.isEmpty())
        m_log.add(phase + ".sh", out);
    if (!finished) {
        p.kill();
        p.waitForFinished(1000);
        return refusal(Error::Kind::Timeout, "script_timeout", QStringLiteral("Scripts/%1.sh did not finish within 30 s").arg(phase));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return refusal(Error::Kind::Internal, "script_failed", QStringLiteral("Scripts/%1.sh exited with code %2%3").arg(phase).arg(p.exitCode())
                                                       .arg(out.isEmpty() ? QString() : ": " + out.right(300)));
    return {};
}

Result<> NfHost::install(const QString &name, const QString &type, const QJsonObject &config, const QMap<QString, QByteArray> &files)
{
    if (name.isEmpty())
        return refusal(Error::Kind::Invalid, "bad_request", "field 'name' is required");
    if (const Result<> valid = NfTypes::validate(type, config); !valid)
        return refusal(Error::Kind::Invalid, "invalid_config", valid.errorMessage());
    for (auto it = files.begin(); it != files.end(); ++it)
        if (safeRelative(it.key()).isEmpty())
            return refusal(Error::Kind::Invalid, "bad_path", QStringLiteral("file path '%1' escapes the NF directory").arg(it.key()));
    if (m_state == QLatin1String("running"))
        return refusal(Error::Kind::Conflict, "nf_running", "an NF is running on this platform; stop it before installing another");
    QDir(nfDir()).removeRecursively();
    QDir().mkpath(nfDir());
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QString path = QDir(nfDir()).filePath(safeRelative(it.key()));
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size())
            return refusal(Error::Kind::Exhausted, "write_failed", QStringLiteral("cannot write %1").arg(it.key()));
        if (it.key().startsWith(QLatin1String("Scripts/")) || it.key().startsWith(QLatin1String("Files/bin/")))
            f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    }
    m_name = name;
    m_type = type;
    m_config = config;
    const Result<> script = runScript("install");
    if (!script) {
        QDir(nfDir()).removeRecursively();
        m_name.clear();
        m_type.clear();
        setState("none");
        persist();
        return script;
    }
    m_wantRunning = false;
    setState("installed");
    persist();
    m_log.add("leaf", QStringLiteral("installed NF %1 (%2) with %3 files").arg(name, type).arg(files.size()));
    return {};
}

Result<> NfHost::uninstall()
{
    if (m_state == QLatin1String("none"))
        return refusal(Error::Kind::NotFound, "no_nf", "no NF is installed");
    stop();
    QDir(nfDir()).removeRecursively();
    m_name.clear();
    m_type.clear();
    m_config = {};
    setState("none");
    persist();
    return {};
}

Result<> NfHost::start()
{
    if (m_state == QLatin1String("none"))
        return refusal(Error::Kind::Conflict, "no_nf", "no NF is installed");
    if (m_state == QLatin1String("running"))
        return {};
    const Result<> pre = runScript("start");
    if (!pre) {
        setState("failed", pre.errorMessage());
        return pre;
    }
    m_nf = NfFactory::create(m_type, {nfDir(), m_info.memoryMb});
    if (!m_nf)
        return refusal(Error::Kind::Internal, "bad_type", "unknown NF type " + m_type);
    connect(m_nf.get(), &NetworkFunction::log, this, [this](const QString &l) { m_log.add(m_name, l); });
    connect(m_nf.get(), &NetworkFunction::failed, this, [this](const QString &reason) { setState("failed", reason); });
    if (const Result<> started = m_nf->start(m_info.address, m_config); !started) {
        m_nf.reset();
        setState("failed", started.errorMessage());
        return refusal(Error::Kind::Internal, "start_failed", started.errorMessage());
    }
    m_wantRunning = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    setState("running");
    persist();
    return {};
}

Result<> NfHost::stop()
{
    if (m_state == QLatin1String("none"))
        return refusal(Error::Kind::Conflict, "no_nf", "no NF is installed");
    if (m_nf) {
        m_nf->stop();
        m_nf.reset();
    }
    const Result<> post = runScript("stop");
    m_wantRunning = false;
    setState("stopped", post ? QString() : post.errorMessage());
    persist();
    return post;
}

Result<> NfHost::restart()
{
    if (m_state == QLatin1String("none"))
        return refusal(Error::Kind::Conflict, "no_nf", "no NF is installed");
    if (const Result<> s = stop(); !s)
        return s;
    return start();
}

Result<> NfHost::configure(const QJsonObject &config)
{
    if (m_state == QLatin1String("none"))
        return refusal(Error::Kind::Conflict, "no_nf", "no NF is installed");
    if (const Result<> valid = NfTypes::validate(m_type, config); !valid)
        return refusal(Error::Kind::Invalid, "invalid_config", valid.errorMessage());
    const QJsonObject old = m_config;
    m_config = config;
    const Result<> script = runScript("configure");
    if (!script) {
        m_config = old;
        return script;
    }
    if (m_nf)
        if (const Result<> applied = m_nf->reconfigure(config); !applied) {
            m_config = old;
            return refusal(Error::Kind::Conflict, "reconfigure_failed", applied.errorMessage());
        }
    persist();
    m_log.add("leaf", "configuration applied");
    return {};
}

void NfHost::shutdown()
{
    if (m_nf) {
        m_nf->stop();
        m_nf.reset();
        runScript("stop");
    }
}

QJsonObject NfHost::status() const
{
    QJsonObject nf{{"state", m_state}, {"name", m_name}, {"type", m_type}, {"error", m_error}};
    if (m_state == QLatin1String("running"))
        nf.insert("startedAt", m_startedAt.toString(Qt::ISODate));
    return {{"instanceId", m_info.instanceId}, {"name", m_info.name}, {"address", m_info.address},
            {"flavour", QJsonObject{{"name", m_info.flavour}, {"cpus", m_info.cpus}, {"memoryMb", m_info.memoryMb}}},
            {"uptimeS", m_bootedAt.secsTo(QDateTime::currentDateTimeUtc())}, {"pid", QCoreApplication::applicationPid()},
            {"nf", nf}};
}

QJsonObject NfHost::metrics()
{
    const ProcessSample self = m_proc.sample(QCoreApplication::applicationPid());
    ProcessSample child;
    if (m_nf && m_nf->childPid() > 0)
        child = m_proc.sample(m_nf->childPid());
    const NfCounters c = m_nf ? m_nf->counters() : NfCounters{};
    QJsonObject o{{"instanceId", m_info.instanceId}, {"state", m_state},
                  {"cpuPercent", self.cpuPercent + child.cpuPercent}, {"memoryRssKb", double(self.rssKb + child.rssKb)},
                  {"packetsIn", double(c.packetsIn)}, {"packetsOut", double(c.packetsOut)},
                  {"bytesIn", double(c.bytesIn)}, {"bytesOut", double(c.bytesOut)}, {"dropped", double(c.dropped)},
                  {"connections", double(c.connections)}, {"activeConnections", double(c.active)},
                  {"at", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    if (m_nf)
        o.insert("nf", m_nf->extraMetrics());
    return o;
}

} // namespace vines::leaf
