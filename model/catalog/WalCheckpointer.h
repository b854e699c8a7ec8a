#pragma once
// Moves a WAL database's committed pages into the database file on a thread of its own.
// SQLite does it by itself in whichever connection commits when the log passes 1000 pages: on the
// console that is the UI thread, which then waits for two fsyncs (8-30 ms on this machine's disk)
// in the middle of a lifecycle step. With the connection's automatic checkpoints off, this thread
// runs a passive checkpoint on a connection of its own every interval: it never blocks a reader or
// a writer. Under a steady stream of writes the log can only start over if a checkpoint waits for
// the writers (RESTART): it does once the log passes 16 MiB, so the log stays bounded.
#include <QString>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace vines {

class WalCheckpointer {
public:
    WalCheckpointer(const QString &path, int intervalMs = 1000);
    ~WalCheckpointer();   // stops after the checkpoint under way, if any
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    void run(const QString &path, int intervalMs);
    std::mutex m_lock;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace vines
