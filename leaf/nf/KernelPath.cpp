#include "KernelPath.h"
#include "net/FlowSteering.h"
#include "util/KernelSetting.h"
#include "util/SystemTool.h"
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cstring>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

namespace vines::leaf {

namespace {

bool hasNetAdmin()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("CapEff:")) {
            bool ok = false;
            const quint64 caps = line.mid(7).trimmed().toULongLong(&ok, 16);
            return ok && (caps & (quint64(1) << 12));   // CAP_NET_ADMIN
        }
    return false;
}

QString interfaceOf(const QHostAddress &address, bool *found)
{
    *found = false;
    ifaddrs *list = nullptr;
    if (getifaddrs(&list) != 0)
        return {};
    QString name;
    for (ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
            continue;
        if (ntohl(reinterpret_cast<sockaddr_in *>(i->ifa_addr)->sin_addr.s_addr) == address.toIPv4Address()) {
            *found = true;
            name = QString::fromLocal8Bit(i->ifa_name);
            break;
        }
    }
    freeifaddrs(list);
    return name;
}

// Announces that `address` is now at this interface (a gratuitous ARP request, as CloudStack's
// router does with arping when it takes a public address): whoever still holds the hardware
// address of its previous holder (a router replaced after a heal or a restart) updates at once.
void announce(const QString &dev, const QHostAddress &address)
{
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ARP));
    if (fd < 0)
        return;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, dev.toLocal8Bit().constData(), IFNAMSIZ - 1);
    if (::ioctl(fd, SIOCGIFHWADDR, &ifr) != 0) {
        ::close(fd);
        return;
    }
    unsigned char frame[42] = {};
    std::memset(frame, 0xff, 6);                               // to everyone on the link
    std::memcpy(frame + 6, ifr.ifr_hwaddr.sa_data, 6);
    frame[12] = 0x08; frame[13] = 0x06;                        // ARP
    const unsigned char head[8] = {0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01};   // Ethernet, IPv4, request
    std::memcpy(frame + 14, head, 8);
    const quint32 ip = htonl(address.toIPv4Address());
    std::memcpy(frame + 22, ifr.ifr_hwaddr.sa_data, 6);        // sender: us
    std::memcpy(frame + 28, &ip, 4);
    std::memcpy(frame + 38, &ip, 4);                           // target: the same address
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_protocol = htons(ETH_P_ARP);
    to.sll_ifindex = int(if_nametoindex(dev.toLocal8Bit().constData()));
    to.sll_halen = 6;
    std::memset(to.sll_addr, 0xff, 6);
    ::sendto(fd, frame, sizeof frame, 0, reinterpret_cast<sockaddr *>(&to), sizeof to);
    ::close(fd);
}

QString hostPort(const QHostAddress &a, quint16 p) { return QStringLiteral("%1:%2").arg(a.toString()).arg(p); }

} // namespace

QString KernelPath::unavailableReason(const QHostAddress &address)
{
    if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
        return QStringLiteral("the kernel forwards no traffic for a loopback address");
    if (!hasNetAdmin())
        return QStringLiteral("the agent lacks CAP_NET_ADMIN");
    if (systemTool("nft").isEmpty())
        return QStringLiteral("nftables is not installed");
    return {};
}

Result<KernelPath::Choice> KernelPath::choose(const QJsonObject &config, const QHostAddress &address)
{
    const QString want = config.value("data_path").toString("auto");
    Choice c;
    c.note = want == QLatin1String("splice") ? QStringLiteral("config.data_path is splice") : unavailableReason(address);
    c.kernel = c.note.isEmpty();
    if (want == QLatin1String("kernel") && !c.kernel)
        return Error::unprocessable(QStringLiteral("config.data_path is kernel, but %1").arg(c.note));
    return c;
}

Result<bool> KernelPath::ensureLocalAddress(const QHostAddress &address, const QHostAddress &besides)
{
    bool here = false;
    interfaceOf(address, &here);
    if (here || address.isLoopback())
        return false;
    bool found = false;
    const QString dev = interfaceOf(besides, &found);
    if (!found || !hasNetAdmin())
        return Error::unprocessable(QStringLiteral("%1 is not an address of this host").arg(address.toString()));
    if (const ToolRun r = runSystemTool("ip", {"address", "add", address.toString() + "/32", "dev", dev}); !r.ok)
        return Error::internal(r.error);
    announce(dev, address);
    return true;
}

void KernelPath::dropLocalAddress(const QHostAddress &address)
{
    bool here = false;
    const QString dev = interfaceOf(address, &here);
    if (here && !address.isLoopback())
        runSystemTool("ip", {"address", "del", address.toString() + "/32", "dev", dev});
}

