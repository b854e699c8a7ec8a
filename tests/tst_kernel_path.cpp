// The kernel data path, where the machine allows it (root, iproute2, nftables; as in CI): Leaf
// agents each in their own network namespace on a bridge, forwarding in the kernel with
// nftables DNAT/SNAT as the original Vines does. Bytes echoed intact through 1..5 hops over TCP
// and UDP, counters exact (IP packets and bytes as the kernel counted them), the firewall
// deciding per flow, the monitor counting per source, the router taking its public address,
// agents staying small with a stalled reader; and the console's local VIM on this guest
// network, a chain instantiated by the NFVO and measured by ChainMeter. Skips, saying why,
// where namespaces cannot be made.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "net/LeafClient.h"
#include "nfvo/ChainMeasurementJob.h"
#include "nfvo/ChainMeter.h"
#include "nfvo/Nfvo.h"
#include "vim/GuestNamespaces.h"
#include "util/SystemTool.h"
#include "vim/LocalVim.h"
#include <QDir>
#include <QHostAddress>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace vines;
using namespace vines::test;

namespace {

const GuestNamespaces::Options kNet{QStringLiteral("vinestest0"), QStringLiteral("10.66"), QStringLiteral("10.67.0"), QStringLiteral("vtest-")};
const GuestNamespaces::Options kConsoleNet{QStringLiteral("vinestest1"), QStringLiteral("10.68"), QStringLiteral("10.69.0"), QStringLiteral("vtcon-")};

QString hopAddress(int i) { return QStringLiteral("10.66.0.%1").arg(11 + i); }
const QString kEcho = QStringLiteral("10.66.0.100");
const QString kClient = QStringLiteral("10.66.0.1");   // the host, on the bridge: where the test's traffic comes from

QString ipOutput(const QStringList &args) { return QString::fromUtf8(runSystemTool("ip", args).out); }

// A TCP connect with a deadline: a dropped SYN must fail the test quickly, not after minutes.
bool connects(const QString &host, quint16 port, int timeoutMs)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(QHostAddress(host).toIPv4Address());
    ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
    pollfd p{fd, POLLOUT, 0};
    int err = -1;
    socklen_t len = sizeof err;
    const bool ok = ::poll(&p, 1, timeoutMs) == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0;
    ::close(fd);
    return ok;
}

qint64 rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

} // namespace

