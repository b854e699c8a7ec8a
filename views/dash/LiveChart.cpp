#include "LiveChart.h"
#include "ColorScheme.h"
#include "monitor/RingSeries.h"
#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include "NiceScale.h"
#include <cmath>

namespace vines {

LiveChart::LiveChart(const QString &title, const QString &xTitle, const QString &yTitle, XAxis x, QWidget *parent)
    : QChartView(parent), m_x(x)
{
    auto *c = new QChart;
    c->setTheme(colorscheme::dark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);   // before the series: their colours stay
    c->setTitle(title);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    if (x == XAxis::Time) {
        auto *t = new QDateTimeAxis;
        t->setFormat("HH:mm:ss");
        t->setTickCount(6);
        m_xAxis = t;
    } else {
        auto *v = new QValueAxis;
        v->setLabelFormat("%.2f");
        m_xAxis = v;
    }
    m_xAxis->setTitleText(xTitle);
    m_yAxis = new QValueAxis;
    m_yAxis->setTitleText(yTitle);
    m_yAxis->setLabelFormat("%.3g");
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMinimumHeight(200);
}

void LiveChart::attach(QAbstractSeries *s)
{
    chart()->addSeries(s);
    s->attachAxis(m_xAxis);
    s->attachAxis(m_yAxis);
}

QLineSeries *LiveChart::addLine(const QString &name, const RingSeries *src, const QColor &c)
{
    return addLine(name, [this, src](qint64 from) { return src ? src->window(from, maxPoints()) : QList<QPointF>(); }, c);
}

QLineSeries *LiveChart::addLine(const QString &name, Provider p, const QColor &c)
{
    auto *s = new QLineSeries;
    s->setName(name);
    s->setPen(QPen(c, 1.8));
    s->setUseOpenGL(false);
    attach(s);
    const bool time = m_x == XAxis::Time;
    connect(s, &QLineSeries::hovered, this, [name, time](const QPointF &pt, bool on) {
        if (!on)
            return QToolTip::hideText();
        const QString x = time ? QDateTime::fromMSecsSinceEpoch(qint64(pt.x())).toString("HH:mm:ss") : QString::number(pt.x(), 'g', 4);
        QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2: %3").arg(name, x).arg(pt.y(), 0, 'g', 4));
    });
    m_lines << Line{s, std::move(p)};
    return s;
}

QAreaSeries *LiveChart::addBand(const QString &name, const RingSeries *upper, const RingSeries *lower, const QColor &c)
{
    auto *u = new QLineSeries(this);
    auto *l = new QLineSeries(this);
    auto *a = new QAreaSeries(u, l);
    a->setName(name);
    QColor fill = c;
    fill.setAlpha(60);
    a->setBrush(fill);
    a->setPen(Qt::NoPen);
    attach(a);
    m_bands << Band{a, u, l, upper, lower};
    return a;
}

QScatterSeries *LiveChart::addMarkers(const QString &name, Provider p, const QColor &c)
{
    auto *s = new QScatterSeries;
    s->setName(name);
    s->setColor(c);
    s->setMarkerSize(11);
    s->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    attach(s);
    connect(s, &QScatterSeries::hovered, this, [name](const QPointF &pt, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), QStringLiteral("%1 at %2").arg(name, QDateTime::fromMSecsSinceEpoch(qint64(pt.x())).toString("HH:mm:ss")));
    });
    m_markers << Markers{s, std::move(p)};
    return s;
}

