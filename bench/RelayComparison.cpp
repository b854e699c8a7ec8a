#include "RelayComparison.h"
#include "BenchSupport.h"
#include "net/LeafClient.h"
#include "util/SystemTool.h"
#include "vim/GuestNamespaces.h"
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTemporaryDir>
#include <arpa/inet.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace vines::bench {

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

sockaddr_in endpoint(const QString &host, quint16 port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, host.toLatin1().constData(), &a.sin_addr);
    return a;
}

int connectTo(const QString &host, quint16 port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = endpoint(host, port);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        if (fd >= 0) ::close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval tv{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

bool writeAll(int fd, const char *p, size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w <= 0) return false;
        p += w;
        n -= size_t(w);
    }
    return true;
}

bool readAll(int fd, char *p, size_t n)
{
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r <= 0) return false;
        p += r;
        n -= size_t(r);
    }
    return true;
}

// Where the measuring threads run for single streams and round trips: the client on the first CPU,
// the sink on the last, the same for every path. Unpinned, run-to-run figures swing by 2x on a
// 2-core machine with where the scheduler happens to put them (same CPU or not); relays and the
// kernel's work go anywhere. Eight streams run unpinned: that figure is about using every CPU.
int cpuCount() { return std::max(1, int(std::thread::hardware_concurrency())); }
void pinThisThread(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (cpu < 0) {
        for (int i = 0; i < cpuCount(); ++i) CPU_SET(i, &set);
    } else {
        CPU_SET(cpu, &set);
    }
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
std::atomic<bool> g_pinSink{true};   // off while many streams run: they are about using every CPU
void pinSinkThread() { if (cpuCount() > 1 && g_pinSink) pinThisThread(cpuCount() - 1); }

// The sink every path ends at: TCP echo (a stream whose first byte is 'D' is discarded instead
// and answered with the count of bytes received when the sender closes), UDP echo. Blocking
// threads: the sink must never be what limits a path.
class Sink {
public:
    // netns: a network namespace (by name) to open the sockets in; they stay there, this process does not.
    bool start(const QString &host, quint16 port, const QString &netns = {})
    {
        const sockaddr_in a = endpoint(host, port);
        const int one = 1;
        const bool opened = GuestNamespaces::runInNamespace(netns, [&]() {
            m_tcp = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            setsockopt(m_tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
            m_udp = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        });
        if (!opened)
            return false;
        if (bind(m_tcp, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0 || listen(m_tcp, 1024) != 0
            || bind(m_udp, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0)
            return false;
        m_running = true;
        m_acceptor = std::thread([this] {
            while (m_running) {
                const int c = accept4(m_tcp, nullptr, nullptr, SOCK_CLOEXEC);
                if (c < 0) {
                    if (!m_running) return;
                    continue;
                }
                const int one = 1;
                setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                std::thread([c] { pinSinkThread(); serve(c); }).detach();
            }
        });
        m_udpThread = std::thread([this] {
            pinSinkThread();
            std::vector<char> buf(65536);
            while (m_running) {
                pollfd p{m_udp, POLLIN, 0};
                if (poll(&p, 1, 200) <= 0) continue;
                sockaddr_in from{};
                socklen_t len = sizeof from;
                const ssize_t n = recvfrom(m_udp, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr *>(&from), &len);
                if (n > 0) sendto(m_udp, buf.data(), size_t(n), 0, reinterpret_cast<sockaddr *>(&from), len);
            }
        });
        return true;
    }
    void stop()
    {
        m_running = false;
        ::shutdown(m_tcp, SHUT_RDWR);
        if (m_acceptor.joinable()) m_acceptor.join();
        if (m_udpThread.joinable()) m_udpThread.join();
        ::close(m_tcp);
        ::close(m_udp);
    }

private:
    static void serve(int c)
    {
        std::vector<char> buf(256 * 1024);
        char first = 0;
        if (!readAll(c, &first, 1)) { ::close(c); return; }
        if (first == 'D') {
            uint64_t count = 0;
            ssize_t n;
            while ((n = ::read(c, buf.data(), buf.size())) > 0) count += uint64_t(n);
            writeAll(c, reinterpret_cast<const char *>(&count), sizeof count);
        } else if (writeAll(c, &first, 1)) {
            ssize_t n;
            while ((n = ::read(c, buf.data(), buf.size())) > 0)
                if (!writeAll(c, buf.data(), size_t(n))) break;
        }
        ::close(c);
    }
    int m_tcp = -1, m_udp = -1;
    std::atomic<bool> m_running{false};
    std::thread m_acceptor, m_udpThread;
};

// ---- the client's measurements -----------------------------------------------------------

double echoMbit(const QString &host, quint16 port, qint64 bytes)
{
    const int fd = connectTo(host, port);
    if (fd < 0) return 0;
    std::thread sender([fd, bytes] {
        std::vector<char> chunk(256 * 1024, 'b');
        for (qint64 sent = 0; sent < bytes;) {
            const size_t n = size_t(std::min<qint64>(qint64(chunk.size()), bytes - sent));
            if (!writeAll(fd, chunk.data(), n)) return;
            sent += qint64(n);
        }
    });
    const auto t = Clock::now();
    std::vector<char> buf(256 * 1024);
    qint64 got = 0;
    ssize_t n;
    while (got < bytes && (n = ::read(fd, buf.data(), buf.size())) > 0) got += n;
    const double s = secondsSince(t);
    ::shutdown(fd, SHUT_RDWR);
    sender.join();
    ::close(fd);
    return got == bytes ? double(bytes) * 8 / s / 1e6 : 0;
}

double oneWayMbit(const QString &host, quint16 port, qint64 bytes)
{
    const int fd = connectTo(host, port);
    if (fd < 0) return 0;
    std::vector<char> chunk(256 * 1024, 'o');
    chunk[0] = 'D';
    const auto t = Clock::now();
    writeAll(fd, chunk.data(), 1);
    chunk[0] = 'o';
    for (qint64 sent = 0; sent < bytes;) {
        const size_t n = size_t(std::min<qint64>(qint64(chunk.size()), bytes - sent));
        if (!writeAll(fd, chunk.data(), n)) break;
        sent += qint64(n);
    }
    ::shutdown(fd, SHUT_WR);
    uint64_t count = 0;
    const bool ok = readAll(fd, reinterpret_cast<char *>(&count), sizeof count);
    const double s = secondsSince(t);
    ::close(fd);
    return ok && qint64(count) == bytes ? double(bytes) * 8 / s / 1e6 : 0;
}

double streamsMbit(const QString &host, quint16 port, qint64 bytes, int streams)
{
    std::vector<std::thread> threads;
    std::atomic<int> failed{0};
    const auto t = Clock::now();
    for (int i = 0; i < streams; ++i)
        threads.emplace_back([&] { if (echoMbit(host, port, bytes / streams) <= 0) ++failed; });
    for (auto &th : threads) th.join();
    const double s = secondsSince(t);
    return failed ? 0 : double(bytes / streams * streams) * 8 / s / 1e6;
}

Stats tcpRttUs(const QString &host, quint16 port, int probes)
{
    Stats st;
    const int fd = connectTo(host, port);
    if (fd < 0) return st;
    char out[64], in[64];
    std::memset(out, 'p', sizeof out);
    for (int i = 0; i < probes; ++i) {
        const auto t = Clock::now();
        if (!writeAll(fd, out, sizeof out) || !readAll(fd, in, sizeof in)) break;
        st.add(secondsSince(t) * 1e6);
    }
    ::close(fd);
    return st;
}

Stats udpRttUs(const QString &host, quint16 port, int probes, int *lost)
{
    Stats st;
    *lost = 0;
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = endpoint(host, port);
    ::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a);
    char out[64], in[256];
    std::memset(out, 'u', sizeof out);
    for (int i = 0; i < probes; ++i) {
        const auto t = Clock::now();
        ::send(fd, out, sizeof out, 0);
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 500) <= 0 || ::recv(fd, in, sizeof in, 0) != sizeof out) {
            ++*lost;
            continue;
        }
        st.add(secondsSince(t) * 1e6);
    }
    ::close(fd);
    return st;
}

double connectionsPerS(const QString &host, quint16 port, int n)
{
    const auto t = Clock::now();
    int done = 0;
    for (int i = 0; i < n; ++i) {
        const int fd = connectTo(host, port);
        char c = 'c';
        if (fd >= 0 && writeAll(fd, &c, 1) && readAll(fd, &c, 1))
            ++done;
        if (fd >= 0) ::close(fd);
    }
    return done == n ? n / secondsSince(t) : 0;
}

// ---- the hops ------------------------------------------------------------------------------

struct Chain {
    QList<QProcess *> hops;   // first hop first
};

bool waitListening(const QString &host, quint16 port)
{
    for (int i = 0; i < 100; ++i) {
        const int fd = connectTo(host, port);
        if (fd >= 0) { ::close(fd); return true; }
        QThread::msleep(50);
    }
    return false;
}

QString hopAddress(int peer, int i) { return QStringLiteral("127.77.%1.%2").arg(peer).arg(i + 1); }

// Where a Vines hop runs: its address, and the command line that starts its agent.
struct HopPlace {
    std::function<QString(int)> address;
    std::function<QStringList(int, const QStringList &)> command;   // program first
    QString kind;                                                    // a directory name
};

HopPlace loopbackHops(const QString &leaf)
{
    return {[](int i) { return hopAddress(1, i); }, [leaf](int, const QStringList &args) { return QStringList{leaf} + args; }, "vines"};
}

// Each hop its own network namespace on a bridge (the local VIM's guest network): the kernel forwards.
const GuestNamespaces::Options &benchNet()
{
    static const GuestNamespaces::Options o{QStringLiteral("vinesbench0"), QStringLiteral("10.77"), QStringLiteral("10.78.0"), QStringLiteral("vbench-")};
    return o;
}
QString nsHopAddress(int i) { return QStringLiteral("%1.0.%2").arg(benchNet().guestPrefix).arg(11 + i); }
QString nsSinkAddress() { return benchNet().guestPrefix + QStringLiteral(".0.100"); }

HopPlace namespaceHops(const QString &leaf)
{
    return {nsHopAddress,
            [leaf](int i, const QStringList &args) {
                const GuestNamespaces net(benchNet());
                const QString id = QStringLiteral("hop%1").arg(i);
                if (!net.addGuest(id, nsHopAddress(i))) return QStringList{};
                return net.wrap(id, leaf, args);
            },
            "kernel"};
}

bool startVines(Chain &c, int n, const QString &sink, const HopPlace &place, const QString &dir)
{
    QNetworkAccessManager nam;
    const QByteArray secret = "relay-bench-secret-0123456789abcdef";
    for (int i = n - 1; i >= 0; --i) {   // from the sink backwards: a hop's next hop is up before it is
        const QString addr = place.address(i);
        const QString data = QDir(dir).filePath(QStringLiteral("%1-%2-%3").arg(place.kind).arg(n).arg(i));
        QDir().mkpath(data);
        QFile ud(data + "/user-data");
        if (!ud.open(QIODevice::WriteOnly)) return false;
        ud.write("VINES_LEAF_SECRET=" + secret + "\n");
        ud.close();
        const QStringList cmd = place.command(i, {"--address", addr, "--port", "7780", "--data-dir", data, "--user-data", ud.fileName()});
        if (cmd.isEmpty()) return false;
        auto *p = new QProcess;
        p->setStandardOutputFile(QProcess::nullDevice());
        p->setStandardErrorFile(QProcess::nullDevice());   // the agents' logs
        p->start(cmd.first(), cmd.mid(1));
        c.hops.prepend(p);
        if (!waitListening(addr, 7780)) return false;
        LeafClient client(&nam, addr, 7780, secret);
        const QString next = i + 1 < n ? place.address(i + 1) + ":9000" : sink;
        const Result<JsonReply> installed = awaitResult<JsonReply>([&](auto done) {
            client.install("fwd", "forwarder", {{"listen_port", 9000}, {"next_hop", next}}, {}, done);
        });
        if (!installed) return false;
        const Result<JsonReply> started = awaitResult<JsonReply>([&](auto done) { client.start(done); });
        if (!started || !waitListening(addr, 9000)) return false;
    }
    return true;
}

bool startSocat(Chain &c, int n, const QString &sinkHost, quint16 sinkPort)
{
    for (int i = n - 1; i >= 0; --i) {
        const QString addr = hopAddress(2, i);
        const QString next = i + 1 < n ? QStringLiteral("TCP:%1:9000,bind=%2,nodelay").arg(hopAddress(2, i + 1), addr)
                                       : QStringLiteral("TCP:%1:%2,bind=%3,nodelay").arg(sinkHost).arg(sinkPort).arg(addr);
        auto *p = new QProcess;
        p->start("socat", {"-b", "262144", QStringLiteral("TCP-LISTEN:9000,bind=%1,fork,reuseaddr,backlog=1024,nodelay").arg(addr), next});
        c.hops << p;
        if (!waitListening(addr, 9000)) return false;
    }
    return true;
}

bool startHaproxy(Chain &c, int n, const QString &sinkHost, quint16 sinkPort, const QString &dir)
{
    for (int i = n - 1; i >= 0; --i) {
        const QString addr = hopAddress(3, i);
        const QString next = i + 1 < n ? hopAddress(3, i + 1) + ":9000" : QStringLiteral("%1:%2").arg(sinkHost).arg(sinkPort);
        const QString cfg = QDir(dir).filePath(QStringLiteral("haproxy-%1-%2.cfg").arg(n).arg(i));
        QFile f(cfg);
        if (!f.open(QIODevice::WriteOnly)) return false;
        f.write(QStringLiteral("global\n  maxconn 4096\ndefaults\n  mode tcp\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n"
                               "frontend f\n  bind %1:9000\n  option tcp-smart-accept\n  default_backend b\n"
                               "backend b\n  source %1\n  server s %2\n").arg(addr, next).toUtf8());
        f.close();
        auto *p = new QProcess;
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start("haproxy", {"-f", cfg, "-db"});
        c.hops << p;
        if (!waitListening(addr, 9000)) return false;
    }
    return true;
}

void stopChain(Chain &c)
{
    for (QProcess *p : std::as_const(c.hops)) {
        p->terminate();
        if (!p->waitForFinished(5000)) p->kill();
        delete p;
    }
    c.hops.clear();
}

struct Row {
    QString path;
    int hops = 0;
    double oneWay = 0, echo = 0, streams8 = 0, connRate = 0;
    Stats tcp, udp;
    int udpLost = 0;
    double maxRssMiB = 0;
    bool udpMeasured = false;
};

// The direct paths are measured before and after the chains; each figure is the better of the two
// (a passing disturbance must not flatter every ratio to direct).
Row best(const Row &a, const Row &b)
{
    Row r = a;
    r.oneWay = std::max(a.oneWay, b.oneWay);
    r.echo = std::max(a.echo, b.echo);
    r.streams8 = std::max(a.streams8, b.streams8);
    r.connRate = std::max(a.connRate, b.connRate);
    if (b.tcp.pct(50) > 0 && (a.tcp.pct(50) <= 0 || b.tcp.pct(50) < a.tcp.pct(50)))
        r.tcp = b.tcp;
    if (b.udpMeasured && b.udp.pct(50) > 0 && (a.udp.pct(50) <= 0 || b.udp.pct(50) < a.udp.pct(50))) {
        r.udp = b.udp;
        r.udpLost = b.udpLost;
    }
    return r;
}

void print(const Row &r)
{
    std::printf("%-10s %4d %9.0f %9.0f %9.0f %8.0f %8.0f %8.0f %8.0f   %s %9.0f %7.1f\n", qPrintable(r.path), r.hops, r.oneWay, r.echo, r.streams8,
                r.tcp.pct(50), r.tcp.pct(95), r.tcp.pct(99), r.tcp.pct(99.9),
                r.udpMeasured ? qPrintable(QStringLiteral("%1 %2 %3").arg(r.udp.pct(50), 6, 'f', 0).arg(r.udp.pct(99), 6, 'f', 0).arg(r.udpLost, 4))
                              : "     -      -    -",
                r.connRate, r.maxRssMiB);
    std::fflush(stdout);
}

} // namespace

