#include "WalCheckpointer.h"
#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <chrono>

namespace vines {

namespace {
QAtomicInt g_checkpointers;
constexpr int kLongLog = 1000;    // frames: where SQLite's own checkpoints would start (4 MiB at 4 KiB pages)
constexpr int kLogLimit = 4096;   // frames: 16 MiB
}

WalCheckpointer::WalCheckpointer(const QString &path, int intervalMs)
    : m_thread([this, path, intervalMs]() { run(path, intervalMs); })
{
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard<std::mutex> g(m_lock);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::run(const QString &path, int intervalMs)
{
    const QString name = QStringLiteral("vines-wal-checkpoint-%1").arg(g_checkpointers.fetchAndAddOrdered(1));
    {
        QSqlDatabase d = QSqlDatabase::addDatabase("QSQLITE", name);   // this thread's own connection
        d.setDatabaseName(path);
        d.setConnectOptions("QSQLITE_BUSY_TIMEOUT=1000");
        if (d.open()) {
            std::unique_lock<std::mutex> g(m_lock);
            int waitMs = intervalMs;
            while (!m_wake.wait_for(g, std::chrono::milliseconds(waitMs), [this]() { return m_stop; })) {
                g.unlock();
                QSqlQuery q(d);
                q.setForwardOnly(true);
                int log = 0;
                if (q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && q.next())
                    log = q.value(1).toInt();
                q.finish();
                // The log starts over only when a writer begins after a checkpoint that left nothing
                // behind; under a steady stream of writes each one lands during the checkpoint. So
                // while the log is long, checkpoint often: each has little to copy and ends fast.
                // Past the limit, one checkpoint waits for the writer in hand and the readers, so the
                // next writer starts the log over (it may wait a moment for this one: rare, bounded).
                if (log > kLogLimit && q.exec(QStringLiteral("PRAGMA wal_checkpoint(RESTART)")))
                    q.finish();
                waitMs = log > kLongLog ? qMin(intervalMs, 50) : intervalMs;
                g.lock();
            }
            d.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace vines
