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
#include <memory>
#include <optional>

namespace vines {

struct SpawnSpec;

class Database;

class LocalVim : public Vim {
    Q_OBJECT
public:
    enum class GuestNetwork { Loopback, Namespaces };
    static QString guestNetworkName(GuestNetwork g) { return g == GuestNetwork::Namespaces ? QStringLiteral("namespaces") : QStringLiteral("loopback"); }
    // "loopback", "namespaces" or "auto" (namespaces where GuestNamespaces may run, else loopback; *why says why not).
    // The guest network an option names: "loopback", "namespaces" or "auto" (namespaces where
    // they can be made). Refused: an unknown name, or namespaces where they cannot be made.
    struct GuestNetworkChoice {
        GuestNetwork network = GuestNetwork::Loopback;
        bool automatic = false;   // an existing local VIM keeps its servers' guest network
        QString fellBack;         // auto chose loopback: why namespaces could not be used
    };
    static Result<GuestNetworkChoice> chooseGuestNetwork(const QString &name);

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

    void createInstance(const CreateSpec &spec, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void startInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void stopInstance(const QString &id, VimCallback<VimInstance> cb) override;
    void rebootInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void scaleInstance(const QString &id, const QString &flavour, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void destroyInstance(const QString &id, VimCallback<> cb) override;
    void listInstances(VimCallback<QList<VimInstance>> cb) override;

    void allocatePublicAddress(VimCallback<PublicAddress> cb) override;
    void associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                VimCallback<PublicAddress> cb) override;
    void releasePublicAddress(const QString &address, VimCallback<> cb) override;
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
    // One boot of a server's agent: who waits for it, and whether the server was made for it
    // (a create: a boot that fails or is cancelled removes the server again).
    struct Boot {
        QString id;
        CancelToken cancel;
        VimCallback<VimInstance> cb;
        bool created = false;
    };
    void load();
    void persist(const Server &s);
    QString pickGuestAddress() const;
    QSet<QString> foreignNamespaceAddresses() const;
    QString serverDir(const QString &id) const;
    void launch(Boot b);     // a new boot: cancellable from now on
    void schedule(Boot b);   // now, or queued behind maxConcurrentBoots
    void boot(Boot b);
    void bootDone();
    void waitReady(std::shared_ptr<Boot> b, qint64 deadline);
    void abandon(Boot b, const QString &why, std::optional<Error> failure = std::nullopt);
    void discard(const QString &id);
    void terminate(const QString &id, std::function<void()> then);
    void supervise();
    bool alive(qint64 pid, const QString &id) const;
    void setNiceness(qint64 pid, int below) const;
    void startAgent(Boot b, const SpawnSpec &spawn);
    bool namespaced(const Server &s) const { return !QHostAddress(s.inst.privateAddress).isLoopback(); }
    template <typename T> void later(VimCallback<T> cb, Result<T> r);

    Database &m_db;
    Options m_opt;
    GuestNamespaces m_namespaces;
    QHash<QString, Server> m_servers;
    QList<Boot> m_bootQueue;
    int m_booting = 0;
    QTimer m_supervisor;
    QNetworkAccessManager m_nam;
    mutable QSet<qint64> m_children;   // agents this console started: reaped by alive() once they end
};

} // namespace vines
