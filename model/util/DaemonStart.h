#pragma once
// Starting one of our daemons (vines-ems, vines-cloudstack-sim) that reports the port it bound
// by writing it to a file: start the process tied to this one (it gets SIGTERM if we die, so it
// cannot outlive a crashed parent), then wait for the port file, noticing an early exit.
#include "util/Result.h"
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <csignal>
#include <sys/prctl.h>

namespace vines {

// Returns the port, or why not (the daemon is killed if it did not come up in time).
inline Result<quint16> startDaemon(QProcess &proc, const QString &binary, const QStringList &args, const QString &portFile, int timeoutMs)
{
    QFile::remove(portFile);
    proc.setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    proc.start(binary, args);
    if (!proc.waitForStarted(5000))
        return Error::unavailable(QStringLiteral("cannot start %1: %2").arg(binary, proc.errorString()));
    QElapsedTimer t;
    t.start();
    while (!QFile::exists(portFile)) {
        if (proc.state() != QProcess::Running || t.elapsed() > timeoutMs) {
            const QString why = QStringLiteral("%1 did not come up: %2").arg(binary,
                         proc.state() != QProcess::Running ? QStringLiteral("it exited with code %1").arg(proc.exitCode())
                                                           : QStringLiteral("no port after %1 ms").arg(timeoutMs));
            proc.kill();
            proc.waitForFinished(2000);
            return Error::unavailable(why);
        }
        proc.waitForFinished(20);   // a short sleep that also notices an early exit
    }
    QFile pf(portFile);
    pf.open(QIODevice::ReadOnly);
    return quint16(pf.readAll().trimmed().toUInt());
}

} // namespace vines
