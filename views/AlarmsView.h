#pragma once
#include <QWidget>

class QTableView;
class QCheckBox;
class QAction;

namespace vines {

class EmsLink;
class InstanceStore;
class AlarmTableModel;

// The fault view: alarms the EMS raised, with acknowledgement and an active-only filter.
class AlarmsView : public QWidget {
    Q_OBJECT
public:
    AlarmsView(EmsLink &ems, InstanceStore &instances, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    AlarmTableModel *model() const { return m_model; }
    QAction *acknowledgeAction() const { return m_ack; }

Q_SIGNALS:
    void message(const QString &text, bool error);

private:
    void updateActions();
    EmsLink &m_ems;
    AlarmTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_activeOnly;
    QAction *m_ack;
};

} // namespace vines
