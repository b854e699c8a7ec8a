// vines-leaf: the minimal VNF execution platform agent. One agent per VNF instance, bound to
// the instance's own address; the VNFM (directly or through the EMS) drives it over REST.
#include "LeafApi.h"
#include "LeafAuth.h"
#include "net/ConnectionGuard.h"
#include "NfHost.h"
#include "util/ProcessLimits.h"
#include "util/QuitOnSignals.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QTcpServer>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("vines-leaf");
    vines::raiseOpenFileLimit();   // each relayed TCP connection holds six descriptors (two sockets, two pipes)
    QCommandLineParser p;
    p.setApplicationDescription("Vines Leaf: VNF execution platform agent");
    p.addHelpOption();
    const QCommandLineOption address("address", "Address to bind (management API and NF).", "ip", "127.0.0.1");
    const QCommandLineOption port("port", "Management API port.", "port", "7780");
    const QCommandLineOption instance("instance-id", "VIM instance id this agent runs as.", "id", "standalone");
    const QCommandLineOption name("name", "Instance name.", "name", "leaf");
    const QCommandLineOption flavour("flavour", "Compute flavour name.", "name", "small");
    const QCommandLineOption cpus("cpus", "vCPUs of the flavour.", "n", "1");
    const QCommandLineOption mem("memory-mb", "Memory of the flavour in MB.", "mb", "256");
    const QCommandLineOption dataDir("data-dir", "Where the NF and its state live.", "dir", QDir::currentPath());
    const QCommandLineOption userData("user-data", "The instance's user data (KEY=VALUE lines; VINES_LEAF_SECRET signs management requests).", "file");
    p.addOptions({address, port, instance, name, flavour, cpus, mem, dataDir, userData});
    p.process(app);

    const QHostAddress addr(p.value(address));
    bool portOk = false;
    const uint portNum = p.value(port).toUInt(&portOk);
    if (addr.isNull() || !portOk || portNum == 0 || portNum > 65535) {
        std::fprintf(stderr, "vines-leaf: invalid --address %s or --port %s\n", qPrintable(p.value(address)), qPrintable(p.value(port)));
        return 2;
    }

    vines::leaf::PlatformInfo info{p.value(instance), p.value(name), p.value(address), p.value(flavour),
                                   p.value(cpus).toInt(), p.value(mem).toInt(), p.value(dataDir)};
    vines::leaf::LeafAuth auth;
    const vines::Result<QString> authNote = auth.load(p.value(dataDir), p.value(userData));
    if (!authNote) {
        std::fprintf(stderr, "vines-leaf: %s\n", qPrintable(authNote.errorMessage()));
        return 2;
    }
    if (const QStringList missing = vines::leaf::NfFactory::missing(); !missing.isEmpty()) {
        std::fprintf(stderr, "vines-leaf: NF types without a maker: %s\n", qPrintable(missing.join(", ")));
        return 1;
    }
    vines::leaf::NfHost host(info);
    host.logs().add("leaf", *authNote);
    vines::leaf::LeafApi api(host, auth);
    // Bounded before anything is buffered: connections, request size, idle time.
    vines::ConnectionGuard guard({512, api.maxBodyBytes(), 60000}, &api);
    QTcpServer *server = guard.newTcpServer(&api);
    if (!server->listen(addr, static_cast<quint16>(portNum))) {
        std::fprintf(stderr, "vines-leaf: cannot listen on %s:%u: %s\n", qPrintable(p.value(address)), portNum,
                     qPrintable(server->errorString()));
        return 2;
    }
    api.bind(server);

    vines::quitOnSignals([&](int) {
        host.logs().add("leaf", "shutting down on signal");
        host.shutdown();
        app.quit();
    });

    host.logs().add("leaf", QStringLiteral("agent %1 (%2) listening on %3:%4, flavour %5")
                                .arg(info.instanceId, info.name, info.address).arg(portNum).arg(info.flavour));
    host.restore();
    return app.exec();
}
