#pragma once
// Redraws a set of charts one per tick instead of all at once, so the event loop never stalls
// for the whole dashboard: with 5 charts and a 100 ms tick each chart redraws twice a second.
#include <QDateTime>
#include <QList>
#include <QTimer>
#include <functional>

namespace vines {

class LiveChart;

class ChartRotation : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;
    // beforeRound runs once per full turn (e.g. to close a percentile bucket) with the time used.
    ChartRotation(QList<LiveChart *> charts, QObject *parent = nullptr, Clock clock = {}, std::function<void(qint64)> beforeRound = {});
    void start(int tickMs = 100) { m_timer.start(tickMs); }
    void stop() { m_timer.stop(); }
    void tick();

private:
    QList<LiveChart *> m_charts;
    Clock m_clock;
    std::function<void(qint64)> m_beforeRound;
    QTimer m_timer;
    int m_next = 0;
};

} // namespace vines
