#pragma once
// The embedded EMS: the console runs a vines-ems daemon of its own (loopback only, its own
// data directory and database, a generated API key for the console stored with mode 0600, plus
// a read-only "oss" key for operators' tools), waits until it listens, and restarts it if it dies.
#include "EmsClient.h"
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>

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

    bool start(QString *error);   // blocks until the daemon listens (or fails), at most startTimeoutMs
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
    bool writeConfig(QString *error);
    QByteArray secret(const QString &file, QString *error);
    Options m_opt;
    QProcess *m_proc = nullptr;
    EmsEndpoint m_endpoint;
    bool m_stopping = false;
    int m_restarts = 0;
    QElapsedTimer m_sinceStart;
};

} // namespace vines
