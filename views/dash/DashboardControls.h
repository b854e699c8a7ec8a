#pragma once
// The row of controls every dashboard shares: time window (1 min, 10 min, 1 h), pause, and
// export of the charts (PNG, SVG) and of the series (CSV).
#include <QWidget>

class QHBoxLayout;

namespace vines {

class LiveChart;

class DashboardControls : public QWidget {
    Q_OBJECT
public:
    explicit DashboardControls(QWidget *parent = nullptr);
    void insertWidget(int index, QWidget *w);
    void addWidget(QWidget *w, int stretch = 0);
    // Writes every chart (kind "png" or "svg") or the CSV ("csv") into a directory the user
    // picks, or into exportDir() when set. Returns the files written.
    QStringList exportCharts(const QString &kind, const QList<LiveChart *> &charts, const QByteArray &csv, const QString &baseName);
    void setExportDir(const QString &dir) { m_exportDir = dir; }

Q_SIGNALS:
    void windowChanged(qint64 ms);
    void pausedChanged(bool paused);
    void exportRequested(const QString &kind);

private:
    QHBoxLayout *m_lay;
    QString m_exportDir;
};

} // namespace vines
