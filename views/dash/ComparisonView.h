#pragma once
// Side-by-side comparison of service chains of different lengths (the seed's Figures 5 and 6):
// measures each selected network service and a direct connection to an echo VNF off the UI
// thread, then overlays their latency CDFs and shows p50/p95/p99 and throughput as bars.
#include "ConsoleServices.h"
#include "nfvo/ChainMeter.h"
#include <QWidget>

class QListWidget;
class QPushButton;
class QProgressBar;
class QChartView;

namespace vines {

class LiveChart;
class ChainMeasurementJob;
class DashboardControls;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(ConsoleServices services, QWidget *parent = nullptr);
    void reload();
    void compare(const QStringList &nsIds, int probes = 500, qint64 bulkBytes = 8 * 1024 * 1024);
    QList<ChainMeasurement> results() const { return m_results; }
    LiveChart *cdf() const { return m_cdf; }
    QChartView *bars() const { return m_bars; }

Q_SIGNALS:
    void compared();

private:
    void show(const QList<ChainMeasurement> &results);
    ConsoleServices m_s;
    QListWidget *m_list;
    QPushButton *m_go;
    QProgressBar *m_progress;
    LiveChart *m_cdf;
    QChartView *m_bars;
    QChartView *m_throughput;
    DashboardControls *m_controls;
    ChainMeasurementJob *m_job = nullptr;
    QList<ChainMeasurement> m_results;
};

} // namespace vines
