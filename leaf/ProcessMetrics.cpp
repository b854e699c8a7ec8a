#include "ProcessMetrics.h"
#include <QFile>
#include <QList>
#include <unistd.h>

namespace vines::leaf {

ProcessSample ProcessMetrics::sample(qint64 pid)
{
    if (!m_clock.isValid())
        m_clock.start();
    ProcessSample s;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')');   // comm may contain spaces
        const QList<QByteArray> f = line.mid(close + 2).split(' ');
        if (f.size() > 13) {
            const quint64 ticks = f.at(11).toULongLong() + f.at(12).toULongLong();   // utime + stime
            const qint64 now = m_clock.elapsed();
            const Last last = m_last.value(pid);
            if (last.atMs > 0 && now > last.atMs) {
                const double secs = (now - last.atMs) / 1000.0;
                s.cpuPercent = 100.0 * (ticks - last.ticks) / double(sysconf(_SC_CLK_TCK)) / secs;
            }
            m_last.insert(pid, {ticks, now > 0 ? now : 1});
        }
    }
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &l : status.readAll().split('\n'))
            if (l.startsWith("VmRSS:"))
                s.rssKb = l.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return s;
}

} // namespace vines::leaf
