#include <sys/stat.h>
// vines-ems: the Element Management System daemon.
//   vines-ems --config ems.json
// Exits 2 on a configuration error (naming file and field), 1 when it cannot start.
#include "EmsCore.h"
#include "util/ProcessLimits.h"
#include "util/QuitOnSignals.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    // Every file the EMS writes (its database holds subscription secrets) is private from its
    // creation on: no window in which it is world-readable before a chmod.
    ::umask(077);
    QCoreApplication app(argc, argv);
    app.setApplicationName("vines-ems");
    app.setApplicationVersion(vines::ems::EmsCore::Version);
    QCommandLineParser p;
    p.setApplicationDescription("Vines EMS: element management (access control, VNF information base, fault and performance monitors, extended drivers).");
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption config("config", "Configuration file (JSON).", "file");
    const QCommandLineOption port("port", "Override the configured port (0: any free port).", "port");
    p.addOption(config);
    p.addOption(port);
    p.process(app);
    if (!p.isSet(config)) {
        std::fprintf(stderr, "vines-ems: --config FILE is required\n");
        return 2;
    }
    const vines::Result<vines::ems::EmsConfig> loaded = vines::ems::EmsConfig::load(p.value(config));
    if (!loaded) {
        std::fprintf(stderr, "vines-ems: %s\n", qPrintable(loaded.errorMessage()));
        return 2;
    }
    vines::ems::EmsConfig cfg = *loaded;
    if (p.isSet(port)) {
        bool ok = false;
        const uint n = p.value(port).toUInt(&ok);
        if (!ok || n > 65535) {
            std::fprintf(stderr, "vines-ems: --port must be a number from 0 to 65535\n");
            return 2;
        }
        cfg.port = quint16(n);
    }
    vines::quitOnSignals();

    vines::raiseOpenFileLimit();   // one socket per monitored platform
    vines::ems::EmsCore ems(cfg);
    vines::Result<> started = ems.open();
    if (started)
        started = ems.listen();
    if (!started) {
        std::fprintf(stderr, "vines-ems: %s\n", qPrintable(started.errorMessage()));
        return 1;
    }
    std::fprintf(stderr, "vines-ems %s listening on %s://%s:%u, %d VNFs in the VIB, %d clients\n", vines::ems::EmsCore::Version,
                 cfg.tlsEnabled() ? "https" : "http", qPrintable(cfg.listen.toString()), ems.port(), ems.vib().size(),
                 int(cfg.clients.size()));
    return app.exec();
}