QString KernelPath::script(const QList<Route> &routes, const QJsonObject &firewall, bool monitor) const
{
    QStringList listen, pre, refuse, post;
    for (const Route &r : routes) {
        listen << r.listen.toString();
        // Answers come back through this hop: the next one sees the flow come from here.
        post << QStringLiteral("    ct status dnat ct original ip daddr %1 snat to %2")
                    .arg(r.listen.toString(), (r.source.isNull() ? r.listen : r.source).toString());
        for (const char *proto : {"tcp", "udp"}) {
            if ((QLatin1String(proto) == "tcp" && !r.tcp) || (QLatin1String(proto) == "udp" && !r.udp))
                continue;
            const QString match = QStringLiteral("ip daddr %1 %2 dport %3").arg(r.listen.toString(), QLatin1String(proto)).arg(r.port);
            if (r.nextPort)
                pre << QStringLiteral("    %1 dnat to %2").arg(match, hostPort(r.next, r.nextPort));
            else   // nowhere to send it: refused at once, as a relay with no next hop does
                refuse << QStringLiteral("    %1 ct state new counter %2 comment \"drop\"")
                              .arg(match, QLatin1String(proto) == "tcp" ? "reject with tcp reset" : "reject");
        }
    }
    listen.removeDuplicates();
    const QString listenSet = "{ " + listen.join(", ") + " }";
    QStringList admit;   // once per new flow: deny rules drop, allow rules return, the default decides the rest
    for (const auto &v : firewall.value("rules").toArray()) {
        const QJsonObject r = v.toObject();
        QString m = QStringLiteral("    ");
        if (!r.value("source").toString().isEmpty()) {
            const auto subnet = QHostAddress::parseSubnet(r.value("source").toString());
            if (subnet.first.protocol() != QAbstractSocket::IPv4Protocol)
                continue;   // an IPv6 source never matches this IPv4 path (nor does it in the relay)
            m += QStringLiteral("ip saddr %1/%2 ").arg(subnet.first.toString()).arg(subnet.second < 0 ? 32 : subnet.second);
        }
        const QString p = r.value("protocol").toString("any");
        if (p != QLatin1String("any"))
            m += QStringLiteral("meta l4proto %1 ").arg(p);
        m += r.value("action").toString() == QLatin1String("allow") ? QStringLiteral("return") : QStringLiteral("counter drop comment \"drop\"");
        admit << m;
    }
    if (firewall.value("default_action").toString("allow") == QLatin1String("deny"))
        admit << QStringLiteral("    counter drop comment \"drop\"");
    QString s;
    s += QStringLiteral("table ip %1 {}\ndelete table ip %1\ntable ip %1 {\n").arg(m_table);
    if (monitor)
        s += QStringLiteral("  set talkers { type ipv4_addr; size 65536; flags dynamic,timeout; timeout 1h; counter; }\n");
    s += QStringLiteral("  chain pre {\n    type nat hook prerouting priority dstnat; policy accept;\n%1\n  }\n").arg(pre.join('\n'));
    post.removeDuplicates();
    s += QStringLiteral("  chain post {\n    type nat hook postrouting priority srcnat; policy accept;\n%1\n  }\n").arg(post.join('\n'));
    s += QStringLiteral("  chain admit {\n%1\n  }\n").arg(admit.join('\n'));
    s += QStringLiteral("  chain flows {\n    ct direction original counter comment \"original\"\n    ct direction reply counter comment \"reply\"\n"
                        "    ct state new jump admit\n    ct state new meta l4proto tcp counter comment \"connection\"\n"
                        "    ct state new meta l4proto udp counter comment \"session\"\n%1  }\n")
             .arg(monitor ? QStringLiteral("    ct direction original update @talkers { ip saddr }\n") : QString());
    s += QStringLiteral("  chain forward {\n    type filter hook forward priority filter; policy accept;\n"
                        "    ct status dnat ct original ip daddr %1 jump flows\n  }\n").arg(listenSet);
    if (!refuse.isEmpty())
        s += QStringLiteral("  chain input {\n    type filter hook input priority filter; policy accept;\n%1\n  }\n").arg(refuse.join('\n'));
    s += "}\n";
    return s;
}

Result<> KernelPath::apply(const QList<Route> &routes, const QJsonObject &firewall, bool monitor)
{
    const NfCounters before = m_applied ? readTable() : NfCounters{};
    if (routes.isEmpty()) {
        remove();
        return {};
    }
    if (!writeKernelSetting("/proc/sys/net/ipv4/ip_forward", "1"))
        return Error::forbidden(QStringLiteral("cannot turn on IPv4 forwarding (/proc/sys/net/ipv4/ip_forward)"));
    // The interfaces the flows arrive on (and leave by: a hop sends them out where they came in).
    QStringList links;
    for (const Route &r : routes) {
        bool found = false;
        const QString dev = interfaceOf(r.listen, &found);
        if (found && !links.contains(dev))
            links << dev;
    }
    // No ICMP redirects for flows leaving where they came in. An interface sends them while either
    // its own setting or "all" says so: both, and "default" for interfaces to come.
    for (const QString &conf : QStringList{"all", "default"} + links)
        writeKernelSetting(QStringLiteral("/proc/sys/net/ipv4/conf/%1/send_redirects").arg(conf), "0");
    if (const ToolRun r = runSystemTool("nft", {"-f", "-"}, script(routes, firewall, monitor).toUtf8()); !r.ok)
        return Error::internal(r.error);
    steer(links);
    // The new table counts from zero: what the old one counted is kept.
    m_retired += before;
    m_retired.active = 0;
    m_routes = routes;
    m_applied = true;
    m_listedAt.invalidate();   // that listing was the old table's
    return {};
}

