#include "GuestNamespaces.h"
#include "net/FlowSteering.h"
#include "util/KernelSetting.h"
#include "util/SystemTool.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace vines {

namespace {

// One iproute2 command; its error text when it fails.
QString ip(const QStringList &args)
{
    const ToolRun r = runSystemTool("ip", args);
    return r.ok ? QString() : r.error;
}

bool linkExists(const QString &name) { return QFile::exists(QStringLiteral("/sys/class/net/%1").arg(name)); }

// Whether a link of that name is in the named namespace (sysfs shows only this process's own).
bool linkIn(const QString &netns, const QString &name)
{
    bool found = false;
    GuestNamespaces::runInNamespace(netns, [&]() { found = if_nametoindex(name.toLocal8Bit().constData()) != 0; });
    return found;
}

// Writes a sysctl of the named namespace's network stack (a thread in it sees its own /proc/sys/net).
// False when it cannot: absent (br_netfilter not loaded) or refused.
bool setNetSysctl(const QString &netns, const QString &key, const QByteArray &value)
{
    bool written = false;
    GuestNamespaces::runInNamespace(netns, [&]() {
        written = writeKernelSetting(QStringLiteral("/proc/sys/net/") + QString(key).replace('.', '/'), value);
    });
    return written;
}

// Sets a link's largest GRO and IPv4 GSO/GRO packet sizes (IFLA_GRO_MAX_SIZE, IFLA_GSO_IPV4_MAX_SIZE,
// IFLA_GRO_IPV4_MAX_SIZE) over rtnetlink: iproute2 in Debian 12 does not know the IPv4 ones. In the
// named network namespace (empty: this process's), from a thread of its own, which alone enters it.
// Best effort: a kernel without BIG TCP refuses or ignores them and the link keeps 64 KiB.
void setPacketSizes(const QString &netns, const QString &link, quint32 bytes)
{
    GuestNamespaces::runInNamespace(netns, [&]() {
        const unsigned index = if_nametoindex(link.toLocal8Bit().constData());
        const int sock = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        if (index == 0 || sock < 0) {
            if (sock >= 0) ::close(sock);
            return;
        }
        for (const unsigned short type : {58 /* IFLA_GRO_MAX_SIZE */, 63 /* IFLA_GSO_IPV4_MAX_SIZE */, 64 /* IFLA_GRO_IPV4_MAX_SIZE */}) {
            struct {
                nlmsghdr h;
                ifinfomsg i;
                rtattr a;
                quint32 value;
            } req{};
            req.h.nlmsg_len = sizeof req;
            req.h.nlmsg_type = RTM_NEWLINK;
            req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
            req.i.ifi_family = AF_UNSPEC;
            req.i.ifi_index = int(index);
            req.a.rta_len = RTA_LENGTH(sizeof(quint32));
            req.a.rta_type = type;
            req.value = bytes;
            if (::send(sock, &req, sizeof req, 0) == ssize_t(sizeof req)) {
                char ack[1024];
                ::recv(sock, ack, sizeof ack, 0);   // the ACK or an error: either way the next one
            }
        }
        ::close(sock);
    });
}

// A guest's hardware address follows from its IPv4 address (locally administered, 02:76:a.b.c.d):
// an address given again (a healed VNF, a new one after a deleted one) answers with the same one,
// so neither the host nor the other guests ever hold a stale neighbour entry for it.
QString macFor(const QString &address)
{
    const quint32 a = QHostAddress(address).toIPv4Address();
    return QStringLiteral("02:76:%1:%2:%3:%4").arg((a >> 24) & 0xff, 2, 16, QChar('0')).arg((a >> 16) & 0xff, 2, 16, QChar('0'))
        .arg((a >> 8) & 0xff, 2, 16, QChar('0')).arg(a & 0xff, 2, 16, QChar('0'));
}

} // namespace

GuestNamespaces::GuestNamespaces() : m_opt(Options()) {}

bool GuestNamespaces::runInNamespace(const QString &netns, const std::function<void()> &fn)
{
    bool entered = true;
    std::thread worker([&]() {   // setns moves only the calling thread, which ends with fn
        if (!netns.isEmpty()) {
            const int fd = ::open(QFile::encodeName("/run/netns/" + netns).constData(), O_RDONLY | O_CLOEXEC);
            entered = fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
            if (fd >= 0)
                ::close(fd);
        }
        if (entered)
            fn();
    });
    worker.join();
    return entered;
}

QString GuestNamespaces::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("network namespaces need root (run the console as root, or use the loopback guest network)");
    if (systemTool("ip").isEmpty())
        return QStringLiteral("iproute2 is not installed (apt-get install iproute2)");
    return {};
}

