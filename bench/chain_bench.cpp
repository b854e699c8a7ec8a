// vines-chain-bench: the seed experiment (Figures 5 and 6) on this machine. Service chains of
// 2, 3, 4 and 5 VNFs (forwarders then an echo sink) composed by the NFVO on the embedded local
// VIM — client -> virtual router -> VNF 1 -> ... -> VNF n, answers back the same way — measured
// against a direct connection to the last VNF (the physical limit here): request/response
// latency p50/p95/p99 and bulk TCP throughput, side by side. Also writes every sample as CSV.
// First, the data plane against its peers (RelayComparison): chains of 1..5 hops of vines-leaf
// forwarders, socat and HAProxy in front of one sink, and the direct path.
// Usage: vines-chain-bench [--probes N] [--mbytes M] [--csv FILE] [--hops N] [--stream-mbytes M]
//                          [--from-hops M] [--peers-only | --no-peers] [--only vines,vines-k,socat,haproxy]
#include "ConsoleCore.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "nfvo/ChainMeter.h"
#include "BenchSupport.h"
#include "RelayComparison.h"
#include "nfvo/Nfvo.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>

using namespace vines;
using vines::bench::awaitResult;
using vines::bench::spin;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription("Service chains on the embedded local VIM and the data plane against its peers, side by side.");
    cli.addHelpOption();
    const QCommandLineOption probesOpt("probes", "Round trips per chain latency figure (default 2000).", "N", "2000");
    const QCommandLineOption mbytesOpt("mbytes", "Bulk transfer per chain throughput figure, MiB (default 64).", "M", "64");
    const QCommandLineOption csvOpt("csv", "Where every sample goes (default chain-bench.csv).", "FILE", "chain-bench.csv");
    const QCommandLineOption hopsOpt("hops", "Peer comparison: longest chain, 1-8 (default 5).", "N", "5");
    const QCommandLineOption fromOpt("from-hops", "Peer comparison: shortest chain, 1-8 (default 1).", "M", "1");
    const QCommandLineOption streamOpt("stream-mbytes", "Peer comparison: each single-stream transfer, MiB (default 1024).", "M", "1024");
    const QCommandLineOption onlyOpt("only", "Peer comparison: only these paths (vines, vines-k, socat, haproxy).", "LIST");
    const QCommandLineOption peersOnlyOpt("peers-only", "Only the peer comparison.");
    const QCommandLineOption noPeersOpt("no-peers", "Skip the peer comparison.");
    cli.addOptions({probesOpt, mbytesOpt, csvOpt, hopsOpt, fromOpt, streamOpt, onlyOpt, peersOnlyOpt, noPeersOpt});
    cli.process(app);   // --help, and unknown options refused with the reason
    auto number = [&cli](const QCommandLineOption &opt, qint64 low, qint64 high) {
        bool ok = false;
        const qint64 v = cli.value(opt).toLongLong(&ok);
        if (!ok || v < low || v > high) {
            std::fprintf(stderr, "--%s: %s is not a number from %lld to %lld\n", qPrintable(opt.names().first()), qPrintable(cli.value(opt)),
                         static_cast<long long>(low), static_cast<long long>(high));
            std::exit(2);
        }
        return v;
    };
    const int probes = int(number(probesOpt, 1, 10000000));
    const qint64 mbytes = number(mbytesOpt, 1, 1 << 20);
    const QString csvPath = cli.value(csvOpt);
    vines::bench::RelayBenchOptions relay;
    relay.leafBinary = QStringLiteral(VINES_BIN_DIR) + "/vines-leaf";
    relay.maxHops = int(number(hopsOpt, 1, 8));
    relay.minHops = int(number(fromOpt, 1, 8));
    relay.megabytes = number(streamOpt, 1, 1 << 20);
    if (cli.isSet(onlyOpt)) {
        relay.only = cli.value(onlyOpt).split(',', Qt::SkipEmptyParts);
        for (const QString &path : std::as_const(relay.only))
            if (!QStringList{"vines", "vines-k", "socat", "haproxy"}.contains(path)) {
                std::fprintf(stderr, "--only: %s is not a path (vines, vines-k, socat, haproxy)\n", qPrintable(path));
                return 2;
            }
    }
    if (!cli.isSet(noPeersOpt)) {
        const bool ok = vines::bench::runRelayComparison(relay);
        if (cli.isSet(peersOnlyOpt))
            return ok ? 0 : 1;
    }
    QTemporaryDir tmp;
    ConsoleCore::Options o;
    o.dataDir = tmp.filePath("data");
    o.leafBinary = QStringLiteral(VINES_BIN_DIR) + "/vines-leaf";
    o.emsBinary = QStringLiteral(VINES_BIN_DIR) + "/vines-ems";
    o.keepVnfsRunning = false;
    o.guestPrefix = "127.91";
    o.publicPrefix = "127.92.0";
    ConsoleCore core(o);
    if (const Result<> opened = awaitResult<void>([&](auto done) { core.open(done); }); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    QHash<QString, QString> pkg;
    for (const char *name : {"forwarder", "echo", "router"}) {
        const Result<QString> id = core.packages().onboardFile(QStringLiteral(VINES_PACKAGE_DIR "/vines-%1.csar").arg(QLatin1String(name)));
        if (!id) {
            std::fprintf(stderr, "%s\n", qPrintable(id.errorMessage()));
            return 1;
        }
        PackageRecord p;
        core.packages().get(*id, &p);
        pkg.insert(QLatin1String(name), p.package.vnfd.descriptorId);
    }
    std::printf("chain-bench: %d latency probes (64-byte request/response on one TCP connection), %lld MiB bulk TCP echoed back\n",
                probes, static_cast<long long>(mbytes));
    std::printf("%-12s %9s %9s %9s %14s %12s\n", "path", "p50 ms", "p95 ms", "p99 ms", "Mbit/s", "compose s");
    QList<ChainMeasurement> all;
    QString directHost;
    for (int n = 2; n <= 5; ++n) {
        NsDescriptor d;
        d.descriptorId = QStringLiteral("bench-chain-%1").arg(n);
        d.name = d.descriptorId;
        Vnffg g{"sfc", "bench", "path", {}};
        for (int i = 0; i < n; ++i) {
            const QString node = QStringLiteral("vnf%1").arg(i + 1);
            d.vnfs << NsdVnf{node, i + 1 < n ? pkg["forwarder"] : pkg["echo"], node, {}};
            g.path << NsdHop{node, {}};
        }
        d.vnffgs << g;
        const Result<QString> nsd = core.nsCatalog().add(d);
        QElapsedTimer compose;
        compose.start();
        const auto started = nsd ? core.nfvo().instantiate(*nsd, d.name) : Result<Nfvo::Started>(nsd.error());
        if (!started) {
            std::fprintf(stderr, "chain of %d: %s\n", n, qPrintable(started.errorMessage()));
            return 1;
        }
        const QString nsId = started->nsId;
        OperationRecord rec;
        spin([&]() { return core.operations().get(started->operationId, &rec) && isFinal(rec.state); }, 120000);
        const double composeS = compose.elapsed() / 1000.0;
        if (rec.state != OpState::Completed) {
            std::fprintf(stderr, "chain of %d: %s %s\n", n, qPrintable(text(rec.state)), qPrintable(rec.error));
            return 1;
        }
        NsInstanceRecord ns;
        core.nsCatalog().instance(nsId, &ns);
        if (n == 2) {   // the direct path: straight to an echo sink, no relay at all
            directHost = core.nfvo().dataAddress(ns.vnfInstanceIds.last()).section(':', 0, 0);
            ChainMeasurement direct{"direct", 0, directHost + ":9000", ChainMeter::latency(directHost, 9000, probes),
                                    ChainMeter::throughput(directHost, 9000, mbytes * 1024 * 1024)};
            std::printf("%-12s %9.3f %9.3f %9.3f %14.0f %12s\n", "direct", direct.latency.percentile(50), direct.latency.percentile(95),
                        direct.latency.percentile(99), direct.throughput.mbitPerS(), "-");
            all << direct;
        }
        ChainMeasurement m{QStringLiteral("chain of %1").arg(n), n, ns.publicAddress + ":9000",
                           ChainMeter::latency(ns.publicAddress, 9000, probes),
                           ChainMeter::throughput(ns.publicAddress, 9000, mbytes * 1024 * 1024)};
        std::printf("%-12s %9.3f %9.3f %9.3f %14.0f %12.2f%s\n", qPrintable(m.label), m.latency.percentile(50), m.latency.percentile(95),
                    m.latency.percentile(99), m.throughput.mbitPerS(), composeS,
                    m.latency.failures || !m.throughput.error.isEmpty() ? qPrintable(" ERROR " + m.latency.error + m.throughput.error) : "");
        std::fflush(stdout);
        all << m;
        const Result<QString> t = core.nfvo().terminate(nsId);
        if (t)
            spin([&]() { return core.operations().get(*t, &rec) && isFinal(rec.state); }, 120000);
    }
    QFile csv(csvPath);
    if (csv.open(QIODevice::WriteOnly))
        csv.write(ChainMeter::toCsv(all));
    std::printf("samples written to %s\n", qPrintable(csvPath));
    std::printf("(each chain hop is a user-space TCP relay in a Leaf process: router + n-1 forwarders + the sink; 'compose' is the\n"
                " NFVO's instantiate-NS operation: n VNFs in parallel, chaining, public address, router route, verification)\n");
    return 0;
}
