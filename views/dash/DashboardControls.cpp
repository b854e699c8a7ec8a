#include "DashboardControls.h"
#include "LiveChart.h"
#include <QCheckBox>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>

namespace vines {

DashboardControls::DashboardControls(QWidget *parent) : QWidget(parent)
{
    setObjectName("dashboardControls");
    m_lay = new QHBoxLayout(this);
    m_lay->setContentsMargins(0, 0, 0, 0);
    auto *window = new QComboBox(this);
    window->setObjectName("window");
    window->addItem(tr("last minute"), qint64(60000));
    window->addItem(tr("last 10 minutes"), qint64(600000));
    window->addItem(tr("last hour"), qint64(3600000));
    auto *pause = new QCheckBox(tr("Pause"), this);
    pause->setObjectName("pause");
    pause->setToolTip(tr("Freeze the charts; data keeps being collected. Drag on a chart to zoom, right click to go back to live."));
    m_lay->addWidget(window);
    m_lay->addWidget(pause);
    for (const char *kind : {"png", "svg", "csv"}) {
        auto *b = new QPushButton(tr("Export %1…").arg(QString::fromLatin1(kind).toUpper()), this);
        b->setObjectName(QStringLiteral("export-%1").arg(QLatin1String(kind)));
        connect(b, &QPushButton::clicked, this, [this, kind]() { Q_EMIT exportRequested(QLatin1String(kind)); });
        m_lay->addWidget(b);
    }
    connect(window, &QComboBox::currentIndexChanged, this, [this, window]() { Q_EMIT windowChanged(window->currentData().toLongLong()); });
    connect(pause, &QCheckBox::toggled, this, &DashboardControls::pausedChanged);
}

void DashboardControls::insertWidget(int index, QWidget *w) { m_lay->insertWidget(index, w); }
void DashboardControls::addWidget(QWidget *w, int stretch) { m_lay->addWidget(w, stretch); }

QStringList DashboardControls::exportCharts(const QString &kind, const QList<LiveChart *> &charts, const QByteArray &csv, const QString &baseName)
{
    QString dir = m_exportDir;
    if (dir.isEmpty())
        dir = QFileDialog::getExistingDirectory(this, tr("Export to directory"));
    if (dir.isEmpty())
        return {};
    QStringList written;
    if (kind == QLatin1String("csv")) {
        const QString path = QDir(dir).filePath(baseName + ".csv");
        QSaveFile f(path);
        if (f.open(QIODevice::WriteOnly) && f.write(csv) == csv.size() && f.commit())
            written << path;
        return written;
    }
    for (int i = 0; i < charts.size(); ++i) {
        QString title = charts[i]->chart()->title().toLower();
        title.replace(QRegularExpression("[^a-z0-9]+"), "-");
        const QString path = QDir(dir).filePath(QStringLiteral("%1-%2-%3.%4").arg(baseName).arg(i + 1).arg(title.left(40), kind));
        if (kind == QLatin1String("svg") ? charts[i]->saveSvg(path) : charts[i]->savePng(path))
            written << path;
    }
    return written;
}

} // namespace vines
