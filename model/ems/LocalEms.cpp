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
#include "util/DaemonStart.h"

namespace vines {

LocalEms::LocalEms(Options options, QObject *parent) : QObject(parent), m_opt(std::move(options)) {}

LocalEms::~LocalEms() { stop(); }

QString LocalEms::configPath() const { return QDir(m_opt.dataDir).filePath("ems.json"); }

QByteArray LocalEms::secret(const QString &file, QString *error)
{
    QFile f(file);
    if (f.open(QIODevice::ReadOnly)) {
        const QByteArray s = f.readAll().trimmed();
        if (s.size() >= 16)
            return s;
    }
    const QByteArray s = signing::randomToken(32);
    if (!writePrivateFile(file, s + '\n', error))   // created 0600, never readable by others even briefly
        return {};
    QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    return s;
}

bool LocalEms::writeConfig(QString *error)
{
    const QByteArray console = secret(QDir(m_opt.dataDir).filePath("console.key"), error);
    const QByteArray oss = secret(QDir(m_opt.dataDir).filePath("oss.key"), error);
    if (console.isEmpty() || oss.isEmpty())
        return false;
    const QJsonObject cfg{{"listen", "127.0.0.1"}, {"port", 0}, {"portFile", "ems.port"}, {"dataDir", "."},
                          {"defaultPollIntervalMs", m_opt.defaultPollIntervalMs},
                          {"clients", QJsonArray{QJsonObject{{"id", "vines-console"}, {"role", "vnfm"}, {"secret", QString::fromLatin1(console)}},
                                                 QJsonObject{{"id", "oss"}, {"role", "oss"}, {"secret", QString::fromLatin1(oss)}}}}};
    if (!writePrivateFile(configPath(), QJsonDocument(cfg).toJson(), error))
        return false;
    QFile::setPermissions(configPath(), QFile::ReadOwner | QFile::WriteOwner);
    m_endpoint.clientId = "vines-console";
    m_endpoint.secret = console;
    return true;
}

bool LocalEms::start(QString *error)
{
    if (running())
        return true;
    if (!QDir().mkpath(m_opt.dataDir) || !writeConfig(error))
        return false;
    delete m_proc;
    m_proc = new QProcess(this);
    m_proc->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proc->setStandardOutputFile(QProcess::nullDevice());
    m_stopping = false;
    // The embedded EMS goes when the console goes, even if the console crashes.
    const quint16 port = startDaemon(*m_proc, m_opt.binary, {"--config", configPath()}, QDir(m_opt.dataDir).filePath("ems.port"),
                                     m_opt.startTimeoutMs, error);
    if (!port) {
        *error = QStringLiteral("the embedded EMS: %1").arg(*error);
        return false;
    }
    m_endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    m_sinceStart.start();
    connect(m_proc, &QProcess::finished, this, [this](int code, QProcess::ExitStatus st) {
        if (m_stopping)
            return;
        const QString why = st == QProcess::CrashExit ? QStringLiteral("the EMS crashed") : QStringLiteral("the EMS exited with code %1").arg(code);
        Q_EMIT exitedUnexpectedly(why);
        // Restart, with a pause when it keeps dying; it resumes monitoring from its own database.
        const int delay = m_sinceStart.elapsed() < 5000 ? 3000 : 200;
        QTimer::singleShot(delay, this, [this]() {
            QString error;
            ++m_restarts;
            if (start(&error))
                Q_EMIT endpointChanged(m_endpoint);
        });
    });
    return true;
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
