#include "SfcDashboard.h"
#include "DashboardControls.h"
#include "ChartRotation.h"
#include "LiveChart.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "ems/EmsLink.h"
#include "monitor/ChainProbe.h"
#include "monitor/SeriesCsv.h"
#include "monitor/VnfMetricsFeed.h"
#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vines {

namespace {
const QList<QColor> kPalette{QColor(0x19, 0x76, 0xd2), QColor(0x2e, 0x7d, 0x32), QColor(0xef, 0x6c, 0x00), QColor(0x6a, 0x1b, 0x9a),
                             QColor(0x00, 0x83, 0x8f), QColor(0xad, 0x14, 0x57)};
}

SfcDashboard::SfcDashboard(ConsoleServices services, const QString &nsId, QWidget *parent)
    : QWidget(parent), m_s(services), m_nsId(nsId)
{
    setObjectName("sfcDashboard");
    NsInstanceRecord ns;
    m_s.nsCatalog.instance(nsId, &ns);
    m_vnfs = ns.vnfInstanceIds;
    m_host = ns.publicAddress;
    m_port = quint16(ns.servicePort);
    for (const QString &id : m_vnfs) {
        InstanceRecord r;
        m_vnfNames.insert(id, m_s.instances.get(id, &r) ? r.name : id.left(8));
    }
    m_feed = new VnfMetricsFeed(m_s.ems.client(), 3600, this);
    m_feed->setVnfs(m_vnfs);

    auto *lat = new LiveChart(tr("Latency through %1 (%2 VNFs)").arg(ns.name).arg(m_vnfs.size()), tr("time"), tr("RTT ms"));
    lat->addBand(tr("p50–p99"), &m_agg.p99(), &m_agg.p50(), QColor(0x19, 0x76, 0xd2));
    lat->addLine("p50", &m_agg.p50(), QColor(0x19, 0x76, 0xd2));
    lat->addLine("p95", &m_agg.p95(), QColor(0xef, 0x6c, 0x00));
    lat->addLine("p99", &m_agg.p99(), QColor(0xc6, 0x28, 0x28));
    lat->addMarkers(tr("alarm"), [this](qint64 from) { return alarmMarkers(from); }, QColor(0xc6, 0x28, 0x28));
    auto *cdf = new LiveChart(tr("Latency CDF (last %1 probes)").arg(5000), tr("RTT ms"), tr("fraction ≤ x"), LiveChart::XAxis::Value);
    cdf->addLine("CDF", [this](qint64) { return m_agg.cdf(); }, QColor(0x19, 0x76, 0xd2));
    cdf->setFixedY(0, 1);
    auto *thr = new LiveChart(tr("Throughput (bulk TCP through the chain)"), tr("time"), tr("Mbit/s"));
    thr->addLine(tr("throughput"), &m_throughput, QColor(0x2e, 0x7d, 0x32));
    thr->addMarkers(tr("alarm"), [this](qint64 from) { return alarmMarkers(from); }, QColor(0xc6, 0x28, 0x28));
    auto *cpu = new LiveChart(tr("VNF CPU (EMS performance monitor)"), tr("time"), tr("CPU %"));
    auto *pkt = new LiveChart(tr("VNF packets in per second"), tr("time"), tr("packets/s"));
    for (int i = 0; i < m_vnfs.size(); ++i) {
        cpu->addLine(m_vnfNames.value(m_vnfs[i]), m_feed->series(m_vnfs[i], "cpuPercent"), kPalette[i % kPalette.size()]);
        pkt->addLine(m_vnfNames.value(m_vnfs[i]), m_feed->series(m_vnfs[i], "packetsInPerS"), kPalette[i % kPalette.size()]);
    }
    m_charts = {lat, cdf, thr, cpu, pkt};

    m_start = new QPushButton(tr("Start probes"), this);
    m_start->setObjectName("startProbes");
    m_start->setCheckable(true);
    m_status = new QLabel(tr("%1:%2").arg(m_host).arg(m_port), this);
    auto *controls = m_controls = new DashboardControls(this);
    controls->insertWidget(0, m_start);
    controls->addWidget(m_status, 1);
    connect(m_start, &QPushButton::toggled, this, [this](bool on) { on ? startProbes() : stopProbes(); });
    connect(controls, &DashboardControls::windowChanged, this, &SfcDashboard::setWindowMs);
    connect(controls, &DashboardControls::pausedChanged, this, &SfcDashboard::setPaused);
    connect(controls, &DashboardControls::exportRequested, this, [this, controls](const QString &kind) {
        controls->exportCharts(kind, m_charts, csv(), QStringLiteral("sfc-%1").arg(m_nsId.left(8)));
    });

    auto *grid = new QGridLayout;
    grid->addWidget(lat, 0, 0);
    grid->addWidget(cdf, 0, 1);
    grid->addWidget(thr, 1, 0);
    grid->addWidget(cpu, 1, 1);
    grid->addWidget(pkt, 2, 0, 1, 2);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(controls);
    lay->addLayout(grid, 1);

    // One chart per tick: each redraws twice a second, never all at once.
    (new ChartRotation(m_charts, this, {}, [this](qint64 now) { m_agg.flush(now); }))->start(100);
    m_feed->start(1000);
}

