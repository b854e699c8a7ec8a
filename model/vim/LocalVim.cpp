#include "LocalVim.h"
#include "util/PrivateFile.h"
#include "util/Spawn.h"
#include "util/Background.h"
#include <QCoreApplication>
#include "net/LeafClient.h"
#include "catalog/Database.h"
#include "catalog/Records.h"
#include "net/HttpJsonClient.h"
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <sys/resource.h>
#include <QSqlQuery>
#include <QTcpServer>
#include <QHostAddress>
#include <QSet>
#include <QtEndian>
#include <algorithm>
#include <csignal>
#include <sys/types.h>

namespace vines {

Result<LocalVim::GuestNetworkChoice> LocalVim::chooseGuestNetwork(const QString &name)
{
    const QString reason = GuestNamespaces::unavailableReason();
    if (name == QLatin1String("loopback"))
        return GuestNetworkChoice{GuestNetwork::Loopback, false, {}};
    if (name == QLatin1String("namespaces")) {
        if (!reason.isEmpty())
            return Error::unavailable(QStringLiteral("namespaces: %1").arg(reason));
        return GuestNetworkChoice{GuestNetwork::Namespaces, false, {}};
    }
    if (name == QLatin1String("auto"))
        return GuestNetworkChoice{reason.isEmpty() ? GuestNetwork::Namespaces : GuestNetwork::Loopback, true, reason};
    return Error::invalid(QStringLiteral("must be loopback, namespaces or auto, not '%1'").arg(name));
}

LocalVim::LocalVim(Database &db, Options options, QObject *parent)
    : Vim(parent), m_db(db), m_opt(std::move(options)), m_namespaces(m_opt.namespaces)
{
    QDir().mkpath(m_opt.workDir);
    load();
    if (m_opt.followExistingServers && !m_servers.isEmpty()) {
        const bool anyLoopback = std::any_of(m_servers.cbegin(), m_servers.cend(), [this](const Server &s) { return !namespaced(s); });
        m_opt.guestNetwork = anyLoopback ? GuestNetwork::Loopback : GuestNetwork::Namespaces;
    }
    if (m_opt.guestNetwork == GuestNetwork::Namespaces) {
        m_opt.guestPrefix = m_opt.namespaces.guestPrefix;
        m_opt.publicPrefix = m_opt.namespaces.publicPrefix;
        // Namespaces whose agents are gone (a console killed, its data deleted) would hold their addresses for ever.
        if (const int n = m_namespaces.removeEmpty(); n > 0)
            qInfo("local VIM: removed %d guest namespaces nothing ran in", n);
    }
    connect(&m_supervisor, &QTimer::timeout, this, &LocalVim::supervise);
    m_supervisor.start(500);
}

LocalVim::~LocalVim()
{
    if (m_opt.keepRunningOnExit)
        return;
    for (auto &s : m_servers)
        if (s.pid > 0 && alive(s.pid, s.inst.id))
            ::kill(static_cast<pid_t>(s.pid), SIGKILL);
}

QList<Flavour> LocalVim::flavours() const
{
    return {{"tiny", 1, 128}, {"small", 1, 256}, {"medium", 2, 512}, {"large", 4, 1024}};
}

template <typename T>
void LocalVim::later(VimCallback<T> cb, Result<T> r)
{
    QTimer::singleShot(0, this, [cb = std::move(cb), r = std::move(r)]() { cb(r); });
}

QString LocalVim::serverDir(const QString &id) const { return QDir(m_opt.workDir).filePath("servers/" + id); }
QString LocalVim::logFile(const QString &id) const { return QDir(serverDir(id)).filePath("leaf.log"); }

// Leaf processes running on one of this VIM's server directories, by server id. A console
// killed between starting a process and recording its pid, or whose database was deleted,
// leaves such processes behind; load() adopts or ends them.
QHash<QString, qint64> LocalVim::runningAgents() const
{
    QHash<QString, qint64> out;
    const QByteArray root = QFile::encodeName(QDir(QDir(m_opt.workDir).filePath("servers")).absolutePath()) + '/';
    for (const QString &entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid())
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> argv = f.readAll().split('\0');
        if (argv.isEmpty() || !argv.first().endsWith("vines-leaf"))
            continue;
        for (int i = 0; i + 1 < argv.size(); ++i)
            if (argv[i] == "--data-dir" && argv[i + 1].startsWith(root))
                out.insert(QString::fromUtf8(argv[i + 1].mid(root.size())).section('/', 0, 0), pid);
    }
    return out;
}

