#pragma once
// The embedded EMS: the console runs a vines-ems daemon of its own (loopback only, its own
// data directory and database, a generated API key for the console stored with mode 0600, plus
// a read-only "oss" key for operators' tools), hears when it listens (its port file appears; the
// event loop keeps running meanwhile), and restarts it if it dies.
#include "EmsClient.h"
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <functional>

namespace vines {

class LocalEms : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString binary;
        QString dataDir;
        int defaultPollIntervalMs = 2000;
        int startTimeoutMs = 10000;
    };
    explicit LocalEms(Options options, QObject *parent = nullptr);
    ~LocalEms() override;

    // Starts the daemon; `done` once it listens, or why not (at most startTimeoutMs).
    void start(std::function<void(const Result<> &)> done);
    void stop();
    bool running() const { return m_proc && m_proc->state() == QProcess::Running; }
    EmsEndpoint endpoint() const { return m_endpoint; }
    QString configPath() const;
    qint64 pid() const { return m_proc ? m_proc->processId() : 0; }
    int restarts() const { return m_restarts; }

Q_SIGNALS:
    void endpointChanged(const vines::EmsEndpoint &endpoint);
    void exitedUnexpectedly(const QString &why);

private:
    Result<> writeConfig();
    void awaitPort(std::function<void(const Result<> &)> done);
    Result<QByteArray> secret(const QString &file);
    Options m_opt;
    QProcess *m_proc = nullptr;
    EmsEndpoint m_endpoint;
    bool m_stopping = false;
    int m_restarts = 0;
    QElapsedTimer m_sinceStart;
};

} // namespace vines