SfcDashboard::~SfcDashboard() { stopProbes(); }

bool SfcDashboard::probing() const { return m_probe && m_probe->running(); }

void SfcDashboard::startProbes()
{
    if (probing() || m_host.isEmpty())
        return;
    // A latency probe every 100 ms and a 1 MiB bulk transfer every second: new points at least every second.
    m_probe = std::make_unique<ChainProbe>(ChainProbe::Options{m_host, m_port, 100, 1000, 1024 * 1024, 64});
    connect(m_probe.get(), &ChainProbe::batch, this, &SfcDashboard::ingest);
    m_probe->start();
    m_start->setChecked(true);
    m_start->setText(tr("Stop probes"));
}

void SfcDashboard::stopProbes()
{
    if (m_probe)
        m_probe->stop();
    m_probe.reset();
    if (m_start) {
        m_start->setChecked(false);
        m_start->setText(tr("Start probes"));
    }
}

void SfcDashboard::ingest(const ProbeBatch &b)
{
    for (const auto &p : b.latencyMs)
        m_agg.add(p.first, p.second);
    for (const auto &p : b.throughputMbit)
        m_throughput.append(p.first, p.second);
    if (!b.errors.isEmpty())
        m_status->setText(b.errors.last());
    else if (!b.latencyMs.isEmpty())
        m_status->setText(tr("%1:%2 — last RTT %3 ms").arg(m_host).arg(m_port).arg(b.latencyMs.last().second, 0, 'f', 3));
}

void SfcDashboard::setWindowMs(qint64 ms)
{
    for (LiveChart *c : std::as_const(m_charts))
        c->setWindowMs(ms);
    refresh();
}

void SfcDashboard::setPaused(bool paused)
{
    for (LiveChart *c : std::as_const(m_charts))
        c->setPaused(paused);
}

void SfcDashboard::refresh()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_agg.flush(now);
    for (LiveChart *c : std::as_const(m_charts))
        c->refresh(now);
}

QList<QPointF> SfcDashboard::alarmMarkers(qint64 fromMs) const
{
    QList<QPointF> out;
    for (const AlarmInfo &a : m_s.ems.alarms())
        if (m_vnfs.contains(a.vnfId) && a.raisedAt.toMSecsSinceEpoch() >= fromMs)
            out << QPointF(double(a.raisedAt.toMSecsSinceEpoch()), 0);
    return out;
}

QByteArray SfcDashboard::csv() const
{
    QList<NamedSeries> all{{"latency_p50_ms", &m_agg.p50()}, {"latency_p95_ms", &m_agg.p95()}, {"latency_p99_ms", &m_agg.p99()},
                           {"probes_per_s", &m_agg.rate()}, {"throughput_mbit_s", &m_throughput}};
    for (const QString &id : m_vnfs)
        for (const QString &m : VnfMetricsFeed::metricNames())
            all << NamedSeries{m_vnfNames.value(id) + "." + m, m_feed->series(id, m)};
    return seriesToCsv(all);
}

} // namespace vines