void LocalVim::load()
{
    QHash<QString, qint64> agents = runningAgents();
    QSqlQuery q = m_db.query("SELECT id, name, address, flavour, state, pid, tags_json FROM local_vim_servers");
    while (q.next()) {
        Server s;
        s.inst.id = q.value(0).toString();
        s.inst.name = q.value(1).toString();
        s.inst.privateAddress = q.value(2).toString();
        s.inst.flavour = q.value(3).toString();
        s.inst.state = fromText(q.value(4).toString(), ServerState::Stopped);
        s.inst.managementPort = m_opt.managementPort;
        s.pid = q.value(5).toLongLong();
        const QJsonObject tags = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
        for (auto it = tags.begin(); it != tags.end(); ++it)
            s.inst.tags.insert(it.key(), it.value().toString());
        // Re-adopt processes that outlived a previous console, also one started but never
        // recorded (the console died in between); anything else is powered off.
        const qint64 found = agents.take(s.inst.id);
        if (!(s.pid > 0 && alive(s.pid, s.inst.id)) && found > 0 && s.inst.state != ServerState::Stopped) {
            s.pid = found;
            s.inst.state = ServerState::Running;
            persist(s);
        } else if (found > 0 && found != s.pid) {
            ::kill(static_cast<pid_t>(found), SIGKILL);   // a second agent for one server, or one for a stopped server
        }
        if (!(s.pid > 0 && alive(s.pid, s.inst.id)) && s.inst.state != ServerState::Stopped) {
            s.pid = 0;
            s.inst.state = ServerState::Stopped;
            persist(s);
        }
        m_servers.insert(s.inst.id, s);
    }
    // Agents of servers this VIM has no record of (a deleted or older database): nobody owns them.
    for (auto it = agents.begin(); it != agents.end(); ++it) {
        qWarning("local VIM: ending orphan Leaf agent %lld of unknown server %s", it.value(), qPrintable(it.key()));
        ::kill(static_cast<pid_t>(it.value()), SIGKILL);
    }
}

void LocalVim::persist(const Server &s)
{
    QJsonObject tags;
    for (auto it = s.inst.tags.begin(); it != s.inst.tags.end(); ++it)
        tags.insert(it.key(), it.value());
    m_db.exec("INSERT INTO local_vim_servers (id, name, address, flavour, state, pid, tags_json, created_at)"
              " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET flavour=excluded.flavour, state=excluded.state,"
              " pid=excluded.pid, tags_json=excluded.tags_json",
              {s.inst.id, s.inst.name, s.inst.privateAddress, s.inst.flavour, text(s.inst.state), s.pid,
               QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact)), isoNow()});
}

// The agent's niceness, `below` the console's, on each of its threads (on Linux a niceness is a
// thread's; threads started later inherit their creator's).
void LocalVim::setNiceness(qint64 pid, int below) const
{
    if (pid <= 0)
        return;
    const int nice = qMin(19, ::getpriority(PRIO_PROCESS, 0) + qMax(0, below));   // never above the console
    const QStringList threads = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (threads.isEmpty())
        ::setpriority(PRIO_PROCESS, id_t(pid), nice);
    for (const QString &tid : threads)
        ::setpriority(PRIO_PROCESS, id_t(tid.toLongLong()), nice);
}