class TstKernelPath : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    GuestNamespaces m_net{kNet};
    std::unique_ptr<LeafProcess> m_echo;
    std::vector<std::unique_ptr<LeafProcess>> m_hops;   // first hop first
    QStringList m_guests;

    std::unique_ptr<LeafProcess> agent(const QString &id, const QString &address)
    {
        if (!m_net.addGuest(id, address).ok())
            return nullptr;
        m_guests << id;
        auto leaf = std::make_unique<LeafProcess>(address, m_tmp.filePath(id), id);
        leaf->setLauncher({systemTool("ip"), "netns", "exec", m_net.namespaceOf(id)});
        if (!leaf->start())
            return nullptr;
        return leaf;
    }
    static bool install(LeafProcess &leaf, const QString &type, const QJsonObject &config)
    {
        return leaf.call("POST", "/nf", {{"name", type}, {"type", type}, {"config", config}}).ok && leaf.call("POST", "/nf/start").ok;
    }
    static QJsonObject metrics(const LeafProcess &leaf) { return leaf.call("GET", "/metrics").object(); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = GuestNamespaces::unavailableReason();
        if (!why.isEmpty())
            QSKIP(qPrintable("kernel forwarding needs network namespaces: " + why));
        if (systemTool("nft").isEmpty())
            QSKIP("kernel forwarding needs nftables (scripts/install-deps installs it)");
        // What an earlier run that was killed may have left.
        for (const char *id : {"echo", "fw", "mon", "st", "rt", "rt2", "hop0", "hop1", "hop2", "hop3", "hop4"})
            m_net.removeGuest(id);
        m_echo = agent("echo", kEcho);
        QVERIFY(m_echo);
        QVERIFY(install(*m_echo, "echo", {{"listen_port", 9000}}));
        for (int i = 4; i >= 0; --i) {   // from the sink backwards
            auto hop = agent(QStringLiteral("hop%1").arg(i), hopAddress(i));
            QVERIFY(hop);
            const QString next = i == 4 ? kEcho + ":9000" : hopAddress(i + 1) + ":9000";
            QVERIFY(install(*hop, "forwarder", {{"listen_port", 9000}, {"next_hop", next}}));
            m_hops.insert(m_hops.begin(), std::move(hop));
        }
    }

    void cleanupTestCase()
    {
        m_hops.clear();
        m_echo.reset();
        for (const QString &id : std::as_const(m_guests))
            m_net.removeGuest(id);
        m_net.removeBridge();
    }

    // Entering the chain at hop 5-n crosses n hops: every length carries bytes intact, both protocols,
    // and every hop says the kernel forwards.
    void chainsOfOneToFiveCarryBytesIntact()
    {
        QRandomGenerator rng(7);
        QByteArray bulk(4 * 1024 * 1024, Qt::Uninitialized);
        for (char &c : bulk)
            c = char(rng.bounded(256));
        for (int n = 1; n <= 5; ++n) {
            const QString entry = hopAddress(5 - n);
            const QByteArray back = tcpExchange(entry, 9000, bulk, {}, 20000);
            QVERIFY2(back == bulk, qPrintable(QStringLiteral("%1 hops: %2 of %3 bytes back").arg(n).arg(back.size()).arg(bulk.size())));
            for (const int size : {1, 64, 1472, 8192, 65507}) {   // the largest is fragmented on the way (MTU 65000)
                const QByteArray d = bulk.mid(n * 100, size);
                QCOMPARE(udpExchange(entry, 9000, d), d);
            }
        }
        for (const auto &hop : m_hops) {
            const QJsonObject nf = metrics(*hop).value("nf").toObject();
            QCOMPARE(nf.value("dataPath").toString(), QString("kernel"));
            QVERIFY(nf.value("nftTable").toString().startsWith("vines_"));
        }
        // The agent holds no socket for the data: nothing listens on the NF's port in its namespace.
        QVERIFY(!ipOutput({"netns", "exec", m_net.namespaceOf("hop0"), "ss", "-ltn"}).contains(":9000"));
    }

    // The guests' bridge is in a switch namespace of its own: a host firewall that drops whatever
    // it would forward (Docker's FORWARD policy, with br_netfilter handing it bridged frames) does
    // not cut the chain, and the switch does not hand its frames to netfilter either.
    void hostFirewallDoesNotSeeTheGuestNetwork()
    {
        QVERIFY(QFile::exists("/run/netns/" + m_net.switchNamespace()));
        QVERIFY(!QFile::exists(QStringLiteral("/sys/class/net/%1/bridge").arg(kNet.bridge)));   // the host holds the uplink only
        bool switchOff = true, hostHasIt = QFile::exists("/proc/sys/net/bridge/bridge-nf-call-iptables");
        GuestNamespaces::runInNamespace(m_net.switchNamespace(), [&]() {
            QFile f("/proc/sys/net/bridge/bridge-nf-call-iptables");
            if (f.open(QIODevice::ReadOnly))
                switchOff = f.readAll().trimmed() == "0";
        });
        QVERIFY(switchOff);
        const QByteArray table = "table inet vinestest_hostfw {\n chain forward {\n  type filter hook forward priority 0; policy drop;\n }\n}\n";
        const ToolRun installed = runSystemTool("nft", {"-f", "-"}, table);
        QVERIFY2(installed.ok, qPrintable(installed.error));
        const QByteArray back = tcpExchange(hopAddress(0), 9000, QByteArray(256 * 1024, 'h'), {}, 10000);
        const QByteArray udp = udpExchange(hopAddress(0), 9000, "through the switch");
        runSystemTool("nft", {"delete", "table", "inet", "vinestest_hostfw"});
        QCOMPARE(back.size(), 256 * 1024);
        QCOMPARE(udp, QByteArray("through the switch"));
        if (!hostHasIt)
            qInfo("br_netfilter is not loaded here: the host firewall would not have seen bridged frames anyway");
    }

    // The kernel's counts, exact: each UDP exchange is one datagram in and one back through every
    // hop (100 bytes of payload, 28 of headers), each TCP connection counted once, open ones seen open.
    void countersAreExact()
    {
        const QJsonObject before = metrics(*m_hops[0]);
        const int datagrams = 50;
        for (int i = 0; i < datagrams; ++i)
            QCOMPARE(udpExchange(hopAddress(0), 9000, QByteArray(100, char('a' + i % 26)), {}, 3000).size(), 100);
        QJsonObject after = metrics(*m_hops[0]);
        QCOMPARE(after.value("packetsIn").toDouble() - before.value("packetsIn").toDouble(), 2.0 * datagrams);
        QCOMPARE(after.value("bytesIn").toDouble() - before.value("bytesIn").toDouble(), 2.0 * datagrams * 128);
        QCOMPARE(after.value("dropped").toDouble(), before.value("dropped").toDouble());
        // The same counts at the last hop: nothing lost on the way.
        const QJsonObject lastBefore = metrics(*m_hops[4]);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(udpExchange(hopAddress(0), 9000, QByteArray(100, 'z')).size(), 100);
        QCOMPARE(metrics(*m_hops[4]).value("packetsIn").toDouble() - lastBefore.value("packetsIn").toDouble(), 20.0);

        const double connectionsBefore = metrics(*m_hops[0]).value("connections").toDouble();
        for (int i = 0; i < 7; ++i)
            QCOMPARE(tcpExchange(hopAddress(0), 9000, "c"), QByteArray("c"));
        QCOMPARE(metrics(*m_hops[0]).value("connections").toDouble() - connectionsBefore, 7.0);
        QList<QTcpSocket *> open;
        for (int i = 0; i < 5; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(hopAddress(0), 9000);
            QVERIFY(s->waitForConnected(3000));
            s->write("x");
            QVERIFY(s->waitForReadyRead(3000));
            open << s;
        }
        QTRY_COMPARE(metrics(*m_hops[0]).value("activeConnections").toInt(), 5);
        qDeleteAll(open);
    }

    // The firewall decides once per flow, in the kernel: a denied source's connections never
    // open, its datagrams pass where UDP is allowed, each refused attempt counts as a drop.
    void firewallDecidesPerFlow()
    {
        auto fw = agent("fw", "10.66.0.30");
        QVERIFY(fw);
        const QJsonObject deny{{"listen_port", 9000}, {"next_hop", kEcho + ":9000"}, {"default_action", "allow"},
                               {"rules", QJsonArray{QJsonObject{{"action", "deny"}, {"source", kClient + "/32"}, {"protocol", "tcp"}}}}};
        QVERIFY(install(*fw, "firewall", deny));
        QCOMPARE(metrics(*fw).value("nf").toObject().value("dataPath").toString(), QString("kernel"));
        QVERIFY(!connects("10.66.0.30", 9000, 700));
        QCOMPARE(udpExchange("10.66.0.30", 9000, "udp passes"), QByteArray("udp passes"));
        QVERIFY(metrics(*fw).value("dropped").toDouble() >= 1);
        QCOMPARE(metrics(*fw).value("connections").toDouble(), 0.0);
        // Allowed again (live, one transaction): the same source connects, counted once.
        QJsonObject allow = deny;
        allow.insert("rules", QJsonArray{QJsonObject{{"action", "allow"}, {"source", kClient + "/32"}}, QJsonObject{{"action", "deny"}}});
        allow.insert("default_action", "deny");
        QVERIFY(fw->call("PUT", "/nf/config", {{"config", allow}}).ok);
        QCOMPARE(tcpExchange("10.66.0.30", 9000, "now open"), QByteArray("now open"));
        QTRY_COMPARE(metrics(*fw).value("connections").toDouble(), 1.0);
    }

    // The monitor counts per source without touching a byte: the client's traffic, by its address.
    void monitorCountsPerSource()
    {
        auto mon = agent("mon", "10.66.0.31");
        QVERIFY(mon);
        QVERIFY(install(*mon, "monitor", {{"listen_port", 9000}, {"next_hop", kEcho + ":9000"}}));
        const QByteArray data(1024 * 1024, 'm');
        QCOMPARE(tcpExchange("10.66.0.31", 9000, data, {}, 10000).size(), data.size());
        const QJsonObject nf = metrics(*mon).value("nf").toObject();
        QCOMPARE(nf.value("dataPath").toString(), QString("kernel"));
        const QJsonArray top = nf.value("topTalkers").toArray();
        QVERIFY(!top.isEmpty());
        QCOMPARE(top.first().toObject().value("source").toString(), kClient);
        QVERIFY(top.first().toObject().value("bytes").toDouble() >= data.size());
    }

    // A kernel forwarder has the kernel forward each flow on the CPU where the flow's reader reads
    // (RFS on its link; the machine-wide socket table is set up with the guest network): while it
    // forwards, and no longer once it stops. The echo sink forwards nothing and is left as it was.
    void forwardersSteerFlowsToTheirReadersCpus()
    {
        // Whether every receive queue of the guest's link has a flow table (on) or none (!on). A link whose
        // queues cannot be read fails it too.
        auto flowTablesAre = [this](const QString &id, bool on) {
            const ToolRun r = runSystemTool("ip", {"netns", "exec", m_net.namespaceOf(id), "sh", "-c", "cat /sys/class/net/eth0/queues/rx-*/rps_flow_cnt"});
            QList<int> counts;
            for (const QByteArray &line : r.out.split('\n'))
                if (!line.trimmed().isEmpty())
                    counts << line.trimmed().toInt();
            return !counts.isEmpty() && std::all_of(counts.cbegin(), counts.cend(), [on](int n) { return on ? n > 0 : n == 0; });
        };
        const QString machineTable = QStringLiteral("/proc/sys/net/core/rps_sock_flow_entries");
        auto tableSize = [&machineTable]() {
            QFile f(machineTable);
            return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : -1;
        };
        {   // as on a fresh machine: no table; adding a guest sets it up
            QFile f(machineTable);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("0\n") == 2);
        }
        auto st = agent("st", "10.66.0.32");
        QVERIFY(st);
        QVERIFY2(tableSize() >= 32768, qPrintable(QStringLiteral("the machine's socket flow table has %1 entries").arg(tableSize())));
        QVERIFY(flowTablesAre("st", false));
        QVERIFY(install(*st, "forwarder", {{"listen_port", 9000}, {"next_hop", kEcho + ":9000"}}));
        QVERIFY(metrics(*st).value("nf").toObject().value("flowSteering").toBool());
        QVERIFY2(flowTablesAre("st", true), "every receive queue of a forwarder's link has a flow table");
        QCOMPARE(tcpExchange("10.66.0.32", 9000, "steered"), QByteArray("steered"));
        QVERIFY(flowTablesAre("echo", false));
        QVERIFY(st->call("POST", "/nf/stop").ok);
        QVERIFY(flowTablesAre("st", false));
    }

    // The router takes a route's public address onto its own link (as CloudStack's router holds the
    // network's public addresses), the host reaches the service there, and the address goes with the route.
    void routerTakesItsPublicAddress()
    {
        auto rt = agent("rt", "10.66.0.40");
        QVERIFY(rt);
        const QJsonObject routes{{"routes", QJsonArray{QJsonObject{{"publicAddress", "10.67.0.5"}, {"port", 80}, {"target", hopAddress(0) + ":9000"}}}}};
        QVERIFY(install(*rt, "router", routes));
        QVERIFY(ipOutput({"-n", m_net.namespaceOf("rt"), "address", "show", "eth0"}).contains("10.67.0.5/32"));
        QCOMPARE(metrics(*rt).value("nf").toObject().value("dataPath").toString(), QString("kernel"));
        // Router, then five forwarders, then the echo sink.
        QCOMPARE(tcpExchange("10.67.0.5", 80, "through six"), QByteArray("through six"));
        QCOMPARE(udpExchange("10.67.0.5", 80, "udp six"), QByteArray("udp six"));
        QVERIFY(rt->call("PUT", "/nf/config", {{"config", QJsonObject{{"routes", QJsonArray{}}}}}).ok);
        QVERIFY(!ipOutput({"-n", m_net.namespaceOf("rt"), "address", "show", "eth0"}).contains("10.67.0.5"));
        QVERIFY(tcpExchange("10.67.0.5", 80, "gone", {}, 700).isEmpty());
        // Another router takes the address (a healed or restarted one): it announces itself, and the host,
        // which still knew the first one's hardware address, reaches the service through it at once.
        auto rt2 = agent("rt2", "10.66.0.41");
        QVERIFY(rt2);
        QVERIFY(install(*rt2, "router", routes));
        QCOMPARE(tcpExchange("10.67.0.5", 80, "moved", {}, 3000), QByteArray("moved"));
        // A data path asked for by name that cannot be had is refused, naming why; nothing changes.
        const HttpReply r = rt->call("PUT", "/nf/config", {{"config", QJsonObject{{"routes", QJsonArray{}}, {"data_path", "warp"}}}});
        QVERIFY(!r.ok);
        QVERIFY(r.body.contains("data_path"));
    }

    // A reader that stops reading: the kernel holds the bytes in socket buffers and TCP's window
    // stops the sender; no agent grows (they hold none of it).
    void stalledReaderKeepsAgentsSmall()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(9000);
        a.sin_addr.s_addr = htonl(QHostAddress(hopAddress(0)).toIPv4Address());
        ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        pollfd p{fd, POLLOUT, 0};
        QVERIFY(::poll(&p, 1, 3000) == 1);
        const QByteArray chunk(256 * 1024, 's');
        qint64 sent = 0;
        QElapsedTimer t;
        t.start();
        // Write without ever reading the echo: the echo sink's writes block, then its reads, then the chain's windows close.
        while (t.elapsed() < 5000) {
            const ssize_t w = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
            if (w > 0) { sent += w; continue; }
            pollfd q{fd, POLLOUT, 0};
            if (::poll(&q, 1, 500) == 0)
                break;   // blocked for half a second: the sender is held back
        }
        QVERIFY2(t.elapsed() < 5000, "the sender was never held back");
        QVERIFY2(sent < 512LL * 1024 * 1024, qPrintable(QString::number(sent)));
        for (const auto &hop : m_hops)
            QVERIFY2(rssKb(hop->process().processId()) <= 32 * 1024, qPrintable(QString::number(rssKb(hop->process().processId()))));
        // The sink at the end holds a bounded amount for the stalled client too.
        QVERIFY2(rssKb(m_echo->process().processId()) <= 48 * 1024, qPrintable(QString::number(rssKb(m_echo->process().processId()))));
        ::close(fd);
        // And the chain still carries traffic afterwards.
        QCOMPARE(tcpExchange(hopAddress(0), 9000, "after"), QByteArray("after"));
    }

    // The console on this guest network: the local VIM gives every VNF its own namespace, the NFVO
    // composes a chain whose VNFs forward in the kernel, ChainMeter measures it through the public
    // address, and terminating removes the namespaces and the public address.
    void consoleChainsOnTheNamespaceGuestNetwork()
    {
        QTemporaryDir dir;
        ConsoleCore::Options o = consoleOptions(dir.filePath("data"), "127.83", "127.84.0", 500);
        o.guestNetwork = LocalVim::GuestNetwork::Namespaces;
        o.namespaces = kConsoleNet;
        ConsoleCore core(o);
        QString error;
        VERIFY_OK(openCore(core));
        QHash<QString, QString> pkg;
        const auto samples = onboardSamples(core, {"echo", "forwarder", "firewall", "monitor", "router"});
        QVERIFY2(samples.ok(), qPrintable(samples.errorMessage()));
        NsDescriptor d;
        d.descriptorId = "nsd-kernel";
        d.name = "kernel";
        Vnffg g{"sfc", "kernel chain", "path", {}};
        const QStringList products{"Traffic Monitor", "Firewall", "Forwarder", "Echo Sink"};
        for (int i = 0; i < products.size(); ++i) {
            const QString node = QStringLiteral("vnf%1").arg(i + 1);
            d.vnfs << NsdVnf{node, samples->value(products[i]).package.vnfd.descriptorId, products[i], QPointF(i * 200, 0)};
            g.path << NsdHop{node, {}};
        }
        d.vnffgs << g;
        const auto nsdResult = core.nsCatalog().add(d);
        VERIFY_OK(nsdResult);
        const QString nsd = *nsdResult;
        QString nsId;
        const QString opId = must(instantiateNs(core.nfvo(), nsd, "kernel", &nsId));
        OperationRecord op;
        QTRY_VERIFY_WITH_TIMEOUT(core.operations().get(opId, &op) && isFinal(op.state), 90000);
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error));
        NsInstanceRecord ns;
        QVERIFY(core.nsCatalog().instance(nsId, &ns));
        QVERIFY2(ns.publicAddress.startsWith("10.69.0."), qPrintable(ns.publicAddress));
        const GuestNamespaces net(kConsoleNet);
        QStringList guests;
        for (const QString &id : ns.vnfInstanceIds) {
            InstanceRecord vnf;
            QVERIFY(core.instances().get(id, &vnf));
            QVERIFY2(vnf.mgmtAddress.startsWith("10.68."), qPrintable(vnf.mgmtAddress));
            guests << vnf.vimInstanceId;
            QVERIFY(net.hasGuest(guests.last()));
        }
        // Real traffic to the public address, and every relaying VNF forwards it in the kernel.
        QByteArray big(512 * 1024, 'k');
        QCOMPARE(tcpExchange(ns.publicAddress, 9000, big, {}, 10000), big);
        QCOMPARE(udpExchange(ns.publicAddress, 9000, "udp kernel"), QByteArray("udp kernel"));
        for (int i = 0; i + 1 < ns.vnfInstanceIds.size(); ++i) {
            InstanceRecord vnf;
            core.instances().get(ns.vnfInstanceIds[i], &vnf);
            const QJsonObject m = signedCall("GET", QStringLiteral("http://%1/metrics").arg(vnf.mgmtAddress), vnf.platformSecret).object();
            QCOMPARE(m.value("nf").toObject().value("dataPath").toString(), QString("kernel"));
            QVERIFY(m.value("bytesIn").toDouble() >= 2.0 * big.size());
        }
        // The dashboards' probes work unchanged on this data plane.
        ChainMeasurementJob job({{"kernel chain", 4, ns.publicAddress, 9000}}, {100, 32, 2 * 1024 * 1024});
        QSignalSpy done(&job, &ChainMeasurementJob::finished);
        job.start();
        QVERIFY(done.wait(60000));
        const auto results = done.first().first().value<QList<ChainMeasurement>>();
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().latency.failures == 0, qPrintable(results.first().latency.error));
        QCOMPARE(results.first().throughput.bytes, qint64(2 * 1024 * 1024));

        const QString termId = must(core.nfvo().terminate(nsId));
        QTRY_VERIFY_WITH_TIMEOUT(core.operations().get(termId, &op) && isFinal(op.state), 60000);
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error));
        for (const QString &g : std::as_const(guests))
            QVERIFY2(!net.hasGuest(g), qPrintable(g));
        QVERIFY(tcpExchange(ns.publicAddress, 9000, "gone", {}, 700).isEmpty());
    }

    // An address given again answers at once: a healed or replaced VNF gets the first free address,
    // often the one just freed, and nobody on the bridge may hold a stale neighbour entry for it.
    void localVimGivesAnAddressAgainAtOnce()
    {
        QTemporaryDir dir;
        Database db(dir.filePath("vim.db"));
        QString error;
        VERIFY_OK(db.open());
        LocalVim::Options o = localVimOptions(dir.filePath("vim"));
        o.guestNetwork = LocalVim::GuestNetwork::Namespaces;
        o.namespaces = kConsoleNet;
        o.bootTimeoutMs = 8000;
        // A namespace left by an agent that is gone (its console killed, its data deleted): nothing runs in it.
        const GuestNamespaces net(kConsoleNet);
        QVERIFY(net.addGuest("stale", kConsoleNet.guestPrefix + ".200.1").ok());
        LocalVim vim(db, o);
        QCOMPARE(vim.guestNetwork(), LocalVim::GuestNetwork::Namespaces);
        QVERIFY2(!net.hasGuest("stale"), "an empty namespace outlived the VIM's start");
        auto create = [&](const QString &name) {
            Result<VimInstance> out;
            bool done = false;
            vim.createInstance({name, "tiny", {}, {}, {}}, {}, [&](const Result<VimInstance> &r) { out = r; done = true; });
            [&]() { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
            return out;
        };
        // A bystander on the same network talks to the first VNF, so it holds a neighbour entry for its address.
        const Result<VimInstance> bystander = create("bystander");
        QVERIFY2(bystander.ok(), qPrintable(bystander.errorMessage()));
        const QString bystanderNs = kConsoleNet.namespacePrefix + bystander->id;
        const Result<VimInstance> first = create("first");
        QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
        QVERIFY(first->privateAddress.startsWith(kConsoleNet.guestPrefix + "."));
        QVERIFY(net.hasGuest(first->id));
        auto reachableFromBystander = [&](const QString &address) {
            // A connect from inside the bystander's namespace, 3 s at most.
            return runSystemTool("ip", {"netns", "exec", bystanderNs, "/usr/bin/python3", "-c",
                                        QStringLiteral("import socket; socket.create_connection(('%1', 7780), timeout=3).close()").arg(address)})
                .ok;
        };
        QVERIFY(reachableFromBystander(first->privateAddress));
        bool destroyed = false;
        vim.destroyInstance(first->id, [&](const Result<> &r) { destroyed = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(destroyed, 10000);
        QVERIFY(!net.hasGuest(first->id));
        const Result<VimInstance> second = create("second");
        QVERIFY2(second.ok(), qPrintable(second.errorMessage()));   // booted and answered the host within the boot timeout
        QCOMPARE(second->privateAddress, first->privateAddress);
        QVERIFY2(reachableFromBystander(second->privateAddress), "the bystander still holds the old hardware address");
        for (const VimInstance &i : {*bystander, *second}) {
            bool gone = false;
            vim.destroyInstance(i.id, [&](const Result<> &r) { gone = r.ok(); });
            QTRY_VERIFY_WITH_TIMEOUT(gone, 10000);
        }
    }

    // A console from before the switch namespace left its bridge on the host, with its guests'
    // links on it: the next one moves them to the switch and they stay reachable.
    void adoptsABridgeLeftOnTheHost()
    {
        const GuestNamespaces::Options old{QStringLiteral("vinestest2"), QStringLiteral("10.70"), QStringLiteral("10.71.0"), QStringLiteral("vtold-")};
        const GuestNamespaces net(old);
        const QString ns = old.namespacePrefix + "g1";
        net.removeGuest("g1");   // what a failed run before may have left
        net.removeBridge();
        runSystemTool("ip", {"link", "delete", "vvoldtest"});
        for (const QStringList &args : QList<QStringList>{{"link", "add", old.bridge, "type", "bridge"},
                                                          {"address", "add", "10.70.0.1/16", "dev", old.bridge},
                                                          {"link", "set", old.bridge, "up"},
                                                          {"netns", "add", ns},
                                                          {"link", "add", "vvoldtest", "type", "veth", "peer", "name", "eth0", "netns", ns},
                                                          {"link", "set", "vvoldtest", "master", old.bridge, "up"},
                                                          {"-n", ns, "address", "add", "10.70.0.5/16", "dev", "eth0"},
                                                          {"-n", ns, "link", "set", "eth0", "up"}})
            QVERIFY2(runSystemTool("ip", args).ok, qPrintable(args.join(' ')));
        const Result<> up = net.ensureBridge();
        QVERIFY2(up.ok(), qPrintable(up.errorMessage()));
        QVERIFY(!QFile::exists("/sys/class/net/" + old.bridge + "/bridge"));   // the host's link is the uplink now
        QVERIFY(!QFile::exists("/sys/class/net/vvoldtest"));                   // moved into the switch
        int listener = -1;
        GuestNamespaces::runInNamespace(ns, [&]() {   // a socket listening in the guest
            listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_port = htons(9911);
            a.sin_addr.s_addr = htonl(QHostAddress("10.70.0.5").toIPv4Address());
            if (::bind(listener, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(listener, 4) != 0) {
                ::close(listener);
                listener = -1;
            }
        });
        QVERIFY(listener >= 0);
        QTcpSocket s;
        s.connectToHost("10.70.0.5", 9911);
        const bool reached = s.waitForConnected(5000);
        ::close(listener);
        net.removeGuest("g1");
        net.removeBridge();
        QVERIFY2(reached, qPrintable(s.errorString()));
        QVERIFY(!QFile::exists("/run/netns/" + net.switchNamespace()));
        QVERIFY(!QFile::exists("/sys/class/net/" + old.bridge));
    }

    void cleanupConsoleNetwork()
    {
        const GuestNamespaces net(kConsoleNet);
        for (const QString &entry : QDir("/run/netns").entryList(QDir::Files))
            if (entry.startsWith(kConsoleNet.namespacePrefix))
                net.removeGuest(entry.mid(kConsoleNet.namespacePrefix.size()));
        net.removeBridge();
        QVERIFY(!QFile::exists("/sys/class/net/" + kConsoleNet.bridge));
    }
};

QTEST_MAIN(TstKernelPath)
#include "tst_kernel_path.moc"
