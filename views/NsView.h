#pragma once
#include "CoalescedReload.h"
#include <QSet>
#include <memory>
// Network services: the NS catalog (imported or designed NSDs/VNFFGDs) and the NS instances,
// with their lifecycle buttons, and chain measurements (latency probes and bulk throughput,
// against a direct connection to the last VNF) exportable as CSV.
#include "CoalescedReload.h"
#include "ConsoleServices.h"
#include "nfvo/ChainMeter.h"
#include <QWidget>

class QTreeWidget;
class QProgressBar;
class QAction;
class QTableWidget;
class QLineEdit;

namespace vines {

class ChainMeasurementJob;

class NsView : public QWidget {
    Q_OBJECT
public:
    explicit NsView(ConsoleServices services, QWidget *parent = nullptr);
    QTreeWidget *descriptors() const { return m_nsds; }
    QTreeWidget *instances() const { return m_nss; }
    QLineEdit *filter() const { return m_filter; }
    QTableWidget *results() const { return m_results; }
    QAction *action(const QString &name) const;
    QString selectedNsd() const;
    QString selectedNs() const;
    QList<ChainMeasurement> lastMeasurement() const { return m_last; }
    void reload();

Q_SIGNALS:
    void message(const QString &text, bool error);
    void openInDesigner(const QString &nsdId);

private:
    QStringList vnfNames(const QStringList &ids) const;
    void updateActions();
    void applyFilter();   // every typed word must match some column of a row (or of its members)
    void measure();
    ConsoleServices m_s;
    QTreeWidget *m_nsds;
    QTreeWidget *m_nss;
    QTableWidget *m_results;
    QLineEdit *m_filter;
    QSet<QString> m_collapsed;   // network services whose member rows the operator folded
    QProgressBar *m_progress;
    QHash<QString, QAction *> m_actions;
    ChainMeasurementJob *m_job = nullptr;
    QList<ChainMeasurement> m_last;
    QSet<QString> m_started;
    std::unique_ptr<CoalescedReload> m_healthReload;   // NFVO operations started from this view, whose failures it reports
    CoalescedReload m_reload{this, [this]() { reload(); }, 150};
};

} // namespace vines