Result<> GuestNamespaces::ensureBridge() const
{
    if (const QString why = unavailableReason(); !why.isEmpty())
        return Error::unavailable(why);
    const QString sw = switchNamespace(), up = m_opt.bridge, mtu = QString::number(m_opt.mtu);
    // A console from before the switch had its own namespace left the bridge on the host: its
    // guests' links move to the switch, then it goes (the name becomes the host's uplink).
    QStringList adopted;
    if (QFile::exists(QStringLiteral("/sys/class/net/%1/bridge").arg(up))) {
        adopted = QDir(QStringLiteral("/sys/class/net/%1/brif").arg(up)).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
        ip({"link", "delete", up});
    }
    if (!namespaceExists(sw))
        if (const QString e = ip({"netns", "add", sw}); !e.isEmpty() && !namespaceExists(sw))
            return Error::internal(e);
    // Bridged frames skip the netfilter hooks in the switch (bridge-nf-call-*: 1 in a new
    // namespace wherever br_netfilter is loaded, as on any Docker host). On the host they would
    // cross its firewall (a FORWARD policy of DROP cuts the guests off each other) and cost a third
    // of a chain's throughput.
    for (const char *family : {"iptables", "ip6tables", "arptables"})
        setNetSysctl(sw, QStringLiteral("bridge.bridge-nf-call-%1").arg(QLatin1String(family)), "0");
    // The guests' kernel forwarders steer each flow to its reader's CPU (RFS): the table of where
    // sockets read is the machine's, seen only from here, not from a guest.
    ensureSockFlowTable();
    if (!linkIn(sw, "br0"))
        if (const QString e = ip({"-n", sw, "link", "add", "br0", "mtu", mtu, "type", "bridge"}); !e.isEmpty() && !linkIn(sw, "br0"))
            return Error::internal(e);
    if (!linkExists(up))
        if (const QString e = ip({"link", "add", up, "mtu", mtu, "address", macFor(gateway()), "type", "veth", "peer", "name", "uplink",
                                  "mtu", mtu, "netns", sw});
            !e.isEmpty() && !linkExists(up))
            return Error::internal(e);
    // The gateway's hardware address is fixed (it follows its IPv4 address, as a guest's does).
    auto sysfs = [&up](const char *name) {
        return QString::fromLatin1(readKernelSetting(QStringLiteral("/sys/class/net/%1/%2").arg(up, QLatin1String(name))));
    };
    // (Only when they differ: setting a link's address flushes every neighbour entry on it.)
    const bool fresh = sysfs("address") != macFor(gateway()) || sysfs("mtu") != mtu || sysfs("operstate") == QLatin1String("down");
    if (fresh) {
        for (const QStringList &args : QList<QStringList>{{"link", "set", up, "mtu", mtu, "address", macFor(gateway())},
                                                          {"-n", sw, "link", "set", "uplink", "master", "br0", "up"},
                                                          {"-n", sw, "link", "set", "br0", "up"}})
            if (const QString e = ip(args); !e.isEmpty())
                return Error::internal(e);
        setPacketSizes({}, up, m_opt.bigTcpBytes);
        setPacketSizes(sw, "uplink", m_opt.bigTcpBytes);
        setPacketSizes(sw, "br0", m_opt.bigTcpBytes);
    }
    for (const QString &port : std::as_const(adopted)) {
        ip({"link", "set", port, "netns", sw});
        ip({"-n", sw, "link", "set", port, "master", "br0", "up"});
        setPacketSizes(sw, port, m_opt.bigTcpBytes);
    }
    for (const QString &cidr : {gateway() + "/16", m_opt.publicPrefix + ".254/24"}) {
        const QString e = ip({"address", "replace", cidr, "dev", up});
        if (!e.isEmpty())
            return Error::internal(e);
    }
    if (const QString e = ip({"link", "set", up, "up"}); !e.isEmpty())
        return Error::internal(e);
    return Result<>();
}

