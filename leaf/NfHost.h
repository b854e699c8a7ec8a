#pragma once
// Leaf's core: holds the one NF this execution platform runs, its files, configuration and
// lifecycle scripts (Scripts/install|start|stop|configure.sh), and persists what was
// installed and whether it should run, so a rebooted platform brings its NF back.
#include "LogBuffer.h"
#include "ProcessMetrics.h"
#include "nf/NetworkFunction.h"
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <memory>

namespace vines::leaf {

struct PlatformInfo {
    QString instanceId;
    QString name;
    QString address;
    QString flavour;
    int cpus = 1;
    int memoryMb = 256;
    QString dataDir;
};

// A refusal as the agent's API answers it: the error's kind gives the status, details["code"] the
// machine-readable code.
inline Error refusal(Error::Kind kind, const char *code, const QString &message)
{
    return Error(kind, message).withDetails({{"code", QString::fromLatin1(code)}});
}

class NfHost : public QObject {
    Q_OBJECT
public:
    explicit NfHost(PlatformInfo info, QObject *parent = nullptr);
    ~NfHost() override;

    void restore();   // reload a persisted NF, restart it if it was meant to run
    Result<> install(const QString &name, const QString &type, const QJsonObject &config, const QMap<QString, QByteArray> &files);
    Result<> uninstall();
    Result<> start();
    Result<> stop();
    Result<> restart();
    Result<> configure(const QJsonObject &config);
    void shutdown();  // platform going down: stop the NF but remember it should run

    QJsonObject status() const;
    QJsonObject config() const { return m_config; }
    QJsonObject metrics();
    LogBuffer &logs() { return m_log; }

private:
    QString nfDir() const;
    Result<> runScript(const QString &phase);
    void persist();
    void setState(const QString &state, const QString &error = {});

    PlatformInfo m_info;
    LogBuffer m_log;
    ProcessMetrics m_proc;
    QString m_state = QStringLiteral("none");   // none, installed, running, stopped, failed
    QString m_error;
    QString m_name;
    QString m_type;
    QJsonObject m_config;
    bool m_wantRunning = false;
    QDateTime m_startedAt;
    QDateTime m_bootedAt;
    std::unique_ptr<NetworkFunction> m_nf;
};

} // namespace vines::leaf
