// Vines Console: NFV MANO operator console (VNFM + NFVO) on the embedded local VIM.
#include "ConsoleCore.h"
#include "DemoContent.h"
#include "MainWindow.h"
#include "catalog/NsCatalog.h"
#include "sfc/SfcDesigner.h"
#include "dash/DashboardsView.h"
#include "dash/SfcDashboard.h"
#include "vim/LocalVim.h"
#include <QTabWidget>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>

using namespace vines;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Vines");
    QApplication::setApplicationName("Vines Console");
    QApplication::setApplicationVersion("0.1.0");
    QApplication::setWindowIcon(QIcon(":/vines/icons/vines-console.svg"));
    QApplication::setDesktopFileName("vines-console");

    QCommandLineParser p;
    p.setApplicationDescription("Vines Console: NFV management and orchestration");
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demo("demo", "Load demo content: sample packages and a small running chain.");
    const QCommandLineOption dataDir("data-dir", "Directory for the catalog database, packages and local VIM.", "dir");
    const QCommandLineOption stopOnExit("stop-vnfs-on-exit", "End local VNF processes when the console exits.");
    const QCommandLineOption shot("screenshot", "Save a PNG of the main window after --screenshot-delay ms, then quit.", "file");
    const QCommandLineOption shotDelay("screenshot-delay", "Delay before --screenshot, in ms.", "ms", "4000");
    const QCommandLineOption show("show", "Open on a tab: vnfs, services, designer (opens the first NSD) or dashboard (the first network service's, probing).", "tab", "vnfs");
    p.addOptions({demo, dataDir, stopOnExit, shot, shotDelay, show});
    p.process(app);

    ConsoleCore::Options o;
    o.dataDir = p.value(dataDir);
    o.keepVnfsRunning = !p.isSet(stopOnExit);
    ConsoleCore core(o);
    QString error;
    if (!core.open(&error)) {
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(error));
        QMessageBox::critical(nullptr, "Vines Console", error);
        return 1;
    }

    MainWindow window(core.services(), core.vim().displayName());
    window.show();
    for (const QString &line : core.recoveryReport())
        window.statusBar()->showMessage(line, 8000);

    if (p.isSet(demo)) {
        const QString dir = ConsoleCore::samplePackagesDir();
        if (dir.isEmpty()) {
            window.showMessage(QObject::tr("Demo packages not found next to the console binary"), true);
        } else {
            auto *d = new DemoContent(core, dir, &window);
            QObject::connect(d, &DemoContent::finished, &window, [&window](const QString &summary) {
                window.statusBar()->showMessage(summary);
                std::printf("%s\n", qPrintable(summary));
                std::fflush(stdout);
            });
            d->start();
        }
    }
    if (p.value(show) == QLatin1String("services"))
        window.tabs()->setCurrentIndex(1);
    if (p.value(show) == QLatin1String("designer")) {
        window.tabs()->setCurrentIndex(2);
        auto openFirst = [&window, &core]() {
            const auto nsds = core.nsCatalog().descriptors();
            if (!nsds.isEmpty())
                window.designer()->loadNsd(nsds.first().id);
        };
        QObject::connect(&core.nsCatalog(), &NsCatalog::descriptorsChanged, &window, openFirst, Qt::SingleShotConnection);
        openFirst();
    }
    if (p.value(show) == QLatin1String("dashboard")) {
        window.tabs()->setCurrentWidget(window.dashboards());
        auto openFirst = [&window, &core]() {
            for (const NsInstanceRecord &r : core.nsCatalog().instances())
                if (r.instantiated() && window.dashboards()->tabs()->count() == 0) {
                    if (SfcDashboard *d = window.dashboards()->openSfc(r.id))
                        d->startProbes();
                    return;
                }
        };
        QObject::connect(&core.nsCatalog(), &NsCatalog::instanceChanged, &window, openFirst);
        openFirst();
    }
    if (p.isSet(shot)) {
        QTimer::singleShot(p.value(shotDelay).toInt(), &window, [&window, file = p.value(shot)]() {
            window.grab().save(file);
            window.close();
        });
    }
    return app.exec();
}