bool LocalVim::alive(qint64 pid, const QString &id) const
{
    // An agent this console started is its child: its pid is its own until it is reaped, so whether
    // it runs is whether it has ended. (Its command line is no test: it reads empty for a moment
    // while the program is being loaded, right after the spawn returns.)
    if (m_children.contains(pid)) {
        if (!reapIfEnded(pid))
            return true;
        m_children.remove(pid);
        return false;
    }
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
        return false;
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray cmd = f.readAll();
    return cmd.contains("vines-leaf") && cmd.contains(id.toUtf8());
}

// IPv4 addresses something on this machine listens on (TCP) or has a UDP socket bound to, from
// the kernel's tables: another console's chain, or anything else, on an address of our pools.
static QSet<quint32> addressesInUse()
{
    QSet<quint32> out;
    for (const char *table : {"/proc/net/tcp", "/proc/net/udp"}) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const bool tcp = QByteArray(table).endsWith("tcp");
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.simplified().split(' ');
            if (cols.size() < 4 || !cols.at(1).contains(':') || (tcp && cols.at(3) != "0A"))   // 0A: LISTEN
                continue;
            bool ok = false;
            // The kernel prints the address's network-order bytes as one native number.
            const quint32 raw = cols.at(1).split(':').first().toUInt(&ok, 16);
            if (ok)
                out.insert(qFromBigEndian(raw));
        }
    }
    return out;
}

QSet<QString> LocalVim::foreignNamespaceAddresses() const
{
    QSet<QString> own;
    for (const Server &s : m_servers)
        own.insert(s.inst.id);
    return m_namespaces.foreignAddresses(own);
}

QString LocalVim::pickGuestAddress() const
{
    QSet<QString> used;
    for (const Server &s : m_servers)
        used.insert(s.inst.privateAddress);
    if (m_opt.guestNetwork == GuestNetwork::Namespaces) {
        used.unite(foreignNamespaceAddresses());   // another console's guests on the same bridge
        used.insert(m_namespaces.gateway());       // the host's, in the router's place
    }
    for (int hi = 0; hi < 256; ++hi) {
        for (int lo = 1; lo < 255; ++lo) {
            const QString a = QStringLiteral("%1.%2.%3").arg(m_opt.guestPrefix).arg(hi).arg(lo);
            if (used.contains(a))
                continue;
            if (m_opt.guestNetwork == GuestNetwork::Namespaces)
                return a;   // nothing on the host can hold it: guests live in their own namespaces
            QTcpServer probe;   // skip addresses something else already listens on
            if (!probe.listen(QHostAddress(a), m_opt.managementPort))
                continue;
            return a;
        }
    }
    return {};
}

void LocalVim::createInstance(const CreateSpec &spec, const CancelToken &cancel, VimCallback<VimInstance> cb)
{
    const QString flavourName = spec.flavour.isEmpty() ? QStringLiteral("small") : spec.flavour;
    if (!hasFlavour(flavourName))
        return later(cb, Result<VimInstance>(Error::unprocessable(QStringLiteral("unknown flavour '%1'").arg(flavourName))));
    if (!QFile::exists(m_opt.leafBinary))
        return later(cb, Result<VimInstance>(Error::unavailable(QStringLiteral("Leaf agent binary not found at %1").arg(m_opt.leafBinary))));
    if (cancel.cancelled())
        return later(cb, Result<VimInstance>(Error::cancelled(QStringLiteral("creating %1 was cancelled before it began").arg(spec.name))));
    const QString address = pickGuestAddress();
    if (address.isEmpty())
        return later(cb, Result<VimInstance>(Error::exhausted("guest network exhausted: no free address in " + m_opt.guestPrefix + ".0.0/16")));
    Server s;
    s.inst.id = "vm-" + newId().left(8);
    s.inst.name = spec.name;
    s.inst.flavour = flavourName;
    s.inst.privateAddress = address;
    s.inst.managementPort = m_opt.managementPort;
    s.inst.state = ServerState::Creating;
    s.inst.tags = spec.tags;
    QDir().mkpath(serverDir(s.inst.id));
    // The user data: what a cloud's metadata service would hand the guest, a file only the user can read.
    if (!spec.userData.isEmpty())
        if (const Result<> written = writePrivateFile(QDir(serverDir(s.inst.id)).filePath("user-data"), spec.userData); !written) {
            QDir(serverDir(s.inst.id)).removeRecursively();
            return later(cb, Result<VimInstance>(written.error().prefixed(QStringLiteral("the instance's user data"))));
        }
    m_servers.insert(s.inst.id, s);
    persist(s);
    launch(Boot{s.inst.id, cancel, std::move(cb), true});
}

