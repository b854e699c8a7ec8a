#include "ComparisonView.h"
#include "ColorScheme.h"
#include "DashboardControls.h"
#include "LiveChart.h"
#include "catalog/NsCatalog.h"
#include "nfvo/ChainMeasurementJob.h"
#include "nfvo/Nfvo.h"
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>

namespace vines {

namespace {
const QList<QColor> kColours{QColor(0x60, 0x60, 0x60), QColor(0x19, 0x76, 0xd2), QColor(0x2e, 0x7d, 0x32), QColor(0xef, 0x6c, 0x00),
                             QColor(0x6a, 0x1b, 0x9a), QColor(0xc6, 0x28, 0x28)};
}

ComparisonView::ComparisonView(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    setObjectName("comparisonView");
    m_list = new QListWidget(this);
    m_list->setObjectName("compareList");
    m_list->setMaximumWidth(260);
    m_go = new QPushButton(tr("Compare selected chains"), this);
    m_go->setObjectName("compare");
    m_progress = new QProgressBar(this);
    m_progress->hide();
    m_cdf = new LiveChart(tr("Latency CDF by chain length"), tr("RTT ms"), tr("fraction ≤ x"), LiveChart::XAxis::Value, this);
    m_cdf->setFixedY(0, 1);
    m_bars = new QChartView(this);
    m_bars->setMinimumHeight(220);
    m_throughput = new QChartView(this);
    m_throughput->setMinimumHeight(220);
    m_controls = new DashboardControls(this);
    connect(m_controls, &DashboardControls::exportRequested, this, [this](const QString &kind) {
        m_controls->exportCharts(kind, {m_cdf}, ChainMeter::toCsv(m_results), "chain-comparison");
    });
    connect(m_go, &QPushButton::clicked, this, [this]() {
        QStringList ids;
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->checkState() == Qt::Checked)
                ids << m_list->item(i)->data(Qt::UserRole).toString();
        compare(ids);
    });
    connect(&m_s.nsCatalog, &NsCatalog::instanceChanged, this, &ComparisonView::reload);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(m_go);
    left->addWidget(m_progress);
    auto *charts = new QVBoxLayout;
    charts->addWidget(m_controls);
    charts->addWidget(m_cdf, 2);
    auto *row = new QHBoxLayout;
    row->addWidget(m_bars);
    row->addWidget(m_throughput);
    charts->addLayout(row, 1);
    auto *lay = new QHBoxLayout(this);
    lay->addLayout(left);
    lay->addLayout(charts, 1);
    reload();
}

void ComparisonView::reload()
{
    QSet<QString> checked;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            checked.insert(m_list->item(i)->data(Qt::UserRole).toString());
    m_list->clear();
    for (const NsInstanceRecord &r : m_s.nsCatalog.instances()) {
        if (!r.instantiated())
            continue;
        auto *i = new QListWidgetItem(tr("%1 (%2 VNFs)").arg(r.name).arg(r.vnfInstanceIds.size()), m_list);
        i->setData(Qt::UserRole, r.id);
        i->setFlags(i->flags() | Qt::ItemIsUserCheckable);
        i->setCheckState(checked.contains(r.id) ? Qt::Checked : Qt::Unchecked);
    }
}

void ComparisonView::compare(const QStringList &nsIds, int probes, qint64 bulkBytes)
{
    if (m_job || nsIds.isEmpty())
        return;
    QList<ChainMeasurementJob::Target> targets;
    QString direct;
    QList<NsInstanceRecord> chains;
    for (const QString &id : nsIds) {
        NsInstanceRecord r;
        if (m_s.nsCatalog.instance(id, &r) && r.instantiated())
            chains << r;
    }
    std::sort(chains.begin(), chains.end(), [](const auto &a, const auto &b) { return a.vnfInstanceIds.size() < b.vnfInstanceIds.size(); });
    for (const NsInstanceRecord &r : chains) {
        if (direct.isEmpty())
            direct = m_s.nfvo.dataAddress(r.vnfInstanceIds.last());
        targets << ChainMeasurementJob::Target{tr("%1 (%2 VNFs)").arg(r.name).arg(r.vnfInstanceIds.size()), int(r.vnfInstanceIds.size()),
                                               r.publicAddress, quint16(r.servicePort)};
    }
    if (!direct.isEmpty())
        targets.prepend({tr("direct"), 0, direct.section(':', 0, 0), quint16(direct.section(':', 1).toUInt())});
    m_job = new ChainMeasurementJob(targets, {probes, 64, bulkBytes}, this);
    m_progress->show();
    m_go->setEnabled(false);
    connect(m_job, &ChainMeasurementJob::progress, m_progress, &QProgressBar::setValue);
    connect(m_job, &ChainMeasurementJob::finished, this, [this](const QList<ChainMeasurement> &r) {
        m_job->deleteLater();
        m_job = nullptr;
        m_progress->hide();
        m_go->setEnabled(true);
        show(r);
        Q_EMIT compared();
    });
    m_job->start();
}

void ComparisonView::show(const QList<ChainMeasurement> &results)
{
    m_results = results;
    // One CDF line per path, drawn from its samples.
    m_cdf->clear();
    for (int i = 0; i < results.size(); ++i) {
        QList<double> s = results[i].latency.rttMs;
        std::sort(s.begin(), s.end());
        QList<QPointF> pts;
        for (int k = 0; k < s.size(); k += qMax<qsizetype>(1, s.size() / 400))
            pts << QPointF(s[k], double(k + 1) / double(s.size()));
        if (!s.isEmpty())
            pts << QPointF(s.last(), 1.0);
        m_cdf->addLine(results[i].label, [pts](qint64) { return pts; }, kColours[i % kColours.size()]);
    }
    m_cdf->refresh(0);
    // Percentile bars and throughput bars.
    auto *lat = new QChart;
    lat->setTheme(colorscheme::dark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    lat->setTitle(tr("Latency percentiles (ms)"));
    auto *series = new QBarSeries;
    QStringList labels;
    for (const char *p : {"p50", "p95", "p99"}) {
        auto *set = new QBarSet(QLatin1String(p));
        for (const ChainMeasurement &m : results)
            *set << m.latency.percentile(QByteArray(p).mid(1).toDouble());
        series->append(set);
    }
    for (const ChainMeasurement &m : results)
        labels << (m.chainLength ? QString::number(m.chainLength) + tr(" VNFs") : tr("direct"));
    lat->addSeries(series);
    auto *cats = new QBarCategoryAxis;
    cats->append(labels);
    lat->addAxis(cats, Qt::AlignBottom);
    series->attachAxis(cats);
    auto *y = new QValueAxis;
    lat->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    QChart *old = m_bars->chart();
    m_bars->setChart(lat);
    delete old;
    auto *thr = new QChart;
    thr->setTheme(colorscheme::dark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    thr->setTitle(tr("Throughput (Mbit/s)"));
    auto *ts = new QBarSeries;
    auto *set = new QBarSet(tr("bulk TCP"));
    for (const ChainMeasurement &m : results)
        *set << m.throughput.mbitPerS();
    ts->append(set);
    thr->addSeries(ts);
    auto *cats2 = new QBarCategoryAxis;
    cats2->append(labels);
    thr->addAxis(cats2, Qt::AlignBottom);
    ts->attachAxis(cats2);
    auto *y2 = new QValueAxis;
    thr->addAxis(y2, Qt::AlignLeft);
    ts->attachAxis(y2);
    old = m_throughput->chart();
    m_throughput->setChart(thr);
    delete old;
}

} // namespace vines
