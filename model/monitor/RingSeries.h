#pragma once
// A fixed-capacity time series (x = time in ms since the epoch, y = value): appends overwrite
// the oldest point once full, so memory stays the same however long the console runs.
#include <QList>
#include <QPointF>
#include <vector>

namespace vines {

class RingSeries {
public:
    explicit RingSeries(int capacity = 3600) : m_buf(size_t(qMax(1, capacity))) {}
    void append(qint64 tMs, double v);
    int size() const { return m_size; }
    int capacity() const { return int(m_buf.size()); }
    bool isEmpty() const { return m_size == 0; }
    QPointF at(int i) const { return m_buf[(m_start + size_t(i)) % m_buf.size()]; }   // 0 = oldest
    QPointF last() const { return at(m_size - 1); }
    void clear() { m_start = 0; m_size = 0; }
    // Points with x >= fromMs, at most maxPoints of them (min/max-decimated, keeping peaks).
    QList<QPointF> window(qint64 fromMs, int maxPoints = 2000) const;
    static constexpr size_t bytesPerPoint() { return sizeof(QPointF); }

private:
    std::vector<QPointF> m_buf;
    size_t m_start = 0;
    int m_size = 0;
};

} // namespace vines