void LocalVim::launch(Boot b)
{
    if (b.cancel.cancelled())
        return abandon(std::move(b), QStringLiteral("cancelled before it booted"));
    // Cancelling a boot that waits for its turn drops it at once; one under way is ended at its next step.
    b.cancel.onCancel(this, [this, id = b.id]() {
        for (int i = 0; i < m_bootQueue.size(); ++i)
            if (m_bootQueue.at(i).id == id)
                return abandon(m_bootQueue.takeAt(i), QStringLiteral("cancelled while it waited to boot"));
        if (m_servers.contains(id) && m_servers[id].pid > 0 && alive(m_servers[id].pid, id))
            ::kill(static_cast<pid_t>(m_servers[id].pid), SIGKILL);   // booting: its next step sees the cancel
    });
    schedule(std::move(b));
}

void LocalVim::schedule(Boot b)
{
    if (m_booting >= qMax(1, m_opt.maxConcurrentBoots)) {
        m_bootQueue.append(std::move(b));
        return;
    }
    ++m_booting;
    VimCallback<VimInstance> cb = std::move(b.cb);
    b.cb = [this, cb](const Result<VimInstance> &r) {
        bootDone();
        cb(r);
    };
    boot(std::move(b));
}

void LocalVim::bootDone()
{
    --m_booting;
    while (!m_bootQueue.isEmpty() && m_booting < qMax(1, m_opt.maxConcurrentBoots)) {
        Boot next = m_bootQueue.takeFirst();
        if (!m_servers.contains(next.id)) {
            next.cb(Error::notFound("instance " + next.id + " was destroyed before it booted"));
            continue;
        }
        schedule(std::move(next));
    }
}

// A boot that will not finish (cancelled, or failed): the agent ended, and a server made for it
// removed with its directory and namespace, so a failed or cancelled create leaves nothing behind.
void LocalVim::abandon(Boot b, const QString &why, std::optional<Error> failure)
{
    const QString name = m_servers.contains(b.id) ? m_servers[b.id].inst.name : b.id;
    if (m_servers.contains(b.id)) {
        Server &s = m_servers[b.id];
        if (s.pid > 0 && alive(s.pid, b.id))
            ::kill(static_cast<pid_t>(s.pid), SIGKILL);
        s.pid = 0;
        if (b.created) {
            discard(b.id);
        } else {
            s.inst.state = failure ? ServerState::Error : ServerState::Stopped;
            persist(s);
        }
    }
    b.cb(failure ? *failure : Error::cancelled(QStringLiteral("booting %1 was %2").arg(name, why)));
}

void LocalVim::discard(const QString &id)
{
    const bool ns = m_servers.contains(id) && namespaced(m_servers[id]);
    m_db.exec("UPDATE local_vim_addresses SET instance_id = NULL WHERE instance_id = ?", {id});
    m_db.exec("DELETE FROM local_vim_servers WHERE id = ?", {id});
    QDir(serverDir(id)).removeRecursively();
    if (ns)
        m_namespaces.removeGuest(id);
    m_servers.remove(id);
}

