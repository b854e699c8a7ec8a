#include "LocalEms.h"
#include "util/PrivateFile.h"
#include "net/RequestSigning.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>

namespace vines {

LocalEms::LocalEms(Options options, QObject *parent) : QObject(parent), m_opt(std::move(options)) {}

LocalEms::~LocalEms() { stop(); }

QString LocalEms::configPath() const { return QDir(m_opt.dataDir).filePath("ems.json"); }

Result<QByteArray> LocalEms::secret(const QString &file)
{
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray s = f.readAll().trimmed();
        if (s.size() >= 16)
            return s;
    }
    const QByteArray s = signing::randomToken(32);
    if (const Result<> kept = writePrivateFile(file, s + '\n'); !kept)   // created 0600, never readable by others even briefly
        return kept.error();
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    return s;
}

Result<> LocalEms::writeConfig()
{
    const Result<QByteArray> console = secret(QDir(m_opt.dataDir).filePath("console.key"));
    if (!console)
        return console.error();
    const Result<QByteArray> oss = secret(QDir(m_opt.dataDir).filePath("oss.key"));
    if (!oss)
        return oss.error();
    const QJsonObject cfg{{"listen", "127.0.0.1"}, {"port", 0}, {"portFile", "ems.port"}, {"dataDir", "."},
                          {"defaultPollIntervalMs", m_opt.defaultPollIntervalMs},
                          {"clients", QJsonArray{QJsonObject{{"id", "vines-console"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(*console)}},
                                                 QJsonObject{{"id", "oss"}, {"role", "oss"}, {"secret", QString::fromLatin1(*oss)}}}}};
    if (const Result<> written = writePrivateFile(configPath(), QJsonDocument(cfg).toJson()); !written)
        return written;
    QFile::setPermissions(configPath(), QFile::ReadOwner | QFile::WriteOwner);
    m_endpoint.clientId = "vines-console";
    m_endpoint.secret = *console;
    return {};
}

void LocalEms::start(std::function<void(const Result<> &)> done)
{
    if (running())
        return done({});
    if (!QDir().mkpath(m_opt.dataDir))
        return done(Error::unavailable(QStringLiteral("cannot create %1").arg(m_opt.dataDir)));
    if (Result<> written = writeConfig(); !written)
        return done(written);
    delete m_proc;
    m_proc = new QProcess(this);
    m_proc->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proc->setStandardOutputFile(QProcess::nullDevice());
    m_stopping = false;
    const QString portFile = QDir(m_opt.dataDir).filePath("ems.port");
    QFile::remove(portFile);
    // The embedded EMS goes when the console goes, even if the console crashes.
    m_proc->setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_proc->start(m_opt.binary, {"--config", configPath()});
    m_sinceStart.start();
    awaitPort(std::move(done));
}

// Looks for the port file every 20 ms on the event loop (never a wait): the daemon writes it once
// it listens.
void LocalEms::awaitPort(std::function<void(const Result<> &)> done)
{
    const QString portFile = QDir(m_opt.dataDir).filePath("ems.port");
    if (QFile pf(portFile); QFile::exists(portFile) && pf.open(QIODevice::ReadOnly)) {
        const quint16 port = quint16(pf.readAll().trimmed().toUInt());
        if (port) {
            m_endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
            connect(m_proc, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
                if (m_stopping)
                    return;
                const QString why = st == QProcess::CrashExit ? QStringLiteral("the EMS crashed") : QStringLiteral("the EMS exited with code %1").arg(code);
                Q_EMIT exitedUnexpectedly(why);
                // Restart, with a pause when it keeps dying; it resumes monitoring from its own database.
                const int delay = m_sinceStart.elapsed() < 5000 ? 3000 : 200;
                QTimer::singleShot(delay, this, [this]() {
                    ++m_restarts;
                    start([this](const Result<> &r) {
                        if (r)
                            Q_EMIT endpointChanged(m_endpoint);
                    });
                });
            });
            return done({});
        }
    }
    if (m_proc->state() == QProcess::NotRunning || m_sinceStart.elapsed() > m_opt.startTimeoutMs) {
        const QString why = m_proc->state() == QProcess::NotRunning
                                ? (m_proc->error() == QProcess::FailedToStart ? QStringLiteral("cannot start %1: %2").arg(m_opt.binary, m_proc->errorString())
                                                                               : QStringLiteral("it exited with code %1").arg(m_proc->exitCode()))
                                : QStringLiteral("no port after %1 ms").arg(m_opt.startTimeoutMs);
        m_stopping = true;
        m_proc->kill();
        return done(Error::unavailable(QStringLiteral("the embedded EMS did not come up: %1").arg(why)));
    }
    QTimer::singleShot(20, this, [this, done = std::move(done)]() mutable { awaitPort(std::move(done)); });
}

void LocalEms::stop()
{
    if (!m_proc)
        return;
    m_stopping = true;
    if (m_proc->state() != QProcess::NotRunning) {
        m_proc->terminate();
        if (!m_proc->waitForFinished(5000)) {
            m_proc->kill();
            m_proc->waitForFinished(2000);
        }
    }
}

} // namespace vines
