#pragma once
// CPU share and resident memory of a process, read from /proc. CPU is the share of one
// core used since the previous sample of the same pid.
#include <QElapsedTimer>
#include <QHash>

namespace vines::leaf {

struct ProcessSample {
    double cpuPercent = 0;
    qint64 rssKb = 0;
};

class ProcessMetrics {
public:
    ProcessSample sample(qint64 pid);
private:
    struct Last { quint64 ticks = 0; qint64 atMs = 0; };
    QHash<qint64, Last> m_last;
    QElapsedTimer m_clock;
};

} // namespace vines::leaf
