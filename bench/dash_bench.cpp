// vines-dash-bench: the dashboards under load, in a real (offscreen) window. 20 live series at
// 10 Hz are fed for 10 minutes of simulated time (the clock runs 20x fast) while the charts
// redraw twice a (simulated) second; a 5 ms heartbeat timer measures how late the event loop
// runs (p50/p99/max). Redraws happen at the real cadence (every 500 ms of wall time), so the
// event loop carries what an operator's would; only the data arrives 20x fast. Then 1 hour of simulated data is pushed and memory is reported: the ring
// buffers are fixed-size, so RSS must not grow with time.
// Usage: vines-dash-bench [--speed 20] [--minutes 10]
#include "dash/ChartRotation.h"
#include "dash/LiveChart.h"
#include "BenchSupport.h"
#include "monitor/RingSeries.h"
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGridLayout>
#include <QTimer>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace vines;

namespace {
double pct(QList<double> v, double p)
{
    if (v.isEmpty()) return 0;
    std::sort(v.begin(), v.end());
    return v[qMin<int>(int(v.size()) - 1, int(p / 100.0 * double(v.size())))];
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    double speed = 20;
    int minutes = 10;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--speed") speed = args[i + 1].toDouble();
        if (args[i] == "--minutes") minutes = args[i + 1].toInt();
    }
    constexpr int kSeries = 20, kHz = 10, kCapacity = 3600 * kHz;   // one hour at 10 Hz per series
    std::vector<RingSeries> series(kSeries, RingSeries(kCapacity));
    QWidget window;
    auto *grid = new QGridLayout(&window);
    QList<LiveChart *> charts;
    for (int c = 0; c < 5; ++c) {
        auto *chart = new LiveChart(QStringLiteral("chart %1").arg(c + 1), "time", "value");
        for (int s = 0; s < 4; ++s)
            chart->addLine(QStringLiteral("series %1").arg(c * 4 + s + 1), &series[size_t(c * 4 + s)], QColor::fromHsv((c * 4 + s) * 18, 200, 200));
        chart->setWindowMs(600000);   // the 10-minute window: the heaviest redraw
        charts << chart;
        grid->addWidget(chart, c / 2, c % 2);
    }
    window.resize(1600, 1000);
    window.show();

    const qint64 simStart = 1'800'000'000'000;
    qint64 simNow = simStart;
    QElapsedTimer real;
    real.start();
    const qint64 rssStart = vines::bench::statusKb(0, "VmRSS:");
    auto feedUntil = [&](qint64 t) {
        for (qint64 at = simNow - simNow % (1000 / kHz) + 1000 / kHz; at <= t; at += 1000 / kHz)
            for (int s = 0; s < kSeries; ++s)
                series[size_t(s)].append(at, 50 + 30 * std::sin(double(at) / 5000.0 + s) + (at / 100 % 37 == 0 ? 40 : 0));
        simNow = t;
    };
    QList<double> lateness;
    QElapsedTimer beat;
    beat.start();
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, [&]() {
        lateness << qMax<qint64>(0, beat.elapsed() - 5);
        beat.restart();
    });
    QTimer feeder;   // data arrives continuously
    QObject::connect(&feeder, &QTimer::timeout, [&]() { feedUntil(simStart + qint64(double(real.elapsed()) * speed)); });
    // Charts redraw as the dashboards do: one per 100 ms tick (wall time), each twice a second.
    ChartRotation rotation(charts, nullptr, [&]() { return simNow; });
    int redraws = 0;
    QList<double> redrawMs;
    QTimer redraw;
    QObject::connect(&redraw, &QTimer::timeout, [&]() {
        QElapsedTimer t;
        t.start();
        rotation.tick();
        redrawMs << double(t.nsecsElapsed()) / 1e6;
        ++redraws;
    });
    heartbeat.start(5);
    feeder.start(10);
    redraw.start(100);   // each of the 5 charts every 500 ms
    const qint64 simEnd = simStart + qint64(minutes) * 60000;
    while (simNow < simEnd)
        app.processEvents(QEventLoop::AllEvents, 5);
    heartbeat.stop();
    feeder.stop();
    redraw.stop();
    std::printf("dash-bench: %d series at %d Hz, %d min simulated in %.1f s real (%.0fx), %d chart redraws (each chart twice a second)\n", kSeries, kHz,
                minutes, real.elapsed() / 1000.0, speed, redraws);
    std::printf("ui       event-loop lateness (5 ms heartbeat): p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)\n", pct(lateness, 50),
                pct(lateness, 99), pct(lateness, 100), int(lateness.size()));
    std::printf("ui       one chart redraw (4 series, replace() each, 10-minute window): p50 %.1f ms, p99 %.1f ms\n", pct(redrawMs, 50), pct(redrawMs, 99));
    const qint64 rss10 = vines::bench::statusKb(0, "VmRSS:");
    feedUntil(simStart + 3600 * 1000);   // an hour of data
    for (LiveChart *c : std::as_const(charts)) {
        c->setWindowMs(3600000);
        c->refresh(simNow);
    }
    app.processEvents();
    const qint64 rss60 = vines::bench::statusKb(0, "VmRSS:");
    feedUntil(simStart + 3 * 3600 * 1000);   // and two hours more: the rings are full, nothing grows
    for (LiveChart *c : std::as_const(charts))
        c->refresh(simNow);
    app.processEvents();
    const qint64 rss180 = vines::bench::statusKb(0, "VmRSS:");
    std::printf("memory   ring buffers: %d series x %d points x %zu B = %.1f MiB, fixed\n", kSeries, kCapacity, RingSeries::bytesPerPoint(),
                double(kSeries) * kCapacity * double(RingSeries::bytesPerPoint()) / 1048576.0);
    std::printf("memory   RSS: %.1f MiB at start, %.1f MiB after %d min, %.1f MiB after 1 h, %.1f MiB after 3 h of simulated data\n",
                rssStart / 1024.0, rss10 / 1024.0, minutes, rss60 / 1024.0, rss180 / 1024.0);
    return 0;
}
