// vines-bench: prints the foundation's speed and memory figures on this machine.
//   onboarding time of a package, instantiate -> NF running and terminate times on LocalVim,
//   peak RSS of the console (this process: model + main window, offscreen) with 100 running
//   VNFs, the Leaf processes' memory, and the longest event-loop stall while all that runs.
// Usage: vines-bench [--vnfs N] [--rounds N] [--listed N (VNFs in the tables, default 500)]
#include "ConsoleCore.h"
#include "MainWindow.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include <QThread>
#include <limits>
#include "package/PackageReader.h"
#include "vim/LocalVim.h"
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <vector>
#include <ctime>
#include <cstdio>

using namespace vines;

#include "BenchSupport.h"

namespace {
using namespace vines::bench;

// Measures the longest gap between ticks of a 5 ms timer: how long the event loop stalled.
// Also how much of the worst gap this thread spent on a CPU: the rest it waited for one (with
// 100 agents starting on two cores the scheduler, not the console, makes part of every gap).
qint64 threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

struct StallMeter {
    QTimer timer;
    const QElapsedTimer &clock;
    qint64 last = 0, lastCpu = 0, worst = 0, worstFrom = 0, worstTo = 0, worstCpuMs = 0, worstOnCpu = 0;
    explicit StallMeter(const QElapsedTimer &c) : clock(c)
    {
        reset();
        QObject::connect(&timer, &QTimer::timeout, [this]() {
            const qint64 now = clock.elapsed(), cpu = threadCpuUs();
            if (now - last - 5 > worst) {
                worst = now - last - 5;
                worstFrom = last;
                worstTo = now;
                worstCpuMs = (cpu - lastCpu) / 1000;
            }
            worstOnCpu = qMax(worstOnCpu, (cpu - lastCpu) / 1000);
            last = now;
            lastCpu = cpu;
        });
        timer.start(5);
    }
    void reset()
    {
        worst = worstOnCpu = 0;
        last = clock.elapsed();
        lastCpu = threadCpuUs();
    }
};

// Times every event delivery so the bench can name what stalled the event loop.
class TimedApplication : public QApplication {
public:
    TimedApplication(int &argc, char **argv) : QApplication(argc, argv) { clock.start(); }
    struct Slow { qint64 ms; QString what; };
    struct Delivery { qint64 startUs, us; const char *receiverClass; int type; int depth; };
    QList<Slow> slow;
    QElapsedTimer clock;
    std::vector<Delivery> deliveries;   // top-level deliveries (bounded)
    int depth = 0;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (QThread::currentThread() != thread())   // other threads' deliveries: not the window's event loop
            return QApplication::notify(receiver, event);
        const qint64 start = clock.nsecsElapsed() / 1000;
        const char *cls = receiver->metaObject()->className();
        const int type = int(event->type());
        ++depth;
        const bool r = QApplication::notify(receiver, event);
        --depth;
        const qint64 us = clock.nsecsElapsed() / 1000 - start;
        if (us >= 50000)
            slow.append({us / 1000, QStringLiteral("%1 event %2").arg(QString::fromLatin1(cls)).arg(type)});
        if (deliveries.size() < 4000000)
            deliveries.push_back({start, us, cls, type, depth});
        return r;
    }
    // What the event loop delivered between two moments, summed by receiver class and event type.
    void explain(qint64 fromMs, qint64 toMs) const
    {
        using Sums = QHash<QString, std::pair<int, qint64>>;   // "Class event N" -> count, microseconds
        auto inGap = [&](const Delivery &d) { return d.startUs >= fromMs * 1000 && d.startUs + d.us <= toMs * 1000 + 1000; };
        int outer = std::numeric_limits<int>::max();   // the outermost deliveries in the gap: nested ones are in their time
        for (const Delivery &d : deliveries) {
            if (inGap(d))
                outer = std::min(outer, d.depth);
            else if (d.startUs < fromMs * 1000 && d.startUs + d.us > toMs * 1000 - 1000)   // a nested event loop, or a blocking call
                std::printf("ui       enclosing the stall: %.1f ms in %s event %d (depth %d)\n", d.us / 1000.0, d.receiverClass, d.type, d.depth);
        }
        Sums slowOnes, all;
        qint64 slowTotal = 0, allTotal = 0;
        int allCount = 0;
        for (const Delivery &d : deliveries) {
            if (!inGap(d) || d.depth != outer)
                continue;
            const QString key = QStringLiteral("%1 event %2").arg(QString::fromLatin1(d.receiverClass)).arg(d.type);
            all[key].first++;
            all[key].second += d.us;
            allTotal += d.us;
            ++allCount;
            if (d.us >= 500) {
                slowOnes[key].first++;
                slowOnes[key].second += d.us;
                slowTotal += d.us;
            }
        }
        auto printTop = [](const Sums &sums, int n) {
            QList<std::pair<QString, std::pair<int, qint64>>> rows;
            for (auto it = sums.begin(); it != sums.end(); ++it)
                rows.append({it.key(), it.value()});
            std::sort(rows.begin(), rows.end(), [](const auto &x, const auto &y) { return x.second.second > y.second.second; });
            for (int i = 0; i < rows.size() && i < n; ++i)
                std::printf("ui         %6.1f ms in %4d x %s\n", rows[i].second.second / 1000.0, rows[i].second.first, qPrintable(rows[i].first));
        };
        std::printf("ui       the longest stall (%lld ms): %.0f ms in deliveries of 0.5 ms or more, by receiver\n",
                    static_cast<long long>(toMs - fromMs), slowTotal / 1000.0);
        printTop(slowOnes, 6);
        std::printf("ui       in it, all %d deliveries took %.1f ms, by receiver\n", allCount, allTotal / 1000.0);
        printTop(all, 8);
    }
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    TimedApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int nVnfs = args.contains("--vnfs") ? args.value(args.indexOf("--vnfs") + 1).toInt() : 100;
    const int rounds = args.contains("--rounds") ? args.value(args.indexOf("--rounds") + 1).toInt() : 10;
    const int nListed = args.contains("--listed") ? args.value(args.indexOf("--listed") + 1).toInt() : 500;
    const QString pkgDir = QStringLiteral(VINES_PACKAGE_DIR);
    QTemporaryDir tmp;
    std::printf("vines-bench: %d rounds, %d concurrent VNFs, packages from %s\n", rounds, nVnfs, qPrintable(pkgDir));

