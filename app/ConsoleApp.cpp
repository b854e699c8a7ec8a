#include "ConsoleApp.h"
#include "ApiServing.h"
#include "ColorScheme.h"
#include "DemoContent.h"
#include "MainWindow.h"
#include "Translations.h"
#include "WindowSession.h"
#include "cloudstack/ConnectionProfiles.h"
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <cstdio>

namespace vines {

ConsoleApp::ConsoleApp(CommandLine cl, QString dataDir, api::ApiTokens &tokens, QObject *parent)
    : QObject(parent), m_cl(std::move(cl)), m_dataDir(std::move(dataDir)), m_tokens(tokens),
      m_secrets(std::make_unique<cloudstack::SecretStore>(QDir(m_dataDir).filePath("secrets"))),
      m_profiles(std::make_unique<cloudstack::ConnectionProfiles>(QDir(m_dataDir).filePath("clouds.json"), *m_secrets))
{
}

ConsoleApp::~ConsoleApp() = default;

Result<> ConsoleApp::start()
{
    ConsoleCore::Options o;
    o.dataDir = m_dataDir;
    o.keepVnfsRunning = !m_cl.stopVnfsOnExit;
    if (Result<> chosen = chooseVim(o); !chosen)
        return chosen;
    m_core = std::make_unique<ConsoleCore>(o);
    m_core->open([this](const Result<> &r) { opened(r); });
    return {};
}

void ConsoleApp::quit()
{
    if (m_window)
        m_window->window().close();   // layout saved, as closing the window does
    QCoreApplication::quit();
}

// The local VIM's guest network, and the cloud: --cloud PROFILE, else the one chosen last time,
// else the local VIM. A profile that cannot be used leaves the VNFs on the local VIM, said so.
Result<> ConsoleApp::chooseVim(ConsoleCore::Options &o)
{
    const auto net = LocalVim::chooseGuestNetwork(m_cl.guestNetwork);
    if (!net)
        return net.error().prefixed(QStringLiteral("--guest-network"));
    o.guestNetwork = net->network;
    o.guestNetworkAuto = net->automatic;
    if (!net->fellBack.isEmpty())
        std::fprintf(stderr, "vines-console: guest network on loopback: %s\n", qPrintable(net->fellBack));

    m_cloud = m_cl.cloud.value_or(QSettings().value("cloud/active").toString());
    if (m_cloud.isEmpty())
        return {};
    const auto endpoint = m_profiles->endpoint(m_cloud);
    if (!endpoint) {
        m_cloudWarning = tr("Cloud profile '%1' cannot be used (%2); VNFs run on the local VIM.").arg(m_cloud, endpoint.errorMessage());
        m_cloud.clear();
        return {};
    }
    o.cloudStack = *endpoint;
    o.cloudStackName = m_cloud;
    cloudstack::Profile profile;
    if (m_profiles->find(m_cloud, &profile) && profile.lendRouter) {
        o.cloudChains = ChainDiversion::LentRouter;
        o.cloudRouterSecret = m_secrets->lookup("router:" + m_cloud);
    }
    return {};
}

void ConsoleApp::opened(const Result<> &r)
{
    if (!r) {
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(r.errorMessage()));
        if (m_cl.mode == CommandLine::Mode::Window)
            QMessageBox::critical(nullptr, QStringLiteral("Vines Console"), r.errorMessage());
        QCoreApplication::exit(1);
        return;
    }
    if (!m_cloudWarning.isEmpty())
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(m_cloudWarning));
    m_api = std::make_unique<ApiServing>(m_core->apiContext(), m_tokens, m_cl.apiConfig(), m_cl.apiPortFile);
    if (m_cl.mode == CommandLine::Mode::Headless)
        serveHeadless();
    else
        showWindow();
}

void ConsoleApp::serveHeadless()
{
    if (Result<> started = m_api->start(); !started) {
        std::fprintf(stderr, "vines-console: northbound API: %s\n", qPrintable(started.errorMessage()));
        QCoreApplication::exit(1);
        return;
    }
    std::printf("vines-console: headless, northbound API at %s (data %s)\n", qPrintable(m_api->baseUrl()), qPrintable(m_dataDir));
    for (const QString &line : m_core->recoveryReport())
        std::printf("vines-console: %s\n", qPrintable(line));
    std::fflush(stdout);
    connect(m_api.get(), &ApiServing::requestServed, this, [](const QString &who, const QString &method, const QString &path, int status) {
        if (method != QLatin1String("GET"))
            std::printf("api: %s %s %s -> %d\n", qPrintable(who.isEmpty() ? QStringLiteral("-") : who), qPrintable(method), qPrintable(path), status);
        std::fflush(stdout);
    });
    if (m_cl.demo)
        startDemo(this, [](const QString &summary) {
            std::printf("%s\n", qPrintable(summary));
            std::fflush(stdout);
        });
}

void ConsoleApp::showWindow()
{
    installTranslations(*QCoreApplication::instance(), m_cl.language.isEmpty() ? QLocale::system() : QLocale(m_cl.language));
    colorscheme::apply(colorscheme::saved());   // light or dark, as the desktop (or the operator) prefers
    const Result<> serving = m_cl.servesApiAtStart() ? m_api->start() : Result<>();
    m_window = std::make_unique<WindowSession>(WindowSession::Parts{*m_core, *m_api, m_tokens, *m_profiles, *m_secrets, m_cloud}, m_cl);
    MainWindow &w = m_window->window();
    if (!m_cloudWarning.isEmpty())
        w.showMessage(m_cloudWarning, true);
    if (!serving)
        w.showMessage(tr("Northbound API not served: %1").arg(serving.errorMessage()), true);
    if (m_cl.demo)
        startDemo(&w, [&w](const QString &summary) {
            w.statusBar()->showMessage(summary);
            std::printf("%s\n", qPrintable(summary));
            std::fflush(stdout);
        });
}

void ConsoleApp::startDemo(QObject *context, std::function<void(const QString &)> report)
{
    const QString dir = ConsoleCore::samplePackagesDir();
    if (dir.isEmpty()) {
        report(tr("Demo packages not found next to the console binary"));
        return;
    }
    auto *d = new DemoContent(*m_core, dir, context);
    connect(d, &DemoContent::finished, context, std::move(report));
    d->start();
}

} // namespace vines