void LiveChart::refresh(qint64 nowMs)
{
    if (m_paused || m_zoomed)
        return;
    const qint64 from = m_x == XAxis::Time ? nowMs - m_windowMs : 0;
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    double xlo = lo, xhi = hi;
    auto extend = [&](const QList<QPointF> &pts) {
        for (const QPointF &p : pts) {
            lo = qMin(lo, p.y()); hi = qMax(hi, p.y());
            xlo = qMin(xlo, p.x()); xhi = qMax(xhi, p.x());
        }
    };
    for (const Line &l : std::as_const(m_lines)) {
        const QList<QPointF> pts = l.provider(from);
        extend(pts);
        l.series->replace(pts);   // one batched update per series
    }
    for (const Band &b : std::as_const(m_bands)) {
        const QList<QPointF> up = b.up ? b.up->window(from, maxPoints()) : QList<QPointF>();
        const QList<QPointF> low = b.low ? b.low->window(from, maxPoints()) : QList<QPointF>();
        extend(up);
        b.upper->replace(up);
        b.lower->replace(low);
    }
    const double floor = (lo == std::numeric_limits<double>::max()) ? m_yFloor : qMin(lo, m_yFloor);
    for (const Markers &m : std::as_const(m_markers)) {
        QList<QPointF> pts = m.provider(from);
        for (QPointF &p : pts)
            p.setY(floor);
        m.series->replace(pts);
    }
    if (hi < lo) { lo = 0; hi = 1; }
    // Round ticks (1, 2, 2.5, 5 x 10^k) over whole-tick ranges; an idle series reads 0..1.
    const NiceScale y = m_fixedY ? NiceScale::of(m_fixedLo, m_fixedHi) : NiceScale::of(qMin(lo, m_yFloor), hi);
    applyScale(m_yAxis, m_fixedY ? m_fixedLo : y.min, m_fixedY ? m_fixedHi : y.max, y);
    if (m_x == XAxis::Time) {
        // Ticks on round times: the window ends at the next tick.
        // As many as fit: a time label needs about 80 pixels.
        const TimeTicks t = TimeTicks::of(m_windowMs, qBound(3, int(chart()->plotArea().width() / 80), 7));
        const qint64 end = t.alignedEnd(nowMs);
        auto *axis = static_cast<QDateTimeAxis *>(m_xAxis);
        if (axis->tickCount() != t.count)
            axis->setTickCount(t.count);
        if (axis->max().toMSecsSinceEpoch() != end)   // moves once per tick, not on every refresh
            axis->setRange(QDateTime::fromMSecsSinceEpoch(end - m_windowMs), QDateTime::fromMSecsSinceEpoch(end));
    } else if (xhi >= xlo) {
        const NiceScale x = NiceScale::of(qMin(0.0, xlo), xhi);
        applyScale(static_cast<QValueAxis *>(m_xAxis), x.min, x.max, x);
    }
}

// Axis changes relayout the chart: only what differs is set.
void LiveChart::applyScale(QValueAxis *axis, double min, double max, const NiceScale &s)
{
    if (axis->min() != min || axis->max() != max)
        axis->setRange(min, max);
    if (axis->tickType() != QValueAxis::TicksDynamic)
        axis->setTickType(QValueAxis::TicksDynamic);
    if (axis->tickAnchor() != s.min)
        axis->setTickAnchor(s.min);
    if (axis->tickInterval() != s.step)
        axis->setTickInterval(s.step);
    if (axis->labelFormat() != s.labelFormat())
        axis->setLabelFormat(s.labelFormat());
}

void LiveChart::clear()
{
    chart()->removeAllSeries();
    m_lines.clear();
    m_bands.clear();
    m_markers.clear();
}

// A min/max pair per two pixels of plot width is all a line can show; peaks survive.
int LiveChart::maxPoints() const
{
    return qMax(200, int(chart()->plotArea().width()));
}

int LiveChart::pointCount() const
{
    int n = 0;
    for (const Line &l : m_lines) n += int(l.series->count());
    for (const Band &b : m_bands) n += int(b.upper->count());
    return n;
}

void LiveChart::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() == Qt::RightButton) {
        chart()->zoomReset();
        m_zoomed = false;
        e->accept();
        return;
    }
    QChartView::mouseReleaseEvent(e);
    if (e->button() == Qt::LeftButton && chart()->isZoomed())
        m_zoomed = true;   // hold the zoomed view; right click goes back to live
}

bool LiveChart::savePng(const QString &path)
{
    return grab().save(path, "PNG");
}

bool LiveChart::saveSvg(const QString &path)
{
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(size());
    gen.setViewBox(rect());
    gen.setTitle(chart()->title());
    QPainter p;
    if (!p.begin(&gen))
        return false;
    render(&p);
    return p.end();
}

} // namespace vines