    // 1. Onboarding: read + validate + store, into a fresh catalog each time.
    Stats validate, onboard;
    for (int i = 0; i < rounds * 2; ++i) {
        const QString pkg = pkgDir + (i % 2 ? "/vines-firewall.csar" : "/vines-forwarder.csar");
        QElapsedTimer t;
        t.start();
        const Result<VnfPackage> r = PackageReader::read(pkg);
        validate.add(t.nsecsElapsed() / 1e6);
        Database db(tmp.filePath(QStringLiteral("onboard-%1.db").arg(i)));
        (void)db.open();
        PackageCatalog c(db, tmp.filePath(QStringLiteral("store-%1").arg(i)));
        t.restart();
        const Result<QString> added = r ? c.add(pkg, *r) : Result<QString>(r.error());
        if (!added) {
            std::fprintf(stderr, "onboarding failed: %s\n", qPrintable(added.errorMessage()));
            return 1;
        }
        onboard.add(t.nsecsElapsed() / 1e6 + validate.v.last());
    }
    std::printf("onboard  package read+validate: %s\n", qPrintable(validate.medianLine("ms")));
    std::printf("onboard  package end to end   : %s\n", qPrintable(onboard.medianLine("ms")));

    // 2. The console: core + main window, on LocalVim with real Leaf processes.
    ConsoleCore::Options o;
    o.dataDir = tmp.filePath("console");
    o.leafBinary = QStringLiteral(VINES_BIN_DIR) + "/vines-leaf";
    o.keepVnfsRunning = false;
    o.guestPrefix = "127.51";
    ConsoleCore core(o);
    if (const Result<> opened = awaitResult<void>([&](auto done) { core.open(done); }); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    MainWindow window(core.services(), core.vim().displayName());
    window.show();
    const QString echo = core.packages().onboardFile(pkgDir + "/vines-echo.csar").valueOr({});
    StallMeter stall(app.clock);
    const qint64 rssBase = statusKb(QCoreApplication::applicationPid(), "VmRSS:");

    // Which operations ended, as the VNFM says when they do: the bench must not poll the catalog for
    // them between event-loop passes (100 SQLite reads per pass were 25-45 ms of "stall" of its own).
    QHash<QString, QString> ended;   // operation id -> final state (and error)
    QObject::connect(&core.vnfm(), &Vnfm::operationFinished, [&ended](const QString &op, OpState st, const QString &err) {
        ended.insert(op, text(st) + (err.isEmpty() ? QString() : ": " + err));
    });
    // Instantiates a VNF; the id of its instance into *id. A refusal reads as an operation that ended so.
    auto instantiate = [&core, &ended](const QString &pkg, const QString &name, QString *id = nullptr) {
        InstantiateRequest q;
        q.packageId = pkg;
        q.name = name;
        q.computeFlavour = "tiny";
        const Result<LcmStarted> s = core.vnfm().instantiate(q);
        if (!s) {
            const QString op = QStringLiteral("refused-%1").arg(name);
            ended.insert(op, "REFUSED: " + s.errorMessage());
            return op;
        }
        if (id)
            *id = s->instanceId;
        return s->operationId;
    };
    auto opOf = [&ended](const Result<QString> &r, const QString &what) {
        if (r)
            return *r;
        ended.insert("refused-" + what, "REFUSED: " + r.errorMessage());
        return "refused-" + what;
    };
    auto finished = [&ended](const QString &op) { return ended.contains(op); };
    auto state = [&ended](const QString &op) { return ended.value(op); };

    Stats inst, term;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        QString id;
        const QString op = instantiate(echo, QStringLiteral("seq-%1").arg(i), &id);
        spin([&]() { return finished(op); });
        inst.add(t.nsecsElapsed() / 1e6);
        if (state(op) != "COMPLETED") { std::fprintf(stderr, "instantiate: %s\n", qPrintable(state(op))); return 1; }
        t.restart();
        const QString op2 = opOf(core.vnfm().terminate(id), id);
        spin([&]() { return finished(op2); });
        term.add(t.nsecsElapsed() / 1e6);
        (void)core.vnfm().deleteInstance(id);
    }
    std::printf("lifecycle instantiate -> NF running: %s\n", qPrintable(inst.medianLine("ms")));
    std::printf("lifecycle terminate (graceful)     : %s\n", qPrintable(term.medianLine("ms")));

