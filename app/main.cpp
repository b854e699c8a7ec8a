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
#include "ApiAccessDialog.h"
#include "ColorScheme.h"
#include "Translations.h"
#include "api/ApiTokens.h"
#include "api/NorthboundApi.h"
#include <QSaveFile>
#include <cstring>
#include <memory>
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

namespace {
int runTokenCommand(api::ApiTokens &tokens, const QString &create, const QString &roleName, const QString &revoke)
{
    QString error;
    if (!create.isEmpty()) {
        const auto role = api::roleFromName(roleName);
        if (!role) {
            std::fprintf(stderr, "vines-console: --api-role must be read-only or read-write, not '%s'\n", qPrintable(roleName));
            return 2;
        }
        const QByteArray token = tokens.create(create, *role, &error);
        if (token.isEmpty()) {
            std::fprintf(stderr, "vines-console: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("%s\n", token.constData());
        return 0;
    }
    if (!revoke.isEmpty()) {
        if (!tokens.revoke(revoke, &error)) {
            std::fprintf(stderr, "vines-console: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    for (const api::ApiToken &t : tokens.list())
        std::printf("%s\t%s\t%s\n", qPrintable(t.name), qPrintable(api::roleName(t.role)), qPrintable(t.createdAt.toString(Qt::ISODate)));
    return 0;
}
} // namespace

namespace {

bool hasArg(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

// The northbound API as the options and settings ask for it.
api::ApiConfig apiConfig(const QCommandLineParser &p, const QCommandLineOption &address, const QCommandLineOption &port,
                         const QCommandLineOption &cert, const QCommandLineOption &key)
{
    api::ApiConfig c;
    QSettings s;
    c.address = QHostAddress(p.isSet(address) ? p.value(address) : s.value("api/address", "127.0.0.1").toString());
    c.port = quint16(p.isSet(port) ? p.value(port).toUInt() : s.value("api/port", 9890).toUInt());
    c.tlsCertificate = p.isSet(cert) ? p.value(cert) : s.value("api/tlsCertificate").toString();
    c.tlsKey = p.isSet(key) ? p.value(key) : s.value("api/tlsKey").toString();
    return c;
}

} // namespace

int main(int argc, char **argv)
{
    // Without a window (a server, CI) or for a token command, no display is needed.
    const bool headless = hasArg(argc, argv, "--headless") || hasArg(argc, argv, "--create-api-token")
                          || hasArg(argc, argv, "--revoke-api-token") || hasArg(argc, argv, "--list-api-tokens");
    std::unique_ptr<QCoreApplication> application(headless ? new QCoreApplication(argc, argv) : new QApplication(argc, argv));
    QCoreApplication &app = *application;
    QApplication::setOrganizationName("Vines");
    QApplication::setApplicationName("Vines Console");
    QApplication::setApplicationVersion("0.1.0");
    if (!headless) {
        QApplication::setWindowIcon(QIcon(":/vines/icons/vines-console.svg"));
        QApplication::setDesktopFileName("vines-console");
    }
    // SIGTERM (the session ending, systemd) and Ctrl+C close the console as closing its window
    // does: layout saved, --stop-vnfs-on-exit honoured, the database closed cleanly. Installed
    // first thing: a signal that comes while the console is still starting waits for the event
    // loop instead of killing it half-way (found by tst_robustness).
    quitOnSignals([headless](int) {
        if (!headless)
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
    const QCommandLineOption show("show", "Open on a tab: vnfs, services, designer (opens the first NSD), dashboard (the first network service's, probing), clouds (the Clouds dialog) or api (API access and tokens).", "tab", "vnfs");
    const QCommandLineOption cloudOpt("cloud", "Run VNFs on this CloudStack profile (see Cloud > Clouds…); empty for the local VIM.", "profile");
    const QCommandLineOption headlessOpt("headless", "Run the core and the northbound API without a window (a server, CI); SIGTERM stops it.");
    const QCommandLineOption apiAddress("api-address", "Address the northbound API listens on (default 127.0.0.1).", "address");
    const QCommandLineOption apiPort("api-port", "Serve the northbound API on this port (default 9890; 0: any free port). Headless always serves.", "port");
    const QCommandLineOption apiPortFile("api-port-file", "Write the API's port to this file once it listens.", "file");
    const QCommandLineOption apiCert("api-tls-cert", "PEM certificate: serve the API over HTTPS (with --api-tls-key).", "file");
    const QCommandLineOption apiKey("api-tls-key", "PEM private key for --api-tls-cert.", "file");
    const QCommandLineOption apiMaxUpload("api-max-upload", "Largest request (a package upload) the API takes, in MiB (default 512).", "MiB");
    const QCommandLineOption langOpt("lang", "Language of the window (e.g. pt_BR); default: the system locale's.", "locale");
    const QCommandLineOption createToken("create-api-token", "Create an API token with this name, print it once, exit.", "name");
    const QCommandLineOption tokenRole("api-role", "Role of --create-api-token: read-only or read-write.", "role", "read-only");
    const QCommandLineOption revokeToken("revoke-api-token", "Revoke the API token with this name, exit.", "name");
    const QCommandLineOption listTokens("list-api-tokens", "List the API tokens (names and roles, never the tokens), exit.");
    const QCommandLineOption guestNet("guest-network", "The local VIM's guest network: loopback (127.x addresses, no privilege), namespaces (a network "
                                                       "namespace per VNF on a bridge, VNFs forward in the kernel; needs root) or auto (namespaces where they can be "
                                                       "made; a data directory with VNFs keeps theirs).", "kind", "auto");
    p.addOptions({guestNet, demo, dataDir, stopOnExit, shot, shotDelay, show, cloudOpt, headlessOpt, apiAddress, apiPort, apiPortFile, apiCert, apiKey, apiMaxUpload, langOpt,
                  createToken, tokenRole, revokeToken, listTokens});
    p.process(app);

    ConsoleCore::Options o;
    o.dataDir = p.value(dataDir).isEmpty() ? ConsoleCore::defaultDataDir() : p.value(dataDir);
    api::ApiTokens tokens(QDir(o.dataDir).filePath("api-tokens.json"));
    if (p.isSet(createToken) || p.isSet(revokeToken) || p.isSet(listTokens))
        return runTokenCommand(tokens, p.isSet(createToken) ? p.value(createToken) : QString(), p.value(tokenRole),
                               p.isSet(revokeToken) ? p.value(revokeToken) : QString());
    o.keepVnfsRunning = !p.isSet(stopOnExit);
    bool knownNet = false;
    QString netWhy;
    o.guestNetwork = LocalVim::guestNetworkFromName(p.value(guestNet), &knownNet, &netWhy);
    o.guestNetworkAuto = p.value(guestNet) == QLatin1String("auto");
    if (!knownNet) {
        std::fprintf(stderr, "vines-console: --guest-network must be loopback, namespaces or auto (got '%s')\n", qPrintable(p.value(guestNet)));
        return 2;
    }
    if (p.value(guestNet) == QLatin1String("namespaces") && !netWhy.isEmpty()) {
        std::fprintf(stderr, "vines-console: --guest-network namespaces: %s\n", qPrintable(netWhy));
        return 2;
    }
    if (p.value(guestNet) == QLatin1String("auto") && !netWhy.isEmpty())
        std::fprintf(stderr, "vines-console: guest network on loopback: %s\n", qPrintable(netWhy));
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
        if (!headless)
            QMessageBox::critical(nullptr, "Vines Console", error);
        return 1;
    }
    // The northbound API: the same core, a second way in.
    std::unique_ptr<api::NorthboundApi> northbound;
    api::ApiConfig apiConf = apiConfig(p, apiAddress, apiPort, apiCert, apiKey);
    if (p.isSet(apiMaxUpload))
        apiConf.maxPackageBytes = qMax<qint64>(1, p.value(apiMaxUpload).toLongLong()) * 1024 * 1024;
    auto startApi = [&]() -> QString {
        auto server = std::make_unique<api::NorthboundApi>(core.apiContext(), tokens, apiConf);
        QString why;
        if (!server->start(&why))
            return why;
        if (p.isSet(apiPortFile)) {
            QSaveFile f(p.value(apiPortFile));
            if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(server->port()) + '\n') < 0 || !f.commit())
                return QStringLiteral("cannot write %1").arg(p.value(apiPortFile));
        }
        northbound = std::move(server);
        return {};
    };
    if (headless) {
        if (const QString why = startApi(); !why.isEmpty()) {
            std::fprintf(stderr, "vines-console: northbound API: %s\n", qPrintable(why));
            return 1;
        }
        std::printf("vines-console: headless, northbound API at %s (data %s)\n", qPrintable(northbound->baseUrl()), qPrintable(o.dataDir));
        for (const QString &line : core.recoveryReport())
            std::printf("vines-console: %s\n", qPrintable(line));
        std::fflush(stdout);
        QObject::connect(northbound.get(), &api::NorthboundApi::requestServed, &app,
                         [](const QString &who, const QString &method, const QString &path, int status) {
            if (method != QLatin1String("GET"))
                std::printf("api: %s %s %s -> %d\n", qPrintable(who.isEmpty() ? QStringLiteral("-") : who), qPrintable(method), qPrintable(path), status);
            std::fflush(stdout);
        });
        if (p.isSet(demo) && !ConsoleCore::samplePackagesDir().isEmpty()) {
            auto *d = new DemoContent(core, ConsoleCore::samplePackagesDir(), &app);
            QObject::connect(d, &DemoContent::finished, &app, [](const QString &summary) {
                std::printf("%s\n", qPrintable(summary));
                std::fflush(stdout);
            });
            d->start();
        }
        return app.exec();
    }

    installTranslations(app, p.isSet(langOpt) ? QLocale(p.value(langOpt)) : QLocale::system());
    colorscheme::apply(colorscheme::saved());   // light or dark, as the desktop (or the operator) prefers
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
    // API: serve it when asked (--api-port, or the setting), show what scripts do through it.
    auto watchApi = [&]() {
        QObject::connect(northbound.get(), &api::NorthboundApi::requestServed, &window,
                         [&window](const QString &who, const QString &method, const QString &path, int status) {
            if (method != QLatin1String("GET"))
                window.statusBar()->showMessage(QObject::tr("API (%1): %2 %3 → %4").arg(who.isEmpty() ? QObject::tr("no token") : who, method, path)
                                                    .arg(status), 6000);
        });
    };
    if (p.isSet(apiPort) || settings.value("api/serve", false).toBool()) {
        if (const QString why = startApi(); !why.isEmpty())
            window.showMessage(QObject::tr("Northbound API not served: %1").arg(why), true);
        else
            watchApi();
    }
    QMenu *apiMenu = window.menuBar()->addMenu(QObject::tr("&API"));
    QAction *apiAccess = apiMenu->addAction(QObject::tr("Access and tokens…"), &window, [&]() {
        auto *dlg = new ApiAccessDialog(tokens, [&]() { return northbound ? northbound->baseUrl() : QString(); },
                                        [&](bool on) -> QString {
            QSettings().setValue("api/serve", on);
            if (!on) {
                northbound.reset();
                return {};
            }
            if (northbound)
                return {};
            const QString why = startApi();
            if (why.isEmpty())
                watchApi();
            return why;
        }, &window);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->show();
    });

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
    if (p.value(show) == QLatin1String("api"))
        apiAccess->trigger();
    if (p.isSet(shot)) {
        QTimer::singleShot(p.value(shotDelay).toInt(), &window, [&window, file = p.value(shot)]() {
            QWidget *dialog = window.findChild<CloudProfilesDialog *>();   // --show clouds/api: the dialog is what to look at
            if (!dialog)
                dialog = window.findChild<ApiAccessDialog *>();
            (dialog ? dialog : static_cast<QWidget *>(&window))->grab().save(file);
            window.close();
        });
    }
    return app.exec();
}
