#pragma once
// vines-console's command line: the options, what they mean, and the few decisions made before
// anything else exists (does this run need a display at all?).
#include "api/NorthboundApi.h"
#include "util/Result.h"
#include <QString>
#include <optional>

class QCoreApplication;

namespace vines {

struct CommandLine {
    enum class Mode { Window, Headless, TokenCommand };
    Mode mode = Mode::Window;

    QString dataDir;                 // empty: ConsoleCore::defaultDataDir()
    bool demo = false;
    bool stopVnfsOnExit = false;
    QString guestNetwork = QStringLiteral("auto");
    std::optional<QString> cloud;    // set (maybe empty: the local VIM) overrides the saved choice
    QString language;                // empty: the system locale's

    // The window
    QString show = QStringLiteral("vnfs");
    QString screenshot;
    int screenshotDelayMs = 4000;

    // The northbound API: each set option overrides the saved setting.
    std::optional<QString> apiAddress;
    std::optional<quint16> apiPort;
    QString apiPortFile;
    std::optional<QString> apiCert, apiKey;
    std::optional<qint64> apiMaxUploadMiB;

    // Token commands (Mode::TokenCommand)
    QString createToken, tokenRole = QStringLiteral("read-only"), revokeToken;
    bool listTokens = false;

    // True when argv asks for something that needs no display: a headless run, a token
    // command, --help or --version. Decided before the application object exists, because a
    // QApplication cannot be made without a display.
    static bool needsNoDisplay(int argc, char **argv);
    // Parses the application's arguments; --help and --version print and exit here.
    static Result<CommandLine> parse(const QCoreApplication &app);

    // The API's settings with the options applied over the saved ones.
    api::ApiConfig apiConfig() const;
    // Whether this run serves the API from the start (a window serves it only when asked).
    bool servesApiAtStart() const;
};

} // namespace vines
