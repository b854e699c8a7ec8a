#pragma once
// The embedded local VIM: every instance is a real vines-leaf process bound to its own
// loopback address (guest network 127.10.0.0/16, "public" addresses 127.20.0.0/24), started
// detached and supervised by pid, so the console can be restarted and re-adopt its VNFs.
// Needs no root: all of 127.0.0.0/8 is bindable on Linux.
#include "Vim.h"
#include <QDateTime>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>

namespace vines {

class Database;

class LocalVim : public Vim {
    Q_OBJECT
public:
    struct Options {
        QString leafBinary;
        QString workDir;
        quint16 managementPort = 7780;
        bool keepRunningOnExit = false;
        int bootTimeoutMs = 15000;
        int stopTimeoutMs = 5000;
        QString guestPrefix = QStringLiteral("127.10");
        QString publicPrefix = QStringLiteral("127.20.0");
        int maxConcurrentBoots = 4;   // more queue, so a burst of boots cannot starve the machine
        // The agents are this machine's guests: they run a little below the console (nice +5), so a
        // burst of them starting or relaying never starves the window the operator is using.
        int agentNiceness = 5;
    };

    LocalVim(Database &db, Options options, QObject *parent = nullptr);
    ~LocalVim() override;

    QString id() const override { return QStringLiteral("local"); }
    QString displayName() const override { return QStringLiteral("Local VIM (this machine)"); }
    QList<Flavour> flavours() const override;

    void createInstance(const CreateSpec &spec, VimCallback<VimInstance> cb) override;
    void startInstance(const QString &id, VimCallback<VimInstance> cb) override;
    void stopInstance(const QString &id, VimCallback<VimInstance> cb) override;
    void rebootInstance(const QString &id, VimCallback<VimInstance> cb) override;
    void scaleInstance(const QString &id, const QString &flavour, VimCallback<VimInstance> cb) override;
    void destroyInstance(const QString &id, VimCallback<Done> cb) override;
    void listInstances(VimCallback<QList<VimInstance>> cb) override;

    void allocatePublicAddress(VimCallback<PublicAddress> cb) override;
    void associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                VimCallback<PublicAddress> cb) override;
    void releasePublicAddress(const QString &address, VimCallback<Done> cb) override;
    void listPublicAddresses(VimCallback<QList<PublicAddress>> cb) override;
    void listNetworks(VimCallback<QList<VimNetwork>> cb) override;

    // Synchronous views for the UI and tests.
    QList<VimInstance> instances() const;
    qint64 pidOf(const QString &id) const;
    QHash<QString, qint64> runningAgents() const;   // Leaf processes on this VIM's server directories, by server id
    QString logFile(const QString &id) const;
    int runningCount() const;

private:
    struct Server {
        VimInstance inst;
        qint64 pid = 0;
        bool expectExit = false;
    };
    void load();
    void persist(const Server &s);
    QString pickGuestAddress() const;
    QString serverDir(const QString &id) const;
    void launch(const QString &id, VimCallback<VimInstance> cb);
    void boot(const QString &id, VimCallback<VimInstance> cb);
    void bootDone();
    void waitReady(const QString &id, qint64 deadline, VimCallback<VimInstance> cb);
    void terminate(const QString &id, std::function<void()> then);
    void supervise();
    bool alive(qint64 pid, const QString &id) const;
    template <typename T> void later(VimCallback<T> cb, VimResult<T> r);

    Database &m_db;
    Options m_opt;
    QHash<QString, Server> m_servers;
    QList<QPair<QString, VimCallback<VimInstance>>> m_bootQueue;
    int m_booting = 0;
    QTimer m_supervisor;
    QNetworkAccessManager m_nam;
};

} // namespace vines
