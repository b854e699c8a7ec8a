// vines-bench: prints the foundation's speed and memory figures on this machine.
//   onboarding time of a package, instantiate -> NF running and terminate times on LocalVim,
//   peak RSS of the console (this process: model + main window, offscreen) with 100 running
//   VNFs, the Leaf processes' memory, and the longest event-loop stall while all that runs.
// Usage: vines-bench [--vnfs N] [--rounds N]
#include "ConsoleCore.h"
#include "MainWindow.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "package/PackageReader.h"
#include "vim/LocalVim.h"
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace vines;

#include "BenchSupport.h"

namespace {
using namespace vines::bench;

// Measures the longest gap between ticks of a 5 ms timer: how long the event loop stalled.
struct StallMeter {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    StallMeter()
    {
        clock.start();
        QObject::connect(&timer, &QTimer::timeout, [this]() {
            const qint64 now = clock.elapsed();
            worst = qMax(worst, now - last - 5);
            last = now;
        });
        timer.start(5);
    }
};

// Times every event delivery so the bench can name what stalled the event loop.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    struct Slow { qint64 ms; QString what; };
    QList<Slow> slow;
    bool notify(QObject *receiver, QEvent *event) override
    {
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        const qint64 ms = t.elapsed();
        if (ms >= 50)
            slow.append({ms, QStringLiteral("%1 (%2) event %3").arg(QString::fromLatin1(receiver->metaObject()->className()),
                                                                  receiver->objectName()).arg(int(event->type()))});
        return r;
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
    const QString pkgDir = QStringLiteral(VINES_PACKAGE_DIR);
    QTemporaryDir tmp;
    std::printf("vines-bench: %d rounds, %d concurrent VNFs, packages from %s\n", rounds, nVnfs, qPrintable(pkgDir));

    // 1. Onboarding: read + validate + store, into a fresh catalog each time.
    Stats validate, onboard;
    for (int i = 0; i < rounds * 2; ++i) {
        const QString pkg = pkgDir + (i % 2 ? "/vines-firewall.csar" : "/vines-forwarder.csar");
        QElapsedTimer t;
        t.start();
        const PackageReadResult r = PackageReader::read(pkg);
        validate.add(t.nsecsElapsed() / 1e6);
        Database db(tmp.filePath(QStringLiteral("onboard-%1.db").arg(i)));
        QString error;
        db.open(&error);
        PackageCatalog c(db, tmp.filePath(QStringLiteral("store-%1").arg(i)));
        t.restart();
        if (!r.ok || c.add(pkg, r.package, &error).isEmpty()) {
            std::fprintf(stderr, "onboarding failed: %s\n", qPrintable(error + r.error.toString()));
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
    QString error;
    if (!core.open(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    MainWindow window(core.services(), core.vim().displayName());
    window.show();
    const QString echo = core.packages().onboardFile(pkgDir + "/vines-echo.csar", &error);
    StallMeter stall;
    const qint64 rssBase = statusKb(QCoreApplication::applicationPid(), "VmRSS:");

    auto finished = [&core](const QString &op) {
        OperationRecord r;
        return core.operations().get(op, &r) && OpState::isFinal(r.state);
    };
    auto state = [&core](const QString &op) {
        OperationRecord r;
        core.operations().get(op, &r);
        return r.state + (r.error.isEmpty() ? QString() : ": " + r.error);
    };

    Stats inst, term;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        QString id;
        const QString op = core.vnfm().instantiate(echo, QStringLiteral("seq-%1").arg(i), "tiny", {}, &error, &id);
        spin([&]() { return finished(op); });
        inst.add(t.nsecsElapsed() / 1e6);
        if (state(op) != "COMPLETED") { std::fprintf(stderr, "instantiate: %s\n", qPrintable(state(op))); return 1; }
        t.restart();
        const QString op2 = core.vnfm().terminate(id, &error);
        spin([&]() { return finished(op2); });
        term.add(t.nsecsElapsed() / 1e6);
        core.vnfm().deleteInstance(id, &error);
    }
    std::printf("lifecycle instantiate -> NF running: %s\n", qPrintable(inst.medianLine("ms")));
    std::printf("lifecycle terminate (graceful)     : %s\n", qPrintable(term.medianLine("ms")));

    // 3. Many VNFs at once.
    QElapsedTimer all;
    all.start();
    QStringList ops;
    for (int i = 0; i < nVnfs; ++i)
        ops << core.vnfm().instantiate(echo, QStringLiteral("vnf-%1").arg(i, 3, 10, QChar('0')), "tiny", {}, &error);
    const double issueMs = all.elapsed();
    const qint64 stallBefore = stall.worst;
    stall.worst = 0;
    spin([&]() { return std::all_of(ops.begin(), ops.end(), finished); }, 300000);
    const double allMs = all.elapsed();
    int ok = 0;
    for (const QString &op : ops)
        ok += state(op) == "COMPLETED" ? 1 : 0;
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
    std::printf("ui       longest event-loop stall: %lld ms before, %lld ms while %d operations ran and settled\n",
                static_cast<long long>(stallBefore), static_cast<long long>(stall.worst), nVnfs);

    std::sort(app.slow.begin(), app.slow.end(), [](const auto &a, const auto &b) { return a.ms > b.ms; });
    for (int i = 0; i < app.slow.size() && i < 5; ++i)
        std::printf("ui       slow event: %lld ms in %s\n", static_cast<long long>(app.slow[i].ms), qPrintable(app.slow[i].what));
    all.restart();
    ops.clear();
    for (const InstanceRecord &r : core.instances().list())
        ops << core.vnfm().terminate(r.id, &error);
    spin([&]() { return std::all_of(ops.begin(), ops.end(), finished); }, 300000);
    std::printf("scale    %d VNFs terminated concurrently in %.1f s\n", int(ops.size()), all.elapsed() / 1000.0);
    return ok == nVnfs ? 0 : 1;
}
