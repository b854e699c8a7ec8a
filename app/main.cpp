// Vines Console: NFV MANO operator console (VNFM + NFVO) on the embedded local VIM.
#include "ConsoleCore.h"
#include "DemoContent.h"
#include "MainWindow.h"
#include "catalog/NsCatalog.h"
#include "sfc/SfcDesigner.h"
#include "dash/DashboardsView.h"
#include "dash/SfcDashboard.h"
#include "vim/LocalVim.h"
#include "CloudProfilesDialog.h"
#include "cloudstack/ConnectionProfiles.h"
#include "util/QuitOnSignals.h"
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
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
    // SIGTERM (the session ending, systemd) and Ctrl+C close the console as closing its window
    // does: layout saved, --stop-vnfs-on-exit honoured, the database closed cleanly. Installed
    // first thing: a signal that comes while the console is still starting waits for the event
    // loop instead of killing it half-way (found by tst_robustness).
    quitOnSignals([](int) {
        for (QWidget *w : QApplication::topLevelWidgets())
            w->close();
        QCoreApplication::quit();
    });

    QCommandLineParser p;
    p.setApplicationDescription("Vines Console: NFV management and orchestration");
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demo("demo", "Load demo content: sample packages and a small running chain.");
    const QCommandLineOption dataDir("data-dir", "Directory for the catalog database, packages and local VIM.", "dir");
    const QCommandLineOption stopOnExit("stop-vnfs-on-exit", "End local VNF processes when the console exits.");
    const QCommandLineOption shot("screenshot", "Save a PNG of the main window after --screenshot-delay ms, then quit.", "file");
    const QCommandLineOption shotDelay("screenshot-delay", "Delay before --screenshot, in ms.", "ms", "4000");
    const QCommandLineOption show("show", "Open on a tab: vnfs, services, designer (opens the first NSD), dashboard (the first network service's, probing) or clouds (the Clouds dialog).", "tab", "vnfs");
    const QCommandLineOption cloudOpt("cloud", "Run VNFs on this CloudStack profile (see Cloud > Clouds…); empty for the local VIM.", "profile");
    p.addOptions({demo, dataDir, stopOnExit, shot, shotDelay, show, cloudOpt});
    p.process(app);

    ConsoleCore::Options o;
    o.dataDir = p.value(dataDir).isEmpty() ? ConsoleCore::defaultDataDir() : p.value(dataDir);
    o.keepVnfsRunning = !p.isSet(stopOnExit);
    // Which cloud the VNFs run on: --cloud PROFILE, else the one chosen last time, else the local VIM.
    cloudstack::SecretStore secrets(QDir(o.dataDir).filePath("secrets"));
    cloudstack::ConnectionProfiles profiles(QDir(o.dataDir).filePath("clouds.json"), secrets);
    QSettings settings;
    const QString cloud = p.isSet(cloudOpt) ? p.value(cloudOpt) : settings.value("cloud/active").toString();
    QString cloudWarning;
    if (!cloud.isEmpty()) {
        QString why;
        o.cloudStack = profiles.endpoint(cloud, &why);
        o.cloudStackName = cloud;
        cloudstack::Profile profile;
        if (profiles.find(cloud, &profile) && profile.lendRouter) {
            o.cloudChains = ChainDiversion::LentRouter;
            o.cloudRouterSecret = secrets.lookup("router:" + cloud);
        }
        if (!o.cloudStack.isValid())
            cloudWarning = QObject::tr("Cloud profile '%1' cannot be used (%2); VNFs run on the local VIM.").arg(cloud, why);
    }
    ConsoleCore core(o);
    QString error;
    if (!core.open(&error)) {
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(error));
        QMessageBox::critical(nullptr, "Vines Console", error);
        return 1;
    }

    MainWindow window(core.services(), core.vim().displayName());
    window.show();
    if (!cloudWarning.isEmpty())
        window.showMessage(cloudWarning, true);
    QMenu *cloudMenu = window.menuBar()->addMenu(QObject::tr("&Cloud"));
    QAction *clouds = cloudMenu->addAction(QObject::tr("Clouds…"), &window, [&]() {
        auto *dlg = new CloudProfilesDialog(profiles, secrets, o.cloudStack.isValid() ? cloud : QString(), &window);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dlg, &CloudProfilesDialog::activate, &window, [&, dlg](const QString &profile) {
            QSettings().setValue("cloud/active", profile);
            const auto answer = QMessageBox::question(dlg, QObject::tr("Switch cloud"),
                QObject::tr("VNFs will run on %1 from the next start. Restart the console now?").arg(profile.isEmpty() ? QObject::tr("the local VIM") : profile));
            if (answer == QMessageBox::Yes) {
                QStringList args = QCoreApplication::arguments().mid(1);
                args.removeAll("--demo");
                QProcess::startDetached(QCoreApplication::applicationFilePath(), args);
                window.close();
            }
        });
        dlg->show();
    });
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
    if (p.value(show) == QLatin1String("clouds"))
        clouds->trigger();
    if (p.isSet(shot)) {
        QTimer::singleShot(p.value(shotDelay).toInt(), &window, [&window, file = p.value(shot)]() {
            QWidget *dialog = window.findChild<CloudProfilesDialog *>();   // --show clouds: the dialog is what to look at
            (dialog ? dialog : static_cast<QWidget *>(&window))->grab().save(file);
            window.close();
        });
    }
    return app.exec();
}
