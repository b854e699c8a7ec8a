#pragma once
// A live dashboard for one VNF: CPU, memory, packet and byte rates from the EMS performance
// monitor, with the VNF's alarms as markers on the timeline.
#include "ConsoleServices.h"
#include <QTimer>
#include <QWidget>

namespace vines {

class LiveChart;
class VnfMetricsFeed;
class DashboardControls;

class VnfDashboard : public QWidget {
    Q_OBJECT
public:
    VnfDashboard(ConsoleServices services, const QString &instanceId, QWidget *parent = nullptr);
    QList<LiveChart *> charts() const { return m_charts; }
    VnfMetricsFeed *feed() const { return m_feed; }
    DashboardControls *controls() const { return m_controls; }
    void refresh();

private:
    ConsoleServices m_s;
    QString m_id;
    VnfMetricsFeed *m_feed;
    QList<LiveChart *> m_charts;
    DashboardControls *m_controls;
};

} // namespace vines
