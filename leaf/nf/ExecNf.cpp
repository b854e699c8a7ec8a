#include "ExecNf.h"
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <sys/resource.h>

namespace vines::leaf {

namespace {
const NfFactory::Registration exec("exec", [](const NfFactory::Where &w) { return std::make_unique<ExecNf>(w.nfDir, w.memoryMb); });
} // namespace

Result<> ExecNf::start(const QString &address, const QJsonObject &config)
{
    stop();
    m_address = address;
    const QString cmd = QDir(m_dir).filePath(config.value("command").toString());
    if (!QDir::cleanPath(cmd).startsWith(QDir::cleanPath(m_dir) + '/') || !QFile::exists(cmd))
        return Error::invalid(QStringLiteral("config.command: %1 is not a file of the installed NF").arg(config.value("command").toString()));
    QStringList args;
    for (const auto &a : config.value("args").toArray())
        args << a.toString();
    m_proc = new QProcess(this);
    m_proc->setWorkingDirectory(m_dir);
    m_proc->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("VINES_ADDRESS", address);
    env.insert("VINES_NF_DIR", m_dir);
    m_proc->setProcessEnvironment(env);
    const rlim_t limit = static_cast<rlim_t>(qMax(64, m_memoryMb)) * 1024 * 1024 * 4;   // address space, with room for mappings
    m_proc->setChildProcessModifier([limit]() {
        struct rlimit rl{limit, limit};
        setrlimit(RLIMIT_AS, &rl);
    });
    connect(m_proc, &QProcess::readyRead, this, [this]() { Q_EMIT log(QString::fromUtf8(m_proc->readAll())); });
    connect(m_proc, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (m_stopping)
            return;
        Q_EMIT failed(status == QProcess::CrashExit ? QStringLiteral("NF process crashed")
                                                    : QStringLiteral("NF process exited with code %1").arg(code));
    });
    m_proc->start(cmd, args);
    if (!m_proc->waitForStarted(5000)) {
        const QString why = QStringLiteral("cannot start %1: %2").arg(cmd, m_proc->errorString());
        delete m_proc;
        m_proc = nullptr;
        return Error::unavailable(why);
    }
    Q_EMIT log(QStringLiteral("started %1 (pid %2)").arg(cmd).arg(m_proc->processId()));
    return {};
}

void ExecNf::stop()
{
    if (!m_proc)
        return;
    m_stopping = true;
    m_proc->terminate();
    if (!m_proc->waitForFinished(3000)) {
        m_proc->kill();
        m_proc->waitForFinished(1000);
    }
    delete m_proc;
    m_proc = nullptr;
    m_stopping = false;
}

Result<> ExecNf::reconfigure(const QJsonObject &config)
{
    return start(m_address, config);   // an exec NF takes new configuration by restarting
}

} // namespace vines::leaf
