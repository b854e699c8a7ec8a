#include "ProbeAggregator.h"
#include <algorithm>

namespace vines {

ProbeAggregator::ProbeAggregator(int bucketMs, int historyPoints, int reservoir)
    : m_bucketMs(bucketMs), m_p50(historyPoints), m_p95(historyPoints), m_p99(historyPoints), m_rate(historyPoints),
      m_recentCap(size_t(qMax(1, reservoir)))
{
    m_recent.reserve(m_recentCap);
}

double ProbeAggregator::percentile(QList<double> s, double p)
{
    if (s.isEmpty())
        return 0;
    std::sort(s.begin(), s.end());
    const double rank = p / 100.0 * double(s.size() - 1);
    const qsizetype lo = qsizetype(rank), hi = qMin(lo + 1, s.size() - 1);
    return s[lo] + (s[hi] - s[lo]) * (rank - double(lo));
}

void ProbeAggregator::close()
{
    if (m_bucketStart < 0)
        return;
    const qint64 mid = m_bucketStart + m_bucketMs / 2;
    if (!m_bucket.isEmpty()) {
        m_p50.append(mid, percentile(m_bucket, 50));
        m_p95.append(mid, percentile(m_bucket, 95));
        m_p99.append(mid, percentile(m_bucket, 99));
    }
    m_rate.append(mid, double(m_bucket.size()) * 1000.0 / m_bucketMs);
    m_bucket.clear();
}

void ProbeAggregator::add(qint64 tMs, double rttMs)
{
    const qint64 start = tMs - tMs % m_bucketMs;
    if (start != m_bucketStart) {
        close();
        m_bucketStart = start;
    }
    m_bucket << rttMs;
    if (m_recent.size() < m_recentCap)
        m_recent.push_back(rttMs);
    else
        m_recent[m_recentNext] = rttMs;
    m_recentNext = (m_recentNext + 1) % m_recentCap;
}

void ProbeAggregator::flush(qint64 nowMs)
{
    if (m_bucketStart >= 0 && nowMs >= m_bucketStart + m_bucketMs) {
        close();
        m_bucketStart = -1;
    }
}

QList<QPointF> ProbeAggregator::cdf(int maxPoints) const
{
    std::vector<double> s = m_recent;
    std::sort(s.begin(), s.end());
    QList<QPointF> out;
    if (s.empty())
        return out;
    const size_t n = s.size();
    const size_t step = qMax<size_t>(1, n / size_t(qMax(2, maxPoints)));
    for (size_t i = 0; i < n; i += step)
        out << QPointF(s[i], double(i + 1) / double(n));
    if (out.last().y() < 1.0)
        out << QPointF(s.back(), 1.0);
    return out;
}

} // namespace vines
