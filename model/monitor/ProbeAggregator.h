#pragma once
// Turns a stream of latency samples into per-interval percentile points (p50, p95, p99 per
// second by default) for the "latency over time with bands" chart, and keeps a bounded
// reservoir of the most recent samples for the latency CDF.
#include "RingSeries.h"
#include <QList>

namespace vines {

class ProbeAggregator {
public:
    explicit ProbeAggregator(int bucketMs = 1000, int historyPoints = 3600, int reservoir = 5000);
    // Adds one sample; completes the previous bucket when this one is in a later interval.
    void add(qint64 tMs, double rttMs);
    void flush(qint64 nowMs);        // close the current bucket if its interval is over
    const RingSeries &p50() const { return m_p50; }
    const RingSeries &p95() const { return m_p95; }
    const RingSeries &p99() const { return m_p99; }
    const RingSeries &rate() const { return m_rate; }       // answered probes per second
    QList<QPointF> cdf(int maxPoints = 400) const;          // x = ms, y = fraction ≤ x
    int reservoirSize() const { return int(m_recent.size()); }
    static double percentile(QList<double> sorted, double p);

private:
    void close();
    int m_bucketMs;
    qint64 m_bucketStart = -1;
    QList<double> m_bucket;
    RingSeries m_p50, m_p95, m_p99, m_rate;
    std::vector<double> m_recent;
    size_t m_recentNext = 0;
    size_t m_recentCap;
};

} // namespace vines
