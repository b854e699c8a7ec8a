#pragma once
#include "util/Result.h"
// Files that hold secrets: created with mode 0600 from the first byte (umask 077), never
// readable by others even briefly, and written atomically.
#include <QByteArray>
#include <QString>
#include <sys/stat.h>
#include <utility>

namespace vines {

// Runs fn with the process umask 077: whatever it creates (files, SQLite databases and their
// -wal/-shm) is readable by the user only.
template <typename F>
auto withPrivateUmask(F &&fn)
{
    struct Restore { mode_t old; ~Restore() { ::umask(old); } } restore{::umask(077)};
    return std::forward<F>(fn)();
}

// Writes data to path (its directory made if needed) with QSaveFile under umask 077, or says why
// not ("cannot write <path>: <reason>").
Result<> writePrivateFile(const QString &path, const QByteArray &data);

} // namespace vines
