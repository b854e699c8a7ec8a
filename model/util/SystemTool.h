#pragma once
// The system's own command-line tools (ip, nft): where they are, and one run of them with a
// bounded wait. Control-plane work (milliseconds), never on a data path. Root's tools live in
// /usr/sbin, which an ordinary user's PATH may not hold.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace vines {

// The tool's path: on PATH, else in /usr/sbin, /sbin, /usr/bin or /bin; empty when not installed.
QString systemTool(const QString &name);

struct ToolRun {
    bool ok = false;
    QByteArray out;   // its standard output
    QString error;    // what failed: not installed, did not start or finish, or its exit and standard error
};
// Runs the tool with `input` on its standard input; waits at most timeoutMs for it to end.
ToolRun runSystemTool(const QString &name, const QStringList &args, const QByteArray &input = {}, int timeoutMs = 10000);

} // namespace vines