    // 3. Many VNFs at once, with more listed (created, not instantiated): the tables hold them all.
    const qint64 stallRounds = stall.worst;
    QElapsedTimer creating;
    creating.start();
    for (int i = 0; i + nVnfs < nListed; ++i)
        (void)core.vnfm().createInstance(echo, QStringLiteral("listed-%1").arg(i, 3, 10, QChar('0')));
    const qint64 createMs = creating.elapsed();
    stall.reset();   // the creating loop above is the bench's own: reported on its own
    spin([]() { return false; }, 1000);
    const qint64 stallCreated = stall.worst;
    QElapsedTimer all;
    all.start();
    QStringList ops;
    for (int i = 0; i < nVnfs; ++i)
        ops << instantiate(echo, QStringLiteral("vnf-%1").arg(i, 3, 10, QChar('0')));
    const double issueMs = all.elapsed();
    stall.reset();   // the issuing loop above is reported on its own, not as a stall
    spin([&]() { return std::all_of(ops.begin(), ops.end(), finished); }, 300000);
    const double allMs = all.elapsed();
    int ok = 0, told = 0;
    for (const QString &op : ops) {
        ok += state(op) == "COMPLETED" ? 1 : 0;
        if (state(op) != "COMPLETED" && told++ < 3)
            std::printf("scale    an instantiation ended %s\n", qPrintable(state(op)));
    }
    // Let the table and status polling run with everything up.
    QElapsedTimer settle;
    settle.start();
    spin([&]() { return settle.elapsed() > 5000; }, 6000);
    const qint64 pid = QCoreApplication::applicationPid();
    qint64 leafRss = 0;
    for (const VimInstance &vi : core.localVim().instances())
        leafRss += statusKb(core.localVim().pidOf(vi.id), "VmRSS:");
    std::printf("scale    %d VNFs instantiated concurrently: %d completed in %.1f s (%.0f ms per VNF)\n", nVnfs, ok, allMs / 1000,
                allMs / qMax(1, nVnfs));
    std::printf("memory   console RSS: %.1f MiB at start, %.1f MiB with %d VNFs running, peak (VmHWM) %.1f MiB\n",
                rssBase / 1024.0, statusKb(pid, "VmRSS:") / 1024.0, ok, statusKb(pid, "VmHWM:") / 1024.0);
    std::printf("memory   Leaf agents: %.1f MiB in total, %.1f MiB each\n", leafRss / 1024.0, leafRss / 1024.0 / qMax(1, ok));
    std::printf("ui       issuing %d instantiate requests in one loop took %.0f ms (%.2f ms each)\n", nVnfs, issueMs, issueMs / qMax(1, nVnfs));
    std::printf("ui       creating %d more VNF records in one loop took %lld ms; the longest stall after it: %lld ms; during the %d "
                "one-by-one lifecycles before: %lld ms\n",
                qMax(0, nListed - nVnfs), static_cast<long long>(createMs), static_cast<long long>(stallCreated), rounds,
                static_cast<long long>(stallRounds));
    std::printf("ui       longest event-loop stall: %lld ms while %d operations ran and settled with %d VNFs listed "
                "(%lld ms of it on a CPU; the most CPU between two ticks: %lld ms)\n",
                static_cast<long long>(stall.worst), nVnfs, int(core.instances().list().size()),
                static_cast<long long>(stall.worstCpuMs), static_cast<long long>(stall.worstOnCpu));

    app.explain(stall.worstFrom, stall.worstTo);
    std::sort(app.slow.begin(), app.slow.end(), [](const auto &a, const auto &b) { return a.ms > b.ms; });
    for (int i = 0; i < app.slow.size() && i < 5; ++i)
        std::printf("ui       slow event: %lld ms in %s\n", static_cast<long long>(app.slow[i].ms), qPrintable(app.slow[i].what));
    all.restart();
    ops.clear();
    for (const InstanceRecord &r : core.instances().list())
        if (r.instantiated())
            ops << opOf(core.vnfm().terminate(r.id), r.id);
    spin([&]() { return std::all_of(ops.begin(), ops.end(), finished); }, 300000);
    std::printf("scale    %d VNFs terminated concurrently in %.1f s\n", int(ops.size()), all.elapsed() / 1000.0);
    return ok == nVnfs ? 0 : 1;
}
