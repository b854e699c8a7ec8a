#pragma once
// Starting a long-lived agent process from the console's event loop without stalling it.
// QProcess::startDetached forks the console (twice): the kernel copies its page tables, 3-18 ms
// for a 55 MiB console on the UI thread, every boot. posix_spawn starts the program the way
// vfork does (the parent's memory is shared until exec), so its cost does not grow with the
// console. The process is the console's child until it ends: whoever spawned it reaps it
// (reapIfEnded), or the process table keeps a zombie; a console that exits leaves it to init.
#include "util/Result.h"
#include <QString>
#include <QStringList>

namespace vines {

struct SpawnSpec {
    QString program;
    QStringList arguments;
    QString workingDirectory;   // empty: the console's
    QString logFile;            // standard output and error are appended here; empty: /dev/null
};

// Starts it in a process group of its own (Ctrl+C or a hangup in the console's terminal does not
// reach it), standard input /dev/null, no descriptor of the console's beyond 0-2. It stays in the
// console's session: with the kernel's autogroup scheduling (on by default) a session is one
// scheduling group, so a niceness given to the agent weighs it against the console; an agent in a
// session of its own would compete with the console's whole session as an equal, whatever its
// niceness, and a hundred booting agents would take the window's CPU.
// Its pid, or why it could not be started (naming the program).
Result<qint64> spawnDetached(const SpawnSpec &spec);

// True when the child `pid` has ended, reaping it; false while it runs or when it is not a child.
bool reapIfEnded(qint64 pid);

} // namespace vines
