#pragma once
// A live dashboard for one network service (SFC): latency over time with p50/p95/p99 bands,
// the latency CDF, throughput over time from real probes on the chain's public address (run off
// the UI thread, started and stopped here), per-VNF CPU and packet rates from the EMS
// performance monitor, and the chain's alarms as markers on the timeline.
#include "ConsoleServices.h"
#include "monitor/ProbeAggregator.h"
#include "monitor/RingSeries.h"
#include <QTimer>
#include <QWidget>
#include <memory>

class QComboBox;
class QPushButton;
class QLabel;

namespace vines {

class LiveChart;
class DashboardControls;
class ChainProbe;
class VnfMetricsFeed;
struct ProbeBatch;

class SfcDashboard : public QWidget {
    Q_OBJECT
public:
    SfcDashboard(ConsoleServices services, const QString &nsId, QWidget *parent = nullptr);
    ~SfcDashboard() override;
    QString nsId() const { return m_nsId; }
    void startProbes();
    void stopProbes();
    bool probing() const;
    void setWindowMs(qint64 ms);
    void setPaused(bool paused);
    QList<LiveChart *> charts() const { return m_charts; }
    LiveChart *latencyChart() const { return m_charts.value(0); }
    LiveChart *cdfChart() const { return m_charts.value(1); }
    LiveChart *throughputChart() const { return m_charts.value(2); }
    const ProbeAggregator &latency() const { return m_agg; }
    const RingSeries &throughput() const { return m_throughput; }
    QByteArray csv() const;
    DashboardControls *controls() const { return m_controls; }
    void refresh();
    // Feeds probe results as if they came from the chain (tests and the benchmark use it).
    void ingest(const ProbeBatch &b);

private:
    QList<QPointF> alarmMarkers(qint64 fromMs) const;
    ConsoleServices m_s;
    QString m_nsId;
    QStringList m_vnfs;
    QHash<QString, QString> m_vnfNames;
    ProbeAggregator m_agg;
    RingSeries m_throughput{3600};
    std::unique_ptr<ChainProbe> m_probe;
    VnfMetricsFeed *m_feed;
    QList<LiveChart *> m_charts;
    QPushButton *m_start;
    DashboardControls *m_controls;
    QLabel *m_status;
    QString m_host;
    quint16 m_port = 0;
};

} // namespace vines