void LocalVim::boot(Boot b)
{
    Server &s = m_servers[b.id];
    const QString id = b.id;
    const Flavour f = flavour(s.inst.flavour);
    QStringList args{"--address", s.inst.privateAddress, "--port", QString::number(s.inst.managementPort),
                     "--instance-id", id, "--name", s.inst.name, "--flavour", f.name,
                     "--cpus", QString::number(f.cpus), "--memory-mb", QString::number(f.memoryMb),
                     "--data-dir", serverDir(id)};
    if (const QString userData = QDir(serverDir(id)).filePath("user-data"); QFile::exists(userData))
        args << "--user-data" << userData;
    SpawnSpec spawn{m_opt.leafBinary, args, serverDir(id), logFile(id)};
    if (!namespaced(s))
        return startAgent(std::move(b), spawn);
    // Its own namespace on the guest bridge (again after a host reboot, which clears them): a dozen
    // runs of ip, each a process started from this one, so on a worker thread, not the window's.
    const QStringList wrapped = m_namespaces.wrap(id, m_opt.leafBinary, args);
    spawn.program = wrapped.first();
    spawn.arguments = wrapped.mid(1);
    const GuestNamespaces net = m_namespaces;
    const QString address = s.inst.privateAddress;
    auto boot = std::make_shared<Boot>(std::move(b));
    inBackground<Result<>>(
        this, [net, id, address]() { return net.addGuest(id, address); },
        [this, id, spawn, boot](const Result<> &made) {
            if (!m_servers.contains(id)) {
                m_namespaces.removeGuest(id);
                return boot->cb(Error::notFound("instance " + id + " was destroyed while its network was made"));
            }
            if (boot->cancel.cancelled())
                return abandon(std::move(*boot), QStringLiteral("cancelled while its network was made"));
            if (!made)
                return abandon(std::move(*boot), {}, made.error().prefixed(QStringLiteral("guest network for %1").arg(m_servers[id].inst.name)));
            startAgent(std::move(*boot), spawn);
        });
}

void LocalVim::startAgent(Boot b, const SpawnSpec &spawn)
{
    Server &s = m_servers[b.id];
    const Result<qint64> started = spawnDetached(spawn);
    if (!started)
        return abandon(std::move(b), {}, started.error());
    const qint64 pid = *started;
    m_children.insert(pid);
    setNiceness(pid, qMax(m_opt.bootNiceness, m_opt.agentNiceness));
    s.pid = pid;
    s.expectExit = false;
    persist(s);
    waitReady(std::make_shared<Boot>(std::move(b)), QDateTime::currentMSecsSinceEpoch() + m_opt.bootTimeoutMs);
}

void LocalVim::waitReady(std::shared_ptr<Boot> b, qint64 deadline)
{
    const QString id = b->id;
    if (!m_servers.contains(id))
        return b->cb(Error::notFound("instance " + id + " vanished while booting"));
    if (b->cancel.cancelled())
        return abandon(std::move(*b), QStringLiteral("cancelled while it booted"));
    Server &s = m_servers[id];
    if (!alive(s.pid, id)) {
        QFile log(logFile(id));
        log.open(QIODevice::ReadOnly);
        const QString tail = QString::fromUtf8(log.readAll().right(400)).trimmed();
        s.pid = 0;
        return abandon(std::move(*b), {}, Error::unavailable(QStringLiteral("Leaf on %1 exited while booting: %2").arg(s.inst.privateAddress, tail)));
    }
    if (QDateTime::currentMSecsSinceEpoch() > deadline)
        return abandon(std::move(*b), {},
                       Error::timeout(QStringLiteral("Leaf on %1 did not answer within %2 ms").arg(s.inst.privateAddress).arg(m_opt.bootTimeoutMs)));
    // The VIM knows the agent's secret as the guest does: from the user data it handed it, or, for
    // an agent given none, from the file it writes once it runs (read again on every poll).
    const QByteArray secret = LeafClient::secretInDataDir(serverDir(id), QDir(serverDir(id)).filePath("user-data"));
    LeafClient(&m_nam, s.inst.privateAddress, s.inst.managementPort, secret, 1000).status([this, b, deadline](const HttpResult &r) {
        const QString id = b->id;
        if (r && r->object().value("instanceId").toString() == id && m_servers.contains(id) && !b->cancel.cancelled()) {
            Server &s = m_servers[id];
            setNiceness(s.pid, m_opt.agentNiceness);
            s.inst.state = ServerState::Running;
            persist(s);
            return b->cb(s.inst);
        }
        QTimer::singleShot(50, this, [this, b, deadline]() { waitReady(b, deadline); });
    });
}