void KernelPath::remove()
{
    if (!m_applied)
        return;
    m_retired += readTable();
    m_retired.active = 0;
    runSystemTool("nft", {"delete", "table", "ip", m_table});
    steer({});
    m_applied = false;
    m_listedAt.invalidate();
}

void KernelPath::steer(const QStringList &links)
{
    // Best effort: without RFS the kernel still forwards, on the sender's CPU.
    if (!links.isEmpty())
        ensureSockFlowTable();   // machine-wide; where this agent cannot see it, whoever made its network sets it
    for (const QString &dev : std::as_const(m_steered))
        if (!links.contains(dev))
            unsteerFlows(dev);
    QStringList now;
    for (const QString &dev : links)
        if (m_steered.contains(dev) || steerFlows(dev))
            now << dev;
    m_steered = now;
}

QJsonArray KernelPath::listing() const
{
    const ToolRun listed = runSystemTool("nft", {"-j", "list", "table", "ip", m_table});
    m_listing = listed.ok ? QJsonDocument::fromJson(listed.out).object().value("nftables").toArray() : QJsonArray();
    m_listedAt.start();
    return m_listing;
}

NfCounters KernelPath::readTable() const
{
    NfCounters c;
    quint64 original = 0, originalBytes = 0, reply = 0, replyBytes = 0, droppedBytes = 0;
    for (const auto &v : listing()) {
        const QJsonObject rule = v.toObject().value("rule").toObject();
        const QString comment = rule.value("comment").toString();
        if (comment.isEmpty())
            continue;
        for (const auto &e : rule.value("expr").toArray()) {
            const QJsonObject counter = e.toObject().value("counter").toObject();
            if (counter.isEmpty())
                continue;
            const auto packets = quint64(counter.value("packets").toDouble()), bytes = quint64(counter.value("bytes").toDouble());
            if (comment == "original") { original += packets; originalBytes += bytes; }
            else if (comment == "reply") { reply += packets; replyBytes += bytes; }
            else if (comment == "drop") { c.dropped += packets; droppedBytes += bytes; }
            else if (comment == "connection") c.connections += packets;
        }
    }
    // As the relay counts: in, what arrived from either side; out, what was sent on.
    c.packetsIn = original + reply;
    c.bytesIn = originalBytes + replyBytes;
    c.packetsOut = c.packetsIn - std::min(c.packetsIn, c.dropped);
    c.bytesOut = c.bytesIn - std::min(c.bytesIn, droppedBytes);
    return c;
}

NfCounters KernelPath::counters() const
{
    NfCounters c = m_retired;
    if (!m_applied)
        return c;
    c += readTable();
    // Open TCP connections of this NF: the kernel's connection tracking, flows our DNAT rewrote.
    QFile ct("/proc/net/nf_conntrack");
    if (ct.open(QIODevice::ReadOnly)) {
        QSet<QByteArray> ours;
        for (const Route &r : m_routes)
            ours.insert(QStringLiteral("%1:%2").arg(r.listen.toString()).arg(r.port).toLatin1());
        for (const QByteArray &line : ct.readAll().split('\n')) {
            if (!line.contains(" tcp ") || !line.contains(" ESTABLISHED "))
                continue;
            QByteArray dst, dport;   // the first tuple is the flow as it arrived
            for (const QByteArray &field : line.split(' ')) {
                if (dst.isEmpty() && field.startsWith("dst=")) dst = field.mid(4);
                else if (dport.isEmpty() && field.startsWith("dport=")) dport = field.mid(6);
            }
            c.active += ours.contains(dst + ':' + dport) ? 1 : 0;
        }
    }
    return c;
}

QJsonArray KernelPath::topTalkers(int n, int *flows) const
{
    *flows = 0;
    if (!m_applied)
        return {};
    const bool fresh = m_listedAt.isValid() && m_listedAt.elapsed() < 1000;   // as read with the counters just now
    struct Talker { QString source; double packets, bytes; };
    QList<Talker> all;
    for (const auto &v : fresh ? m_listing : listing()) {
        const QJsonObject set = v.toObject().value("set").toObject();
        if (set.value("name").toString() != QLatin1String("talkers"))
            continue;
        for (const auto &e : set.value("elem").toArray()) {
            const QJsonObject elem = e.toObject().value("elem").toObject();
            const QJsonObject counter = elem.value("counter").toObject();
            all.append({elem.value("val").toString(), counter.value("packets").toDouble(), counter.value("bytes").toDouble()});
        }
    }
    *flows = int(all.size());
    std::sort(all.begin(), all.end(), [](const Talker &a, const Talker &b) { return a.bytes > b.bytes; });
    QJsonArray top;
    for (int i = 0; i < all.size() && i < n; ++i)
        top.append(QJsonObject{{"source", all[i].source}, {"packets", all[i].packets}, {"bytes", all[i].bytes}});
    return top;
}

} // namespace vines::leaf
