#pragma once
#include <QWidget>

class QTableView;
class QCheckBox;
class QAction;

namespace vines {

class EmsLink;
class InstanceStore;
class ServiceAlarms;
class AlarmTableModel;
class TableFilter;

// The fault view: alarms the EMS raised, with acknowledgement, an active-only filter, and the
// way from an alarm to its VNF: show it, open its dashboard, heal it.
class AlarmsView : public QWidget {
    Q_OBJECT
public:
    AlarmsView(EmsLink &ems, InstanceStore &instances, ServiceAlarms *services = nullptr, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    AlarmTableModel *model() const { return m_model; }
    QAction *acknowledgeAction() const { return m_ack; }
    // From alarm to action: on the selected alarm's VNF (context menu, double-click = go to VNF).
    QAction *goToVnfAction() const { return m_goTo; }
    QAction *dashboardAction() const { return m_dashboard; }
    QAction *healAction() const { return m_heal; }

Q_SIGNALS:
    void message(const QString &text, bool error);
    void showVnf(const QString &vnfInstanceId);
    void openVnfDashboard(const QString &vnfInstanceId);
    void healVnf(const QString &vnfInstanceId);

private:
    void updateActions();
    QString selectedVnf() const;
    EmsLink &m_ems;
    InstanceStore &m_instances;
    AlarmTableModel *m_model;
    QTableView *m_table;
    TableFilter *m_filter;
    QCheckBox *m_activeOnly;
    QAction *m_ack;
    QAction *m_goTo, *m_dashboard, *m_heal;
};

} // namespace vines
