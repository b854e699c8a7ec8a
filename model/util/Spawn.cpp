#include "Spawn.h"
#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace vines {

Result<qint64> spawnDetached(const SpawnSpec &spec)
{
    const QByteArray program = QFile::encodeName(spec.program);
    QList<QByteArray> argStore{program};
    for (const QString &a : spec.arguments)
        argStore << a.toLocal8Bit();
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const QByteArray log = spec.logFile.isEmpty() ? QByteArray("/dev/null") : QFile::encodeName(spec.logFile);
    const QByteArray dir = QFile::encodeName(spec.workingDirectory);

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.constData(), O_WRONLY | O_APPEND | O_CREAT, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (!dir.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, dir.constData());
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);   // a process group of its own
    sigset_t none, all;   // the agent starts with no signal blocked and every handler at its default
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.constData(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return Error::unavailable(QStringLiteral("cannot start %1: %2").arg(spec.program, QString::fromLocal8Bit(std::strerror(rc))));
    return qint64(pid);
}

bool reapIfEnded(qint64 pid)
{
    if (pid <= 0)
        return false;
    int status = 0;
    pid_t got;
    do {
        got = ::waitpid(static_cast<pid_t>(pid), &status, WNOHANG);
    } while (got < 0 && errno == EINTR);
    return got == static_cast<pid_t>(pid);
}

} // namespace vines