void LocalVim::terminate(const QString &id, std::function<void()> then)
{
    Server &s = m_servers[id];
    s.expectExit = true;
    const qint64 pid = s.pid;
    if (!alive(pid, id)) {
        s.pid = 0;
        return QTimer::singleShot(0, this, then);
    }
    ::kill(static_cast<pid_t>(pid), SIGTERM);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + m_opt.stopTimeoutMs;
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, id, pid, deadline, then, poll]() {
        if (alive(pid, id) && QDateTime::currentMSecsSinceEpoch() < deadline)
            return QTimer::singleShot(20, this, *poll);
        if (alive(pid, id))
            ::kill(static_cast<pid_t>(pid), SIGKILL);
        if (m_servers.contains(id))
            m_servers[id].pid = 0;
        *poll = nullptr;   // break the self-reference
        then();
    };
    QTimer::singleShot(20, this, *poll);
}

void LocalVim::startInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb)
{
    if (!m_servers.contains(id))
        return later(cb, Result<VimInstance>(Error::notFound("no such instance " + id)));
    if (alive(m_servers[id].pid, id))
        return later(cb, Result<VimInstance>(m_servers[id].inst));
    launch(Boot{id, cancel, std::move(cb), false});
}

void LocalVim::stopInstance(const QString &id, VimCallback<VimInstance> cb)
{
    if (!m_servers.contains(id))
        return later(cb, Result<VimInstance>(Error::notFound("no such instance " + id)));
    terminate(id, [this, id, cb]() {
        if (!m_servers.contains(id))
            return cb(Error::notFound("instance " + id + " was destroyed while it stopped"));
        Server &s = m_servers[id];
        s.inst.state = ServerState::Stopped;
        persist(s);
        cb(s.inst);
    });
}

void LocalVim::rebootInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb)
{
    stopInstance(id, [this, id, cancel, cb](const Result<VimInstance> &r) {
        if (!r)
            return cb(r);
        launch(Boot{id, cancel, cb, false});
    });
}

void LocalVim::scaleInstance(const QString &id, const QString &flavourName, const CancelToken &cancel, VimCallback<VimInstance> cb)
{
    if (!m_servers.contains(id))
        return later(cb, Result<VimInstance>(Error::notFound("no such instance " + id)));
    if (!hasFlavour(flavourName))
        return later(cb, Result<VimInstance>(Error::unprocessable(QStringLiteral("unknown flavour '%1'").arg(flavourName))));
    const bool wasRunning = alive(m_servers[id].pid, id);
    terminate(id, [this, id, flavourName, wasRunning, cancel, cb]() {
        if (!m_servers.contains(id))
            return cb(Error::notFound("instance " + id + " was destroyed while it was scaled"));
        Server &s = m_servers[id];
        s.inst.flavour = flavourName;
        s.inst.state = ServerState::Stopped;
        persist(s);
        if (wasRunning)
            launch(Boot{id, cancel, cb, false});
        else
            cb(s.inst);
    });
}

void LocalVim::destroyInstance(const QString &id, VimCallback<> cb)
{
    if (!m_servers.contains(id))
        return later(cb, Result<>(Error::notFound("no such instance " + id)));
    terminate(id, [this, id, cb]() {
        discard(id);
        cb({});
    });
}

QList<VimInstance> LocalVim::instances() const
{
    QList<VimInstance> out;
    for (const Server &s : m_servers)
        out.append(s.inst);
    return out;
}

qint64 LocalVim::pidOf(const QString &id) const { return m_servers.value(id).pid; }

int LocalVim::runningCount() const
{
    int n = 0;
    for (const Server &s : m_servers)
        n += s.inst.state == ServerState::Running ? 1 : 0;
    return n;
}

void LocalVim::listInstances(VimCallback<QList<VimInstance>> cb) { later(cb, Result<QList<VimInstance>>(instances())); }