QString GuestNamespaces::hostLink(const QString &id) const
{
    // Interface names are at most 15 bytes: a short digest of the namespace's name.
    return "vv" + QString::fromLatin1(QCryptographicHash::hash(namespaceOf(id).toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

bool GuestNamespaces::namespaceExists(const QString &netns) { return QFile::exists("/run/netns/" + netns); }

bool GuestNamespaces::hasGuest(const QString &id) const { return namespaceExists(namespaceOf(id)); }

Result<> GuestNamespaces::addGuest(const QString &id, const QString &address) const
{
    const Result<> bridge = ensureBridge();
    if (!bridge)
        return bridge;
    const QString ns = namespaceOf(id), link = hostLink(id);
    if (!hasGuest(id))
        if (const QString e = ip({"netns", "add", ns}); !e.isEmpty())
            return Error::internal(e);
    markOwner(ns);
    auto fail = [&](const QString &e) {
        removeGuest(id);
        return Error::internal(e);
    };
    const QString sw = switchNamespace();
    if (!linkIn(sw, link))
        if (const QString e = ip({"-n", sw, "link", "add", link, "mtu", QString::number(m_opt.mtu), "type", "veth", "peer", "name", "eth0",
                                  "mtu", QString::number(m_opt.mtu), "address", macFor(address), "netns", ns});
            !e.isEmpty())
            return fail(e);
    for (const QStringList &args : QList<QStringList>{{"-n", sw, "link", "set", link, "master", "br0", "up"},
                                                      {"-n", ns, "link", "set", "lo", "up"},
                                                      {"-n", ns, "address", "replace", address + "/16", "dev", "eth0"},
                                                      {"-n", ns, "link", "set", "eth0", "up"},
                                                      {"-n", ns, "route", "replace", "default", "via", gateway()}})
        if (const QString e = ip(args); !e.isEmpty())
            return fail(e);
    setPacketSizes(sw, link, m_opt.bigTcpBytes);
    setPacketSizes(ns, "eth0", m_opt.bigTcpBytes);
    return Result<>();
}

void GuestNamespaces::removeGuest(const QString &id) const
{
    if (hasGuest(id))
        ip({"netns", "delete", namespaceOf(id)});   // its end of the link goes with it, and so the switch's
    QFile::remove(ownerFile(namespaceOf(id)));
    if (namespaceExists(switchNamespace()) && linkIn(switchNamespace(), hostLink(id)))
        ip({"-n", switchNamespace(), "link", "delete", hostLink(id)});
}

QSet<QString> GuestNamespaces::foreignAddresses(const QSet<QString> &ownIds) const
{
    QSet<QString> out;
    for (const QString &ns : QDir("/run/netns").entryList(QDir::Files)) {
        if (!ns.startsWith(m_opt.namespacePrefix) || ownIds.contains(ns.mid(m_opt.namespacePrefix.size())))
            continue;
        const ToolRun shown = runSystemTool("ip", {"-n", ns, "-4", "-o", "address", "show"}, {}, 5000);
        if (!shown.ok)
            continue;
        // "2: eth0    inet 10.10.0.7/16 scope global eth0 ..."
        for (const QByteArray &line : shown.out.split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            const int inet = int(f.indexOf("inet"));
            if (inet >= 0 && inet + 1 < f.size())
                out.insert(QString::fromLatin1(f.at(inet + 1).split('/').first()));
        }
    }
    return out;
}

namespace {
// A process as "pid start-time" (/proc/<pid>/stat field 22): a pid reused by another process differs.
QByteArray processStamp(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    const QList<QByteArray> after = stat.mid(stat.lastIndexOf(')') + 2).split(' ');   // fields from 3 on
    return after.size() > 19 ? QByteArray::number(pid) + ' ' + after.at(19) : QByteArray();
}
} // namespace

QString GuestNamespaces::ownerFile(const QString &netns) { return QStringLiteral("/run/vines-netns/") + netns; }

// Who made a namespace: the process that asks for it, so a namespace made for an agent that has
// not started yet is never taken for an empty one while its maker lives.
void GuestNamespaces::markOwner(const QString &netns)
{
    QDir().mkpath(QStringLiteral("/run/vines-netns"));
    QFile f(ownerFile(netns));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(processStamp(QCoreApplication::applicationPid()) + '\n');
}

bool GuestNamespaces::ownedByAnotherLiveProcess(const QString &netns)
{
    QFile f(ownerFile(netns));
    if (!f.open(QIODevice::ReadOnly))
        return false;   // made before owners were recorded, or by nobody alive: nobody claims it
    const QByteArray stamp = f.readAll().trimmed();
    const qint64 pid = stamp.split(' ').first().toLongLong();
    return pid > 0 && pid != QCoreApplication::applicationPid() && processStamp(pid) == stamp;
}

int GuestNamespaces::removeEmpty() const
{
    int removed = 0;
    for (const QString &ns : QDir("/run/netns").entryList(QDir::Files)) {
        if (!ns.startsWith(m_opt.namespacePrefix) || ownedByAnotherLiveProcess(ns))
            continue;
        const ToolRun pids = runSystemTool("ip", {"netns", "pids", ns}, {}, 5000);
        if (!pids.ok || !pids.out.trimmed().isEmpty())
            continue;
        removeGuest(ns.mid(m_opt.namespacePrefix.size()));
        ++removed;
    }
    return removed;
}

void GuestNamespaces::removeBridge() const
{
    if (linkExists(m_opt.bridge))
        ip({"link", "delete", m_opt.bridge});   // the uplink, and its end in the switch
    if (namespaceExists(switchNamespace()))
        ip({"netns", "delete", switchNamespace()});   // the bridge with it
}

QStringList GuestNamespaces::wrap(const QString &id, const QString &program, const QStringList &args) const
{
    return QStringList{systemTool("ip"), "netns", "exec", namespaceOf(id), program} + args;
}

} // namespace vines
