// Live monitoring dashboards: ring-buffer bounds and decimation, per-second percentile bands
// and the CDF, CSV export content, and headless dashboards fed from a real running chain
// (probes through the chain's public address, EMS metrics of its VNFs), with pause, time
// window, PNG/SVG/CSV export and the chain comparison.
#include "ConsoleFixture.h"
#include "catalog/InstanceStore.h"
#include "MainWindow.h"
#include "dash/NiceScale.h"
#include <QValueAxis>
#include <cmath>
#include <QAction>
#include <QScreen>
#include <QMessageBox>
#include <QDockWidget>
#include "TestSupport.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "dash/ComparisonView.h"
#include "dash/DashboardControls.h"
#include "dash/DashboardsView.h"
#include "dash/LiveChart.h"
#include "dash/SfcDashboard.h"
#include "dash/VnfDashboard.h"
#include "monitor/ChainProbe.h"
#include "monitor/ProbeAggregator.h"
#include "monitor/RingSeries.h"
#include "monitor/SeriesCsv.h"
#include "monitor/VnfMetricsFeed.h"
#include "nfvo/Nfvo.h"
#include <QBarSeries>
#include <QChart>
#include <QComboBox>
#include <QCheckBox>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

using namespace vines;
using namespace vines::test;

class TstDashboard : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<ConsoleCore> m_core;
    std::unique_ptr<MainWindow> m_win;
    QHash<QString, QString> m_vnfd;
    QStringList m_ns;

    QString chain(const QString &name, int n)
    {
        NsDescriptor d;
        d.descriptorId = "dash-" + name;
        d.name = name;
        Vnffg g{"sfc", "", "path", {}};
        for (int i = 0; i < n; ++i) {
            const QString node = QStringLiteral("v%1").arg(i);
            d.vnfs << NsdVnf{node, i + 1 < n ? m_vnfd["Forwarder"] : m_vnfd["Echo Sink"], node, {}};
            g.path << NsdHop{node, {}};
        }
        d.vnffgs << g;
        QString error, nsId;
        const QString nsd = must(m_core->nsCatalog().add(d));
        const QString op = must(instantiateNs(m_core->nfvo(), nsd, name, &nsId));
        OperationRecord rec;
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(m_core->operations().get(op, &rec) && isFinal(rec.state), 60000); }();
        [&]() { QVERIFY2(rec.state == OpState::Completed, qPrintable(rec.error)); }();
        return nsId;
    }

