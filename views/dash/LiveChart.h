#pragma once
// A chart fed from ring series: refresh() swaps each series' points in one replace() (no
// per-point signals), over a time window (1 min, 10 min, 1 h) ending now, decimated to a few
// thousand points. Pause keeps the picture while data keeps arriving; rubber-band zoom (right
// click resets); hovering a line shows its value; exports as PNG or SVG.
#include <QChartView>
#include <QColor>
#include <functional>

class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QAbstractAxis;
class QValueAxis;
class QDateTimeAxis;

namespace vines {

struct NiceScale;

class RingSeries;

class LiveChart : public QChartView {
    Q_OBJECT
public:
    enum class XAxis { Time, Value };
    using Provider = std::function<QList<QPointF>(qint64 fromMs)>;
    LiveChart(const QString &title, const QString &xTitle, const QString &yTitle, XAxis x = XAxis::Time, QWidget *parent = nullptr);

    QLineSeries *addLine(const QString &name, const RingSeries *src, const QColor &c);
    QLineSeries *addLine(const QString &name, Provider p, const QColor &c);
    QAreaSeries *addBand(const QString &name, const RingSeries *upper, const RingSeries *lower, const QColor &c);
    QScatterSeries *addMarkers(const QString &name, Provider p, const QColor &c);
    void setWindowMs(qint64 ms) { m_windowMs = ms; }
    qint64 windowMs() const { return m_windowMs; }
    void setPaused(bool p) { m_paused = p; }
    bool paused() const { return m_paused; }
    void refresh(qint64 nowMs);
    int pointCount() const;
    QValueAxis *yAxis() const { return m_yAxis; }                // points currently drawn, all series
    int maxPoints() const;                 // per series, from the plot width
    bool savePng(const QString &path);
    bool saveSvg(const QString &path);
    void setYFloor(double y) { m_yFloor = y; }
    void clear();                          // removes every series
    void setFixedY(double lo, double hi) { m_fixedY = true; m_fixedLo = lo; m_fixedHi = hi; }

protected:
    void mouseReleaseEvent(QMouseEvent *e) override;

private:
    struct Line { QLineSeries *series; Provider provider; };
    struct Band { QAreaSeries *area; QLineSeries *upper, *lower; const RingSeries *up, *low; };
    struct Markers { QScatterSeries *series; Provider provider; };
    void attach(QAbstractSeries *s);
    XAxis m_x;
    QAbstractAxis *m_xAxis;
    void applyScale(QValueAxis *axis, double min, double max, const NiceScale &s);
    QValueAxis *m_yAxis;
    QList<Line> m_lines;
    QList<Band> m_bands;
    QList<Markers> m_markers;
    qint64 m_windowMs = 60000;
    bool m_paused = false;
    bool m_zoomed = false;
    double m_yFloor = 0;
    bool m_fixedY = false;
    double m_fixedLo = 0, m_fixedHi = 1;
};

} // namespace vines
