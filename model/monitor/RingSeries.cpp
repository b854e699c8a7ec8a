#include "RingSeries.h"

namespace vines {

void RingSeries::append(qint64 tMs, double v)
{
    const size_t cap = m_buf.size();
    if (size_t(m_size) < cap) {
        m_buf[(m_start + size_t(m_size)) % cap] = QPointF(double(tMs), v);
        ++m_size;
    } else {
        m_buf[m_start] = QPointF(double(tMs), v);
        m_start = (m_start + 1) % cap;
    }
}

QList<QPointF> RingSeries::window(qint64 fromMs, int maxPoints) const
{
    // Binary search for the first point in the window (x is non-decreasing).
    int lo = 0, hi = m_size;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (at(mid).x() < double(fromMs)) lo = mid + 1; else hi = mid;
    }
    const int n = m_size - lo;
    QList<QPointF> out;
    if (n <= maxPoints || maxPoints < 4) {
        out.reserve(n);
        for (int i = lo; i < m_size; ++i)
            out << at(i);
        return out;
    }
    // Min/max per bucket so spikes survive decimation.
    const int buckets = maxPoints / 2;
    out.reserve(buckets * 2);
    for (int b = 0; b < buckets; ++b) {
        const int from = lo + int(qint64(n) * b / buckets), to = lo + int(qint64(n) * (b + 1) / buckets);
        if (from >= to) continue;
        QPointF mn = at(from), mx = at(from);
        for (int i = from + 1; i < to; ++i) {
            const QPointF p = at(i);
            if (p.y() < mn.y()) mn = p;
            if (p.y() > mx.y()) mx = p;
        }
        if (mn.x() <= mx.x()) { out << mn; if (mx != mn) out << mx; }
        else { out << mx; out << mn; }
    }
    return out;
}

} // namespace vines
