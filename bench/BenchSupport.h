#pragma once
// Small helpers every benchmark uses: spinning the event loop until something is done,
// percentile summaries, and reading a process's memory and CPU time from /proc.
#include "util/Result.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QString>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

namespace vines::bench {

inline void spin(const std::function<bool()> &done, int timeoutMs = 60000, int sliceMs = 10)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, sliceMs);
}

// Runs a call that reports a Result<T> and spins until it does (a Timeout error if it does not).
template <typename T>
Result<T> awaitResult(const std::function<void(std::function<void(const Result<T> &)>)> &call, int timeoutMs = 60000)
{
    auto out = std::make_shared<std::optional<Result<T>>>();
    call([out](const Result<T> &r) {
        if (!*out)
            *out = r;
    });
    spin([&]() { return out->has_value(); }, timeoutMs);
    if (!*out)
        return Error::timeout(QStringLiteral("no answer within %1 ms").arg(timeoutMs));
    return **out;
}

struct Stats {
    QList<double> v;
    void add(double x) { v << x; }
    double pct(double p) const
    {
        if (v.isEmpty()) return 0;
        QList<double> s = v;
        std::sort(s.begin(), s.end());
        return s[qMin<int>(int(s.size()) - 1, int(p / 100.0 * double(s.size())))];
    }
    QString medianLine(const QString &unit) const
    {
        return QStringLiteral("median %1 %4, p95 %2 %4, max %3 %4 (n=%5)").arg(pct(50), 0, 'f', 1).arg(pct(95), 0, 'f', 1)
            .arg(pct(100), 0, 'f', 1).arg(unit).arg(v.size());
    }
    QString tailLine() const
    {
        return QStringLiteral("p50 %1 ms, p99 %2 ms, max %3 ms (n=%4)").arg(pct(50), 0, 'f', 1).arg(pct(99), 0, 'f', 1)
            .arg(pct(100), 0, 'f', 1).arg(v.size());
    }
};

// A field of /proc/<pid>/status in KiB (e.g. "VmRSS:", "VmHWM:"); pid 0 = this process.
inline qint64 statusKb(qint64 pid, const char *field)
{
    QFile f(pid ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &l : f.readAll().split('\n'))
        if (l.startsWith(field))
            return l.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

// utime + stime of a process, in clock ticks.
inline qint64 cpuTicks(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

} // namespace vines::bench
