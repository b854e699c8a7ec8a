// vines-cloudstack-bench: orchestration overhead on a CloudStack cloud. Runs against
// vines-cloudstack-sim with a fixed delay on every asynchronous job, and reports, for
// instantiating and terminating one VNF and for composing and terminating a 5-VNF service
// chain, the total time, the time spent waiting on the cloud (any API call or job outstanding),
// and the difference: the console's own overhead (EMS registration, NF install through the
// EMS, chaining, verification, bookkeeping). Three set-ups side by side in one run: a User-role
// key composing chains with port forwarding rules, an admin key doing the same, and an admin
// key lending the network's virtual router to the NFVO; each ends by counting what was left.
// Usage: vines-cloudstack-bench [--job-delay MS] [--rounds N]
#include "ConsoleCore.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "BenchSupport.h"
#include "nfvo/Nfvo.h"
#include "vim/CloudStackVim.h"
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace vines;
using vines::bench::awaitResult;
using vines::bench::spin;

namespace {
struct Sample { double total = 0, vim = 0; };
double median(QList<double> v) { std::sort(v.begin(), v.end()); return v.isEmpty() ? 0 : v[v.size() / 2]; }
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int jobDelay = 500, rounds = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--job-delay") jobDelay = args[i + 1].toInt();
        if (args[i] == "--rounds") rounds = args[i + 1].toInt();
    }
    const QString bin = QStringLiteral(VINES_BIN_DIR);
    QTemporaryDir tmp;
    const QJsonObject simCfg{{"apiKey", "bench-key"}, {"secretKey", "bench-secret-0123456789"}, {"leafBinary", bin + "/vines-leaf"},
                             {"workDir", tmp.filePath("vms")}, {"guestPrefix", "127.93.0"}, {"publicPrefix", "127.94.0"}, {"jobDelayMs", jobDelay},
                             {"portFile", tmp.filePath("sim.port")}, {"routerSecret", "bench-router-agent-secret-0123456789"},
                             {"accounts", QJsonArray{QJsonObject{{"name", "tenant"}, {"role", "User"}, {"apiKey", "bench-user-key"},
                                                                 {"secretKey", "bench-user-secret-9876543210"}}}}};
    QFile cf(tmp.filePath("sim.json"));
    cf.open(QIODevice::WriteOnly);
    cf.write(QJsonDocument(simCfg).toJson());
    cf.close();
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedOutputChannel);
    sim.start(bin + "/vines-cloudstack-sim", {"--config", cf.fileName()});
    spin([&]() { return QFile::exists(tmp.filePath("sim.port")); }, 10000);
    QFile pf(tmp.filePath("sim.port"));
    pf.open(QIODevice::ReadOnly);
    const QString apiUrl = QStringLiteral("http://127.0.0.1:%1/client/api").arg(QString::fromLatin1(pf.readAll().trimmed()));
    std::printf("cloudstack-bench: vines-cloudstack-sim with %d ms per asynchronous job, %d rounds (medians)\n", jobDelay, rounds);
    std::printf("%-22s %-28s %10s %10s %10s\n", "set-up", "operation", "total ms", "VIM ms", "overhead");
    struct Setup { const char *label; bool user; ChainDiversion chains; };
    const Setup setups[] = {{"user, port forwarding", true, ChainDiversion::NetworkRules},
                            {"admin, port forwarding", false, ChainDiversion::NetworkRules},
                            {"admin, virtual router", false, ChainDiversion::LentRouter}};
    int setupIndex = 0;
    for (const Setup &setup : setups) {
    ConsoleCore::Options o;
    o.dataDir = tmp.filePath(QStringLiteral("data-%1").arg(setupIndex++));
    o.leafBinary = bin + "/vines-leaf";
    o.emsBinary = bin + "/vines-ems";
    o.keepVnfsRunning = false;
    o.emsPollIntervalMs = 1000;
    o.cloudStack = setup.user ? cloudstack::Endpoint{QUrl(apiUrl), "bench-user-key", "bench-user-secret-9876543210", {}}
                              : cloudstack::Endpoint{QUrl(apiUrl), "bench-key", "bench-secret-0123456789", {}};
    o.cloudChains = setup.chains;
    o.cloudRouterSecret = "bench-router-agent-secret-0123456789";   // what the VR's agent was set up with
    ConsoleCore core(o);
    if (const Result<> opened = awaitResult<void>([&](auto done) { core.open(done); }); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    auto &cs = core.cloudStackVim()->client();
    QHash<QString, QString> pkg, vnfd;
    for (const char *name : {"forwarder", "echo", "router"}) {
        const QString id = core.packages().onboardFile(QStringLiteral(VINES_PACKAGE_DIR "/vines-%1.csar").arg(QLatin1String(name))).valueOr({});
        PackageRecord p;
        core.packages().get(id, &p);
        pkg.insert(QLatin1String(name), id);
        vnfd.insert(QLatin1String(name), p.package.vnfd.descriptorId);
    }
    auto measure = [&](const std::function<Result<QString>()> &start, Sample *s) {
        cs.resetBusy();
        QElapsedTimer t;
        t.start();
        const Result<QString> op = start();
        if (!op) {
            std::fprintf(stderr, "%s: refused: %s\n", setup.label, qPrintable(op.errorMessage()));
            return false;
        }
        OperationRecord rec;
        spin([&]() { return core.operations().get(*op, &rec) && isFinal(rec.state); }, 300000);
        s->total = double(t.elapsed());
        s->vim = double(cs.busyMs());
        if (rec.state != OpState::Completed)
            std::fprintf(stderr, "%s: operation failed: %s\n", setup.label, qPrintable(rec.error));
        return rec.state == OpState::Completed;
    };
    QList<double> it, iv, tt, tv, ct, cv, xt, xv;
    NsDescriptor d;
    d.descriptorId = "bench-5";
    d.name = "bench-5";
    Vnffg g{"sfc", "", "path", {}};
    for (int i = 0; i < 5; ++i) {
        d.vnfs << NsdVnf{QStringLiteral("v%1").arg(i), i < 4 ? vnfd["forwarder"] : vnfd["echo"], QStringLiteral("v%1").arg(i), {}};
        g.path << NsdHop{QStringLiteral("v%1").arg(i), {}};
    }
    d.vnffgs << g;
    const QString nsd = core.nsCatalog().add(d).valueOr({});
    for (int r = 0; r < rounds; ++r) {
        Sample s;
        QString id;
        if (!measure([&]() -> Result<QString> {
                InstantiateRequest q;
                q.packageId = pkg["echo"];
                q.name = QStringLiteral("bench-%1").arg(r);
                q.computeFlavour = "small";
                const auto started = core.vnfm().instantiate(q);
                if (!started)
                    return started.error();
                id = started->instanceId;
                return started->operationId;
            }, &s)) return 1;
        it << s.total; iv << s.vim;
        if (!measure([&]() { return core.vnfm().terminate(id); }, &s)) return 1;
        tt << s.total; tv << s.vim;
        (void)core.vnfm().deleteInstance(id);
        QString nsId;
        if (!measure([&]() -> Result<QString> {
                const auto started = core.nfvo().instantiate(nsd, QStringLiteral("bench5-%1").arg(r));
                if (!started)
                    return started.error();
                nsId = started->nsId;
                return started->operationId;
            }, &s)) return 1;
        ct << s.total; cv << s.vim;
        if (!measure([&]() { return core.nfvo().terminate(nsId); }, &s)) return 1;
        xt << s.total; xv << s.vim;
        (void)core.nfvo().deleteNs(nsId);
    }
    auto row = [&](const char *name, const QList<double> &t, const QList<double> &v) {
        std::printf("%-22s %-28s %10.0f %10.0f %10.0f\n", setup.label, name, median(t), median(v), median(t) - median(v));
    };
    row("instantiate 1 VNF", it, iv);
    row("terminate 1 VNF", tt, tv);
    row("compose 5-VNF SFC", ct, cv);
    row("terminate 5-VNF SFC", xt, xv);
    // What the account still sees: nothing, once every chain is terminated.
    int left = -1, rules = -1, vms = -1;
    cs.call("listPublicIpAddresses", {}, [&](const cloudstack::Reply &r) { left = r.valueOr({}).value("count").toInt(); });
    cs.call("listPortForwardingRules", {}, [&](const cloudstack::Reply &r) { rules = r.valueOr({}).value("count").toInt(); });
    cs.call("listVirtualMachines", {}, [&](const cloudstack::Reply &r) { vms = r.valueOr({}).value("count").toInt(); });
    spin([&]() { return left >= 0 && rules >= 0 && vms >= 0; }, 10000);
    std::printf("%-22s left behind: %d VMs, %d public addresses, %d port forwarding rules\n", setup.label, vms, left, rules);
    }
    std::printf("(the virtual router set-up's first compose also adopts the router; VIM ms = wall time with a CloudStack call or job outstanding)\n");
    sim.terminate();
    sim.waitForFinished(10000);
    return 0;
}