bool runRelayComparison(const RelayBenchOptions &o)
{
    QTemporaryDir tmp;
    const QString sinkHost = "127.77.0.1";
    const quint16 sinkPort = 9000;
    Sink sink;
    if (!sink.start(sinkHost, sinkPort)) {
        std::fprintf(stderr, "relay comparison: cannot start the sink on %s:%d\n", qPrintable(sinkHost), sinkPort);
        return false;
    }
    const qint64 bytes = o.megabytes * 1024 * 1024;
    std::printf("\nrelay comparison: chains of 1..%d hops in front of one echo sink; %lld MiB per stream (median of 3), %d round trips, %d connections\n",
                o.maxHops, static_cast<long long>(o.megabytes), o.probes, o.connections);
    std::printf("%-10s %4s %9s %9s %9s %8s %8s %8s %8s   %6s %6s %4s %9s %7s\n", "path", "hops", "1w Mbit/s", "echo Mb/s", "8x echo", "tcp p50",
                "p95", "p99", "p99.9", "udp50", "udp99", "lost", "conn/s", "RSS MiB");
    std::printf("%-10s %4s %9s %9s %9s %8s %8s %8s %8s   %6s %6s %4s %9s %7s\n", "", "", "", "", "", "µs", "µs", "µs", "µs", "µs", "µs", "", "", "max/hop");
    if (cpuCount() > 1)
        std::printf("(single streams and round trips: client threads on CPU 0, sink threads on CPU %d, for every path; 8 streams unpinned)\n",
                    cpuCount() - 1);
    auto measure = [&](const QString &path, int hops, const QString &host, bool udp, const QList<QProcess *> &procs) {
        if (cpuCount() > 1)
            pinThisThread(0);   // and the threads it starts; the chain's processes were started before
        Row r;
        r.path = path;
        r.hops = hops;
        // Single streams vary run to run (where the scheduler puts sender, receiver and softirqs):
        // the median of three for every path alike.
        auto median3 = [](const std::function<double()> &f) {
            double v[3] = {f(), f(), f()};
            std::sort(v, v + 3);
            return v[1];
        };
        r.oneWay = median3([&] { return oneWayMbit(host, 9000, bytes); });
        r.echo = median3([&] { return echoMbit(host, 9000, bytes); });
        pinThisThread(-1);   // 8 streams: the scheduler spreads senders, receivers and the kernel's work
        g_pinSink = false;
        r.streams8 = median3([&] { return streamsMbit(host, 9000, bytes, 8); });
        g_pinSink = true;
        if (cpuCount() > 1)
            pinThisThread(0);
        r.tcp = tcpRttUs(host, 9000, o.probes);
        if (udp) {
            r.udp = udpRttUs(host, 9000, o.probes, &r.udpLost);
            r.udpMeasured = true;
        }
        r.connRate = connectionsPerS(host, 9000, o.connections);
        for (QProcess *p : procs)
            r.maxRssMiB = std::max(r.maxRssMiB, statusKb(p->processId(), "VmRSS:") / 1024.0);
        pinThisThread(-1);
        print(r);
        return r;
    };
    std::map<QString, std::map<int, Row>> rows;
    rows["direct"][0] = measure("direct", 0, sinkHost, true, {});
    // The kernel data path: each hop its own network namespace on a bridge, as the local VIM's
    // namespaces guest network is; the sink in a namespace of its own, so "direct-ns" is the same
    // network without the hops.
    const GuestNamespaces net(benchNet());
    QString kernelWhy = GuestNamespaces::unavailableReason();
    if (kernelWhy.isEmpty() && systemTool("nft").isEmpty())
        kernelWhy = QStringLiteral("nftables is not installed (apt-get install nftables)");
    Sink nsSink;
    if (kernelWhy.isEmpty()) {
        const Result<> up = net.addGuest("sink", nsSinkAddress());
        if (!up || !nsSink.start(nsSinkAddress(), sinkPort, net.namespaceOf("sink")))
            kernelWhy = up ? QStringLiteral("cannot start the sink in its namespace") : up.errorMessage();
        else
            rows["direct-ns"][0] = measure("direct-ns", 0, nsSinkAddress(), true, {});
    }
    auto wanted = [&o](const char *path) { return o.only.isEmpty() || o.only.contains(QLatin1String(path)); };
    const bool socatInstalled = !QStandardPaths::findExecutable("socat").isEmpty();
    const bool haproxyInstalled = !QStandardPaths::findExecutable("haproxy").isEmpty();
    const bool haveSocat = socatInstalled && wanted("socat");
    const bool haveHaproxy = haproxyInstalled && wanted("haproxy");
    bool vinesOk = true;
    for (int n = qBound(1, o.minHops, o.maxHops); n <= o.maxHops; ++n) {
        if (wanted("vines")) {
            Chain v;
            if (startVines(v, n, QStringLiteral("%1:%2").arg(sinkHost).arg(sinkPort), loopbackHops(o.leafBinary), tmp.path()))
                rows["vines"][n] = measure("vines", n, hopAddress(1, 0), true, v.hops);
            else {
                std::printf("vines      %4d  chain did not start\n", n);
                vinesOk = false;
            }
            stopChain(v);
        }
        if (kernelWhy.isEmpty() && wanted("vines-k")) {
            Chain k;
            if (startVines(k, n, QStringLiteral("%1:%2").arg(nsSinkAddress()).arg(sinkPort), namespaceHops(o.leafBinary), tmp.path()))
                rows["vines-k"][n] = measure("vines-k", n, nsHopAddress(0), true, k.hops);
            else {
                std::printf("vines-k    %4d  chain did not start\n", n);
                vinesOk = false;
            }
            stopChain(k);
        }
        if (haveSocat) {
            Chain s;
            if (startSocat(s, n, sinkHost, sinkPort))
                rows["socat"][n] = measure("socat", n, hopAddress(2, 0), false, s.hops);
            stopChain(s);
        }
        if (haveHaproxy) {
            Chain h;
            if (startHaproxy(h, n, sinkHost, sinkPort, tmp.path()))
                rows["haproxy"][n] = measure("haproxy", n, hopAddress(3, 0), false, h.hops);
            stopChain(h);
        }
    }
    std::printf("direct paths again, after the chains (the better of the two runs counts):\n");
    rows["direct"][0] = best(rows["direct"][0], measure("direct", 0, sinkHost, true, {}));
    if (kernelWhy.isEmpty())
        rows["direct-ns"][0] = best(rows["direct-ns"][0], measure("direct-ns", 0, nsSinkAddress(), true, {}));
    sink.stop();
    if (kernelWhy.isEmpty()) {
        nsSink.stop();
        for (int i = 0; i < o.maxHops; ++i)
            net.removeGuest(QStringLiteral("hop%1").arg(i));
        net.removeGuest("sink");
        net.removeBridge();
    } else {
        std::printf("vines-k (kernel forwarding in network namespaces): skipped, %s\n", qPrintable(kernelWhy));
    }
    if (!socatInstalled && wanted("socat"))
        std::printf("socat: not installed, skipped (apt-get install socat)\n");
    if (!haproxyInstalled && wanted("haproxy"))
        std::printf("haproxy: not installed, skipped (apt-get install haproxy)\n");
    // Ratios at the longest chain: to the direct path and to the best peer.
    const int n = o.maxHops;
    std::printf("\n");
    for (const char *path : {"vines", "vines-k"}) {
        if (!rows[path].count(n))
            continue;
        const Row &v = rows[path][n];
        const bool kernel = QLatin1String(path) == "vines-k";
        const Row &d = rows[kernel ? "direct-ns" : "direct"][0];
        if (kernel) {
            const Row &lo = rows["direct"][0];
            std::printf("chain of %d, vines-k: one-way %.0f%%, echoed %.0f%%, 8 streams %.0f%% of the loopback direct path\n", n,
                        100 * v.oneWay / std::max(1.0, lo.oneWay), 100 * v.echo / std::max(1.0, lo.echo), 100 * v.streams8 / std::max(1.0, lo.streams8));
        }
        std::printf("chain of %d, %s: one-way %.0f%% and echoed %.0f%% of the direct path; +%.1f µs p50 and +%.1f µs p99 per hop (TCP)",
                    n, path, 100 * v.oneWay / std::max(1.0, d.oneWay), 100 * v.echo / std::max(1.0, d.echo), (v.tcp.pct(50) - d.tcp.pct(50)) / n,
                    (v.tcp.pct(99) - d.tcp.pct(99)) / n);
        if (v.udpMeasured)
            std::printf(", +%.1f µs p50 per hop (UDP)", (v.udp.pct(50) - d.udp.pct(50)) / n);
        std::printf(" (vs %s)\n", kernel ? "direct-ns" : "direct");
        for (const char *peer : {"socat", "haproxy"})
            if (rows[peer].count(n)) {
                const Row &p = rows[peer][n];
                std::printf("chain of %d, %s vs %s: one-way %.2fx, echoed %.2fx, 8 streams %.2fx, p50 %.2fx, connections/s %.2fx\n", n, path, peer,
                            v.oneWay / std::max(1.0, p.oneWay), v.echo / std::max(1.0, p.echo), v.streams8 / std::max(1.0, p.streams8),
                            v.tcp.pct(50) / std::max(1.0, p.tcp.pct(50)), v.connRate / std::max(1.0, p.connRate));
            }
    }
    std::printf("(vines, socat, haproxy: each hop its own process on its own loopback address; on loopback every hop is another full TCP\n"
                " stack traversal in each direction, so the CPU bounds a user-space relay chain — vines moves bytes with splice(2) there.\n"
                " vines-k: each hop a Leaf agent in its own network namespace on a bridge, forwarding in the kernel (nftables DNAT/SNAT);\n"
                " direct-ns: the same bridge to the sink's namespace, no hops)\n");
    return vinesOk;
}

} // namespace vines::bench
