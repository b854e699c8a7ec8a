#include "SystemTool.h"
#include <QHash>
#include <QProcess>
#include <QStandardPaths>

namespace vines {

QString systemTool(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    return inPath.isEmpty() ? QStandardPaths::findExecutable(name, {"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) : inPath;
}

ToolRun runSystemTool(const QString &name, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    ToolRun r;
    const QString path = systemTool(name);
    if (path.isEmpty()) {
        static const QHash<QString, QString> packages{{"ip", "iproute2"}, {"nft", "nftables"}};
        r.error = packages.contains(name) ? QStringLiteral("%1 is not installed (apt-get install %2)").arg(name, packages.value(name))
                                          : QStringLiteral("%1 is not installed").arg(name);
        return r;
    }
    QProcess p;
    p.start(path, args);
    if (!p.waitForStarted(5000)) {
        r.error = QStringLiteral("cannot run %1: %2").arg(path, p.errorString());
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        r.error = QStringLiteral("%1 did not finish within %2 ms").arg(name).arg(timeoutMs);
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!r.ok)
        r.error = QStringLiteral("%1 %2: %3").arg(name, args.join(' '), QString::fromUtf8(p.readAllStandardError()).trimmed());
    return r;
}

} // namespace vines
