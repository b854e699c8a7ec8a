#include "CommandLine.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <cstring>

namespace vines {

bool CommandLine::needsNoDisplay(int argc, char **argv)
{
    static const char *const noDisplay[] = {"--headless", "--create-api-token", "--revoke-api-token", "--list-api-tokens",
                                            "--help", "-h", "--help-all", "-?", "--version", "-v"};
    for (int i = 1; i < argc; ++i)
        for (const char *name : noDisplay)
            if (std::strcmp(argv[i], name) == 0 || (std::strncmp(argv[i], name, std::strlen(name)) == 0 && argv[i][std::strlen(name)] == '='))
                return true;
    return false;
}

Result<CommandLine> CommandLine::parse(const QCoreApplication &app)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Vines Console: NFV management and orchestration"));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption demo("demo", "Load demo content: sample packages and a small running chain.");
    const QCommandLineOption dataDir("data-dir", "Directory for the catalog database, packages and local VIM.", "dir");
    const QCommandLineOption stopOnExit("stop-vnfs-on-exit", "End local VNF processes when the console exits.");
    const QCommandLineOption shot("screenshot", "Save a PNG of the main window after --screenshot-delay ms, then quit.", "file");
    const QCommandLineOption shotDelay("screenshot-delay", "Delay before --screenshot, in ms.", "ms", "4000");
    const QCommandLineOption show("show", "Open on a tab: vnfs, services, designer (opens the first NSD), dashboard (the first network service's, "
                                          "probing), clouds (the Clouds dialog) or api (API access and tokens).", "tab", "vnfs");
    const QCommandLineOption cloud("cloud", "Run VNFs on this CloudStack profile (see Cloud > Clouds…); empty for the local VIM.", "profile");
    const QCommandLineOption headless("headless", "Run the core and the northbound API without a window (a server, CI); SIGTERM stops it.");
    const QCommandLineOption apiAddress("api-address", "Address the northbound API listens on (default 127.0.0.1).", "address");
    const QCommandLineOption apiPort("api-port", "Serve the northbound API on this port (default 9890; 0: any free port). Headless always serves.", "port");
    const QCommandLineOption apiPortFile("api-port-file", "Write the API's port to this file once it listens.", "file");
    const QCommandLineOption apiCert("api-tls-cert", "PEM certificate: serve the API over HTTPS (with --api-tls-key).", "file");
    const QCommandLineOption apiKey("api-tls-key", "PEM private key for --api-tls-cert.", "file");
    const QCommandLineOption apiMaxUpload("api-max-upload", "Largest request (a package upload) the API takes, in MiB (default 512).", "MiB");
    const QCommandLineOption lang("lang", "Language of the window (e.g. pt_BR); default: the system locale's.", "locale");
    const QCommandLineOption createToken("create-api-token", "Create an API token with this name, print it once, exit.", "name");
    const QCommandLineOption tokenRole("api-role", "Role of --create-api-token: read-only or read-write.", "role", "read-only");
    const QCommandLineOption revokeToken("revoke-api-token", "Revoke the API token with this name, exit.", "name");
    const QCommandLineOption listTokens("list-api-tokens", "List the API tokens (names and roles, never the tokens), exit.");
    const QCommandLineOption guestNet("guest-network", "The local VIM's guest network: loopback (127.x addresses, no privilege), namespaces (a network "
                                                       "namespace per VNF on a bridge, VNFs forward in the kernel; needs root) or auto (namespaces "
                                                       "where they can be made; a data directory with VNFs keeps theirs).", "kind", "auto");
    p.addOptions({guestNet, demo, dataDir, stopOnExit, shot, shotDelay, show, cloud, headless, apiAddress, apiPort, apiPortFile, apiCert, apiKey,
                  apiMaxUpload, lang, createToken, tokenRole, revokeToken, listTokens});
    p.process(app);   // --help, --version and unknown options end the program here, as every Qt tool does

    CommandLine c;
    c.mode = p.isSet(createToken) || p.isSet(revokeToken) || p.isSet(listTokens) ? Mode::TokenCommand
             : p.isSet(headless)                                                  ? Mode::Headless
                                                                                  : Mode::Window;
    c.dataDir = p.value(dataDir);
    c.demo = p.isSet(demo);
    c.stopVnfsOnExit = p.isSet(stopOnExit);
    c.guestNetwork = p.value(guestNet);
    if (p.isSet(cloud))
        c.cloud = p.value(cloud);
    c.language = p.value(lang);
    c.show = p.value(show);
    static const QStringList shows{"vnfs", "services", "designer", "dashboard", "clouds", "api"};
    if (!shows.contains(c.show))
        return Error::invalid(QStringLiteral("--show must be one of %1, not '%2'").arg(shows.join(", "), c.show));
    c.screenshot = p.value(shot);
    bool ok = false;
    c.screenshotDelayMs = p.value(shotDelay).toInt(&ok);
    if (!ok || c.screenshotDelayMs < 0)
        return Error::invalid(QStringLiteral("--screenshot-delay must be a number of milliseconds, not '%1'").arg(p.value(shotDelay)));
    if (p.isSet(apiAddress)) {
        if (QHostAddress(p.value(apiAddress)).isNull())
            return Error::invalid(QStringLiteral("--api-address must be an IP address, not '%1'").arg(p.value(apiAddress)));
        c.apiAddress = p.value(apiAddress);
    }
    if (p.isSet(apiPort)) {
        const uint port = p.value(apiPort).toUInt(&ok);
        if (!ok || port > 65535)
            return Error::invalid(QStringLiteral("--api-port must be a port number (0-65535), not '%1'").arg(p.value(apiPort)));
        c.apiPort = quint16(port);
    }
    c.apiPortFile = p.value(apiPortFile);
    if (p.isSet(apiCert))
        c.apiCert = p.value(apiCert);
    if (p.isSet(apiKey))
        c.apiKey = p.value(apiKey);
    if (p.isSet(apiMaxUpload)) {
        const qint64 mib = p.value(apiMaxUpload).toLongLong(&ok);
        if (!ok || mib < 1)
            return Error::invalid(QStringLiteral("--api-max-upload must be a positive number of MiB, not '%1'").arg(p.value(apiMaxUpload)));
        c.apiMaxUploadMiB = mib;
    }
    c.createToken = p.value(createToken);
    c.tokenRole = p.value(tokenRole);
    c.revokeToken = p.value(revokeToken);
    c.listTokens = p.isSet(listTokens);
    return c;
}

api::ApiConfig CommandLine::apiConfig() const
{
    api::ApiConfig c;
    QSettings s;
    c.address = QHostAddress(apiAddress.value_or(s.value("api/address", "127.0.0.1").toString()));
    c.port = apiPort.value_or(quint16(s.value("api/port", 9890).toUInt()));
    c.tlsCertificate = apiCert.value_or(s.value("api/tlsCertificate").toString());
    c.tlsKey = apiKey.value_or(s.value("api/tlsKey").toString());
    if (apiMaxUploadMiB)
        c.maxPackageBytes = *apiMaxUploadMiB * 1024 * 1024;
    return c;
}

bool CommandLine::servesApiAtStart() const
{
    return mode == Mode::Headless || apiPort.has_value() || QSettings().value("api/serve", false).toBool();
}

} // namespace vines
