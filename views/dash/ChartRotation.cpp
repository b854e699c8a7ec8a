#include "ChartRotation.h"
#include "LiveChart.h"

namespace vines {

ChartRotation::ChartRotation(QList<LiveChart *> charts, QObject *parent, Clock clock, std::function<void(qint64)> beforeRound)
    : QObject(parent), m_charts(std::move(charts)), m_clock(std::move(clock)), m_beforeRound(std::move(beforeRound))
{
    connect(&m_timer, &QTimer::timeout, this, &ChartRotation::tick);
}

void ChartRotation::tick()
{
    if (m_charts.isEmpty())
        return;
    const qint64 now = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
    if (m_next % m_charts.size() == 0 && m_beforeRound)
        m_beforeRound(now);
    m_charts[m_next++ % m_charts.size()]->refresh(now);
}

} // namespace vines