private Q_SLOTS:
    void ringBufferIsBounded()
    {
        RingSeries r(100);
        for (int i = 0; i < 1000; ++i)
            r.append(i * 10, i == 950 ? 1000.0 : double(i % 7));
        QCOMPARE(r.size(), 100);
        QCOMPARE(r.capacity(), 100);             // never grows: fixed memory
        QCOMPARE(r.at(0).x(), 9000.0);           // the oldest kept is point 900
        QCOMPARE(r.last().x(), 9990.0);
        const QList<QPointF> w = r.window(9500);
        QCOMPARE(w.size(), 50);
        QCOMPARE(w.first().x(), 9500.0);
        const QList<QPointF> dec = r.window(0, 10);   // decimated, but the spike survives
        QVERIFY(dec.size() <= 10);
        QVERIFY(std::any_of(dec.begin(), dec.end(), [](const QPointF &p) { return p.y() == 1000.0; }));
        r.clear();
        QVERIFY(r.window(0).isEmpty());
    }

    void percentileBandsAndCdf()
    {
        ProbeAggregator a(1000, 10, 50);
        for (int i = 1; i <= 100; ++i)
            a.add(5000 + i, double(i));         // second 5: 1..100 ms
        for (int i = 0; i < 10; ++i)
            a.add(6000 + i, 7.0);               // second 6: all 7 ms
        a.flush(7001);
        QCOMPARE(a.p50().size(), 2);
        QCOMPARE(a.p50().at(0).y(), 50.5);
        QVERIFY(qAbs(a.p95().at(0).y() - 95.05) < 1e-9);
        QVERIFY(qAbs(a.p99().at(0).y() - 99.01) < 1e-9);
        QCOMPARE(a.p50().at(0).x(), 5500.0);    // plotted mid-interval
        QCOMPARE(a.p99().at(1).y(), 7.0);
        QCOMPARE(a.rate().at(0).y(), 100.0);
        QCOMPARE(a.reservoirSize(), 50);        // bounded
        const QList<QPointF> cdf = a.cdf();
        QVERIFY(!cdf.isEmpty());
        QCOMPARE(cdf.last().y(), 1.0);
        for (int i = 1; i < cdf.size(); ++i)
            QVERIFY(cdf[i].x() >= cdf[i - 1].x() && cdf[i].y() >= cdf[i - 1].y());
    }

    void csvExportContent()
    {
        RingSeries a(10), b(10);
        a.append(1700000000000, 1.5);
        a.append(1700000001000, 2.5);
        b.append(1700000000500, 42);
        const QByteArray csv = seriesToCsv({{"lat \"p50\"", &a}, {"thr", &b}});
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QByteArray("series,time,time_ms,value"));
        QCOMPARE(lines[1], QByteArray("\"lat \"\"p50\"\"\",2023-11-14T22:13:20.000Z,1700000000000,1.5"));
        QCOMPARE(lines[3], QByteArray("\"thr\",2023-11-14T22:13:20.500Z,1700000000500,42"));
    }

    // Axes people can read: round steps, whole-tick ranges, an idle series as 0..1, time ticks
    // on round seconds.
    void niceAxes()
    {
        auto isNice = [](double step) {
            const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
            return std::fabs(m - 1) < 1e-9 || std::fabs(m - 2) < 1e-9 || std::fabs(m - 2.5) < 1e-9 || std::fabs(m - 5) < 1e-9;
        };
        struct Case { double lo, hi, min, max, step; QString first; };
        const QList<Case> cases{{0, 1.08, 0, 1.25, 0.25, "0.00"}, {0, 0.97, 0, 1, 0.2, "0.0"}, {0, 8605, 0, 10000, 2000, "0"},
                                {0, 1e-9, 0, 1, 0.2, "0.0"}, {0, 0, 0, 1, 0.2, "0.0"}, {0.077, 0.419, 0, 0.5, 0.1, "0.0"},
                                {0, 0.809, 0, 1, 0.2, "0.0"}, {12, 12, 0, 15, 5, "0"}};
        for (const Case &c : cases) {
            const NiceScale s = NiceScale::of(c.lo, c.hi);
            QVERIFY2(qFuzzyCompare(s.min + 1, c.min + 1) && qFuzzyCompare(s.max, c.max) && qFuzzyCompare(s.step, c.step),
                     qPrintable(QStringLiteral("%1..%2 -> %3..%4 step %5").arg(c.lo).arg(c.hi).arg(s.min).arg(s.max).arg(s.step)));
            QVERIFY(isNice(s.step));
            QCOMPARE(QString::asprintf(qPrintable(s.labelFormat()), s.min), c.first);
        }
        QCOMPARE(NiceScale::of(0, 1.7).labelFormat(), QString("%.1f"));
        QCOMPARE(NiceScale::of(0, 0.017).labelFormat(), QString("%.3f"));
        const TimeTicks t = TimeTicks::of(60000);
        QCOMPARE(t.stepMs, qint64(10000));
        QCOMPARE(t.count, 7);
        QCOMPARE(t.alignedEnd(1234567), qint64(1240000));
        QCOMPARE(TimeTicks::of(600000).stepMs, qint64(120000));
    }

    void initDashboards()
    {
        isolateSettings(m_tmp.filePath("settings"));
        m_core = std::make_unique<ConsoleCore>(consoleOptions(m_tmp.filePath("data"), "127.87", "127.88.0"));
        QString error;
        VERIFY_OK(openCore(*m_core));
        const auto samples = onboardSamples(*m_core, {"echo", "forwarder", "router"});
        QVERIFY2(samples.ok(), qPrintable(samples.errorMessage()));
        for (const PackageRecord &p : *samples)
            m_vnfd.insert(p.package.vnfd.productName, p.package.vnfd.descriptorId);
        m_ns << chain("short", 2) << chain("long", 3);
        m_win = std::make_unique<MainWindow>(m_core->services(), "Local VIM");
        m_win->resize(1400, 900);
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
    }

    void sfcDashboardFedFromARealChain()
    {
        DashboardsView *dv = m_win->dashboards();
        SfcDashboard *d = dv->openSfc(m_ns[1]);
        QVERIFY(d);
        d->startProbes();
        QVERIFY(d->probing());
        QTRY_VERIFY_WITH_TIMEOUT(d->latency().p50().size() >= 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(d->throughput().size() >= 1, 10000);
        QVERIFY(d->latency().p50().last().y() > 0);
        QVERIFY(d->throughput().last().y() > 0);
        // The probes keep producing points (about one a second; a loaded 2-core machine may delay a few).
        const int p0 = int(d->latency().p50().size()), t0 = int(d->throughput().size());
        QTRY_VERIFY2_WITH_TIMEOUT(d->latency().p50().size() - p0 >= 3 && d->throughput().size() - t0 >= 2,
                                  qPrintable(QStringLiteral("%1 latency and %2 throughput points").arg(d->latency().p50().size() - p0)
                                                 .arg(d->throughput().size() - t0)), 10000);
        d->refresh();
        d->refresh();
        QVERIFY(d->latencyChart()->pointCount() >= 2 * 4);   // band (p99/p50) + three lines
        QVERIFY(d->cdfChart()->pointCount() > 10);
        QVERIFY(d->throughputChart()->pointCount() >= 1);
        // The live axes use round steps over whole ticks.
        for (LiveChart *c : {d->latencyChart(), d->throughputChart()}) {
            const double step = c->yAxis()->tickInterval();
            const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
            QVERIFY2(qFuzzyCompare(m, 1) || qFuzzyCompare(m, 2) || qFuzzyCompare(m, 2.5) || qFuzzyCompare(m, 5), qPrintable(QString::number(step)));
            QVERIFY(std::fabs(c->yAxis()->max() / step - std::round(c->yAxis()->max() / step)) < 1e-6);
        }
        // The VNFs' metrics come from the EMS performance monitor.
        QTRY_VERIFY_WITH_TIMEOUT(d->charts().at(3)->pointCount() >= 3, 10000);
        // Pause: the picture holds still while probes keep filling the buffers.
        d->findChild<QCheckBox *>("pause")->setChecked(true);
        const int drawn = d->latencyChart()->pointCount();
        const int collected = d->latency().p50().size();
        QTRY_VERIFY_WITH_TIMEOUT(d->latency().p50().size() > collected, 5000);
        d->refresh();
        QCOMPARE(d->latencyChart()->pointCount(), drawn);
        d->findChild<QCheckBox *>("pause")->setChecked(false);
        d->findChild<QComboBox *>("window")->setCurrentIndex(1);
        QCOMPARE(d->latencyChart()->windowMs(), qint64(600000));
        QVERIFY(d->latencyChart()->pointCount() > drawn);
        // Exports.
        const QString dir = m_tmp.filePath("export");
        QDir().mkpath(dir);
        d->controls()->setExportDir(dir);
        const QStringList png = d->controls()->exportCharts("png", d->charts(), d->csv(), "sfc");
        QCOMPARE(png.size(), d->charts().size());
        QVERIFY(QImage(png.first()).width() > 100);
        const QStringList svg = d->controls()->exportCharts("svg", d->charts(), d->csv(), "sfc");
        QFile s(svg.first());
        QVERIFY(s.open(QIODevice::ReadOnly));
        QVERIFY(s.readAll().contains("<svg"));
        const QStringList csv = d->controls()->exportCharts("csv", d->charts(), d->csv(), "sfc");
        QFile c(csv.first());
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray text = c.readAll();
        QVERIFY(text.startsWith("series,time,time_ms,value\n"));
        QVERIFY(text.contains("\"latency_p99_ms\","));
        QVERIFY(text.contains("\"throughput_mbit_s\","));
        QVERIFY(text.contains(".cpuPercent\","));
        d->stopProbes();
        QVERIFY(!d->probing());
    }

    // With dashboards open, every tab and dock still fits a 1280x720 screen, and a 1920x1080 one
    // at a 2x scale factor (960x540 device-independent pixels): nothing has a minimum beyond that
    // (the tabs' contents scroll, docks shrink).
    void windowFitsSmallScreens()
    {
        DashboardsView *dv = m_win->dashboards();
        QVERIFY(dv->openSfc(m_ns[0]));
        const QSize small(960, 540);
        for (int tab = 0; tab < m_win->tabs()->count(); ++tab) {
            m_win->tabs()->setCurrentIndex(tab);
            const QSize need = m_win->minimumSizeHint().expandedTo(m_win->minimumSize());
            QVERIFY2(need.width() <= small.width() && need.height() <= small.height(),
                     qPrintable(QStringLiteral("tab %1 needs %2x%3").arg(m_win->tabs()->tabText(tab)).arg(need.width()).arg(need.height())));
        }
        m_win->resize(small);
        QTRY_COMPARE(m_win->size(), small);
        // View > Reset layout brings back a closed dock and a window that fits the screen.
        auto *catalog = m_win->findChild<QDockWidget *>("catalogDock");
        catalog->hide();
        m_win->findChild<QAction *>("resetLayout")->trigger();
        QVERIFY(catalog->isVisible());
        const QSize screen = m_win->screen()->availableGeometry().size();
        QVERIFY(m_win->width() <= screen.width() && m_win->height() <= screen.height());
        // Help > Keyboard shortcuts lists what the window's actions declare.
        m_win->findChild<QAction *>("shortcutHelp")->trigger();
        QTRY_VERIFY(m_win->findChild<QMessageBox *>("shortcutList"));
        const QString list = m_win->findChild<QMessageBox *>("shortcutList")->text();
        QVERIFY2(list.contains(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)) && list.contains("Save to NS catalog"), qPrintable(list));
        QVERIFY(list.contains("Quit"));
        m_win->findChild<QMessageBox *>("shortcutList")->close();
        m_win->resize(1400, 900);
    }

    void vnfDashboard()
    {
        NsInstanceRecord r;
        m_core->nsCatalog().instance(m_ns[0], &r);
        VnfDashboard *d = m_win->dashboards()->openVnf(r.vnfInstanceIds.first());
        QVERIFY(d);
        QTRY_VERIFY_WITH_TIMEOUT(d->feed()->series(r.vnfInstanceIds.first(), "memoryRssKb")->size() >= 2, 10000);
        QVERIFY(d->feed()->series(r.vnfInstanceIds.first(), "memoryRssKb")->last().y() > 1000);
        d->refresh();
        QVERIFY(d->charts().at(1)->pointCount() >= 2);
    }

    void closingDashboardsWithRequestsInFlight()
    {
        // Open and close dashboards quickly while their EMS polls and probes are under way.
        NsInstanceRecord r;
        m_core->nsCatalog().instance(m_ns[0], &r);
        const int tabsBefore = m_win->dashboards()->tabs()->count();
        for (int i = 0; i < 10; ++i) {
            SfcDashboard *s = m_win->dashboards()->openSfc(m_ns[0]);
            s->startProbes();
            VnfDashboard *v = m_win->dashboards()->openVnf(r.vnfInstanceIds.first());
            QTest::qWait(30);
            delete s;
            delete v;
            QTest::qWait(20);
        }
        QTest::qWait(1200);   // answers to the closed dashboards' requests arrive now, and are dropped
        QCOMPARE(m_win->dashboards()->tabs()->count(), tabsBefore);   // no empty tab is left behind
        InstanceRecord first;
        m_core->instances().get(r.vnfInstanceIds.first(), &first);
        QVERIFY(signedCall("GET", QStringLiteral("http://%1/status").arg(first.mgmtAddress), first.platformSecret).ok);
    }

    void comparesChainsOfDifferentLengths()
    {
        ComparisonView *c = m_win->dashboards()->openComparison();
        QSignalSpy done(c, &ComparisonView::compared);
        c->compare({m_ns[1], m_ns[0]}, 200, 2 * 1024 * 1024);
        QVERIFY(done.wait(60000));
        const auto results = c->results();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].chainLength, 0);   // direct first, then by length
        QCOMPARE(results[1].chainLength, 2);
        QCOMPARE(results[2].chainLength, 3);
        for (const ChainMeasurement &m : results) {
            QCOMPARE(m.latency.rttMs.size(), 200);
            QCOMPARE(m.throughput.bytes, qint64(2 * 1024 * 1024));
        }
        QVERIFY(results[2].latency.percentile(50) > results[0].latency.percentile(50));
        QCOMPARE(c->cdf()->chart()->series().size(), 3);
        QCOMPARE(static_cast<QBarSeries *>(c->bars()->chart()->series().first())->count(), 3);   // p50, p95, p99
    }

    void cleanupTestCase()
    {
        m_win.reset();
        m_core.reset();
    }
};

QTEST_MAIN(TstDashboard)
#include "tst_dashboard.moc"