void LocalVim::supervise()
{
    for (auto it = m_children.begin(); it != m_children.end();)   // agents ended and killed: no zombies left
        it = reapIfEnded(*it) ? m_children.erase(it) : std::next(it);
    for (auto it = m_servers.begin(); it != m_servers.end(); ++it) {
        Server &s = it.value();
        if (s.inst.state != ServerState::Running || s.expectExit || alive(s.pid, s.inst.id))
            continue;
        s.inst.state = ServerState::Error;
        s.pid = 0;
        persist(s);
        Q_EMIT instanceStateChanged(s.inst.id, ServerState::Error,
                                    QStringLiteral("Leaf process of %1 exited unexpectedly (log: %2)").arg(s.inst.name, logFile(s.inst.id)));
    }
}

void LocalVim::allocatePublicAddress(VimCallback<PublicAddress> cb)
{
    QSet<QString> used;
    QSqlQuery q = m_db.query("SELECT address FROM local_vim_addresses");
    while (q.next())
        used.insert(q.value(0).toString());
    // As guest addresses are: one another console (or anything else) already serves is skipped.
    QSet<quint32> busy = addressesInUse();
    if (m_opt.guestNetwork == GuestNetwork::Namespaces)
        for (const QString &a : foreignNamespaceAddresses())   // another console's router holds it
            busy.insert(QHostAddress(a).toIPv4Address());
    // On the namespaces guest network .254 is the host's own address on the public network.
    const int last = m_opt.guestNetwork == GuestNetwork::Namespaces ? 253 : 254;
    for (int lo = 1; lo <= last; ++lo) {
        const QString a = QStringLiteral("%1.%2").arg(m_opt.publicPrefix).arg(lo);
        if (used.contains(a) || busy.contains(QHostAddress(a).toIPv4Address()))
            continue;
        if (const Result<> w = m_db.exec("INSERT INTO local_vim_addresses (address, allocated_at) VALUES (?, ?)", {a, isoNow()}); !w)
            return later(cb, Result<PublicAddress>(w.error()));
        return later(cb, Result<PublicAddress>(PublicAddress{a, {}}));
    }
    later(cb, Result<PublicAddress>(Error::exhausted("public address pool " + m_opt.publicPrefix + ".0/24 is exhausted")));
}

void LocalVim::associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &, VimCallback<PublicAddress> cb)
{
    if (!m_servers.contains(instanceId))
        return later(cb, Result<PublicAddress>(Error::notFound("no such instance " + instanceId)));
    QSqlQuery q = m_db.query("SELECT 1 FROM local_vim_addresses WHERE address = ?", {address});
    if (!q.next())
        return later(cb, Result<PublicAddress>(Error::notFound("address " + address + " is not allocated")));
    if (const Result<> w = m_db.exec("UPDATE local_vim_addresses SET instance_id = ? WHERE address = ?", {instanceId, address}); !w)
        return later(cb, Result<PublicAddress>(w.error()));
    later(cb, Result<PublicAddress>(PublicAddress{address, instanceId}));
}

void LocalVim::releasePublicAddress(const QString &address, VimCallback<> cb)
{
    QSqlQuery q = m_db.query("SELECT 1 FROM local_vim_addresses WHERE address = ?", {address});
    if (!q.next())
        return later(cb, Result<>(Error::notFound("address " + address + " is not allocated")));
    later(cb, m_db.exec("DELETE FROM local_vim_addresses WHERE address = ?", {address}));
}

void LocalVim::listPublicAddresses(VimCallback<QList<PublicAddress>> cb)
{
    QList<PublicAddress> out;
    QSqlQuery q = m_db.query("SELECT address, instance_id FROM local_vim_addresses ORDER BY address");
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    later(cb, Result<QList<PublicAddress>>(out));
}

void LocalVim::listNetworks(VimCallback<QList<VimNetwork>> cb)
{
    later(cb, Result<QList<VimNetwork>>(QList<VimNetwork>{{"local-guest", "Guest network", m_opt.guestPrefix + ".0.0/16", "guest"},
                                                          {"local-public", "Public network", m_opt.publicPrefix + ".0/24", "public"}}));
}

} // namespace vines
