#include "VnfDashboard.h"
#include "DashboardControls.h"
#include "ChartRotation.h"
#include "LiveChart.h"
#include "catalog/InstanceStore.h"
#include "ems/EmsLink.h"
#include "monitor/SeriesCsv.h"
#include "monitor/VnfMetricsFeed.h"
#include <QDateTime>
#include <QGridLayout>
#include <QVBoxLayout>

namespace vines {

VnfDashboard::VnfDashboard(ConsoleServices services, const QString &instanceId, QWidget *parent)
    : QWidget(parent), m_s(services), m_id(instanceId)
{
    setObjectName("vnfDashboard");
    InstanceRecord r;
    m_s.instances.get(instanceId, &r);
    m_feed = new VnfMetricsFeed(m_s.ems.client(), 3600, this);
    m_feed->setVnfs({instanceId});
    auto markers = [this](qint64 from) {
        QList<QPointF> out;
        for (const AlarmInfo &a : m_s.ems.alarms())
            if (a.vnfId == m_id && a.raisedAt.toMSecsSinceEpoch() >= from)
                out << QPointF(double(a.raisedAt.toMSecsSinceEpoch()), 0);
        return out;
    };
    auto *cpu = new LiveChart(tr("%1: CPU").arg(r.name), tr("time"), tr("CPU %"));
    cpu->addLine("cpu", m_feed->series(instanceId, "cpuPercent"), QColor(0x19, 0x76, 0xd2));
    cpu->addMarkers(tr("alarm"), markers, QColor(0xc6, 0x28, 0x28));
    auto *mem = new LiveChart(tr("%1: memory").arg(r.name), tr("time"), tr("RSS KiB"));
    mem->addLine("rss", m_feed->series(instanceId, "memoryRssKb"), QColor(0x6a, 0x1b, 0x9a));
    auto *pkt = new LiveChart(tr("%1: packets per second").arg(r.name), tr("time"), tr("packets/s"));
    pkt->addLine(tr("in"), m_feed->series(instanceId, "packetsInPerS"), QColor(0x2e, 0x7d, 0x32));
    pkt->addLine(tr("out"), m_feed->series(instanceId, "packetsOutPerS"), QColor(0xef, 0x6c, 0x00));
    pkt->addMarkers(tr("alarm"), markers, QColor(0xc6, 0x28, 0x28));
    auto *bytes = new LiveChart(tr("%1: bytes per second").arg(r.name), tr("time"), tr("bytes/s"));
    bytes->addLine(tr("in"), m_feed->series(instanceId, "bytesInPerS"), QColor(0x2e, 0x7d, 0x32));
    bytes->addLine(tr("out"), m_feed->series(instanceId, "bytesOutPerS"), QColor(0xef, 0x6c, 0x00));
    m_charts = {cpu, mem, pkt, bytes};

    m_controls = new DashboardControls(this);
    connect(m_controls, &DashboardControls::windowChanged, this, [this](qint64 ms) {
        for (LiveChart *c : std::as_const(m_charts)) c->setWindowMs(ms);
        refresh();
    });
    connect(m_controls, &DashboardControls::pausedChanged, this, [this](bool p) {
        for (LiveChart *c : std::as_const(m_charts)) c->setPaused(p);
    });
    connect(m_controls, &DashboardControls::exportRequested, this, [this, name = r.name](const QString &kind) {
        QList<NamedSeries> all;
        for (const QString &m : VnfMetricsFeed::metricNames())
            all << NamedSeries{m, m_feed->series(m_id, m)};
        m_controls->exportCharts(kind, m_charts, seriesToCsv(all), "vnf-" + name);
    });
    auto *grid = new QGridLayout;
    grid->addWidget(cpu, 0, 0);
    grid->addWidget(mem, 0, 1);
    grid->addWidget(pkt, 1, 0);
    grid->addWidget(bytes, 1, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_controls);
    lay->addLayout(grid, 1);
    (new ChartRotation(m_charts, this))->start(100);   // one chart per tick, never all at once
    m_feed->start(1000);
}

void VnfDashboard::refresh()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (LiveChart *c : std::as_const(m_charts))
        c->refresh(now);
}

} // namespace vines
