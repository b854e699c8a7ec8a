#pragma once
// The embedded local VIM: every instance is a real vines-leaf process, started detached and
// supervised by pid, so the console can be restarted and re-adopt its VNFs. Two guest networks:
//   loopback:   each agent binds its own loopback address (guest 127.10.0.0/16, "public"
//               127.20.0.0/24). Needs no root: all of 127.0.0.0/8 is bindable on Linux.
//   namespaces: each instance is its own network namespace on a veth link to a bridge
//               (GuestNamespaces: guest 10.10.0.0/16, public 10.20.0.0/24), as a CloudStack VM is
//               on its guest network; its VNFs forward in the kernel. Needs root.
#include "GuestNamespaces.h"
#include "Vim.h"
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>

namespace vines {

struct SpawnSpec;

class Database;

class LocalVim : public Vim {
    Q_OBJECT
public:
    enum class GuestNetwork { Loopback, Namespaces };
    static QString guestNetworkName(GuestNetwork g) { return g == GuestNetwork::Namespaces ? QStringLiteral("namespaces") : QStringLiteral("loopback"); }
    // "loopback", "namespaces" or "auto" (namespaces where GuestNamespaces may run, else loopback; *why says why not).
    static GuestNetwork guestNetworkFromName(const QString &name, bool *ok, QString *why = nullptr);

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
        // While it boots (loading, starting Qt: tens of ms of CPU each, four at a time) an agent runs
        // further below (nice +15); once it answers it is put back to agentNiceness.
        int bootNiceness = 15;
        GuestNetwork guestNetwork = GuestNetwork::Loopback;
        // "auto": a VIM that already has servers keeps their guest network (a chain never spans both).
        bool followExistingServers = false;
        GuestNamespaces::Options namespaces;   // its prefixes replace the two above when namespaces are used
    };

    LocalVim(Database &db, Options options, QObject *parent = nullptr);
    ~LocalVim() override;

    QString id() const override { return QStringLiteral("local"); }
    QString displayName() const override
    {
        return m_opt.guestNetwork == GuestNetwork::Namespaces ? QStringLiteral("Local VIM (this machine, network namespaces)")
                                                              : QStringLiteral("Local VIM (this machine, loopback)");
    }
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
    GuestNetwork guestNetwork() const { return m_opt.guestNetwork; }

private:
    struct Server {
        VimInstance inst;
        qint64 pid = 0;
        bool expectExit = false;
    };
    void load();
    void persist(const Server &s);
    QString pickGuestAddress() const;
    QSet<QString> foreignNamespaceAddresses() const;
    QString serverDir(const QString &id) const;
    void launch(const QString &id, VimCallback<VimInstance> cb);
    void boot(const QString &id, VimCallback<VimInstance> cb);
    void bootDone();
    void waitReady(const QString &id, qint64 deadline, VimCallback<VimInstance> cb);
    void terminate(const QString &id, std::function<void()> then);
    void supervise();
    bool alive(qint64 pid, const QString &id) const;
    void setNiceness(qint64 pid, int below) const;
    void startAgent(const QString &id, const SpawnSpec &spawn, VimCallback<VimInstance> cb);
    bool namespaced(const Server &s) const { return !QHostAddress(s.inst.privateAddress).isLoopback(); }
    template <typename T> void later(VimCallback<T> cb, VimResult<T> r);

    Database &m_db;
    Options m_opt;
    GuestNamespaces m_namespaces;
    QHash<QString, Server> m_servers;
    QList<QPair<QString, VimCallback<VimInstance>>> m_bootQueue;
    int m_booting = 0;
    QTimer m_supervisor;
    QNetworkAccessManager m_nam;
    mutable QSet<qint64> m_children;   // agents this console started: reaped by alive() once they end
};

} // namespace vines
