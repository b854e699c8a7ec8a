// Vines Console: NFV MANO operator console (VNFM + NFVO) on the embedded local VIM or CloudStack.
#include "CommandLine.h"
#include "ConsoleApp.h"
#include "TokenCommand.h"
#include "api/ApiTokens.h"
#include "util/QuitOnSignals.h"
#include <QApplication>
#include <QIcon>
#include <cstdio>
#include <memory>

using namespace vines;

int main(int argc, char **argv)
{
    // Without a window (a server, CI, a token command, --help) no display is needed: a
    // QApplication could not even be made on a machine without one.
    const bool noDisplay = CommandLine::needsNoDisplay(argc, argv);
    std::unique_ptr<QCoreApplication> app(noDisplay ? new QCoreApplication(argc, argv) : new QApplication(argc, argv));
    QCoreApplication::setOrganizationName("Vines");
    QCoreApplication::setApplicationName("Vines Console");
    QCoreApplication::setApplicationVersion("0.1.0");
    if (!noDisplay) {
        QApplication::setWindowIcon(QIcon(":/vines/icons/vines-console.svg"));
        QApplication::setDesktopFileName("vines-console");
    }
    const Result<CommandLine> cl = CommandLine::parse(*app);
    if (!cl) {
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(cl.errorMessage()));
        return 2;
    }
    if (cl->mode == CommandLine::Mode::Window && noDisplay) {   // e.g. --help=x: nothing a window can be shown on
        std::fprintf(stderr, "vines-console: no window without a display; use --headless\n");
        return 2;
    }
    const QString dataDir = cl->dataDir.isEmpty() ? ConsoleCore::defaultDataDir() : cl->dataDir;
    api::ApiTokens tokens(QDir(dataDir).filePath("api-tokens.json"));
    if (cl->mode == CommandLine::Mode::TokenCommand)
        return runTokenCommand(*cl, tokens);

    ConsoleApp console(*cl, dataDir, tokens);
    // SIGTERM (the session ending, systemd) and Ctrl+C close the console as closing its window
    // does: layout saved, --stop-vnfs-on-exit honoured, the database closed cleanly. A signal
    // that comes while the console is still opening waits for the event loop instead of
    // killing it half-way (found by tst_robustness).
    quitOnSignals([&console](int) { console.quit(); });
    if (const Result<> started = console.start(); !started) {
        std::fprintf(stderr, "vines-console: %s\n", qPrintable(started.errorMessage()));
        return 2;
    }
    return app->exec();
}
