#include "AlarmsView.h"
#include "TableFilter.h"
#include "AlarmTableModel.h"
#include <QAction>
#include <QCheckBox>
#include <QMenu>
#include "catalog/InstanceStore.h"
#include <QHeaderView>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace vines {

AlarmsView::AlarmsView(EmsLink &ems, InstanceStore &instances, ServiceAlarms *services, QWidget *parent)
    : QWidget(parent), m_ems(ems), m_instances(instances)
{
    m_model = new AlarmTableModel(ems, instances, services, this);
    m_table = new QTableView(this);
    m_table->setObjectName("alarmTable");
    m_filter = new TableFilter(m_table, m_model, this, tr("Filter alarms (Ctrl+F)…"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    m_ack = bar->addAction(tr("Acknowledge"));
    m_ack->setObjectName("acknowledgeAlarm");
    m_ack->setToolTip(tr("Mark the selected alarm as seen by an operator"));
    m_goTo = bar->addAction(tr("Go to VNF"));
    m_goTo->setObjectName("alarmGoToVnf");
    m_goTo->setToolTip(tr("Select the alarm's VNF in the VNFs tab (or double-click the alarm)"));
    m_dashboard = bar->addAction(tr("Dashboard"));
    m_dashboard->setObjectName("alarmDashboard");
    m_dashboard->setToolTip(tr("Open the live dashboard of the alarm's VNF"));
    m_heal = bar->addAction(tr("Heal VNF"));
    m_heal->setObjectName("alarmHeal");
    m_heal->setToolTip(tr("Heal the alarm's VNF (rebuilds its platform)"));
    m_activeOnly = new QCheckBox(tr("Active only"), this);
    m_activeOnly->setObjectName("activeOnly");
    bar->addSeparator();
    bar->addWidget(m_activeOnly);

    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(bar);
    lay->addWidget(m_filter->edit());
    lay->addWidget(m_table);

    connect(m_activeOnly, &QCheckBox::toggled, m_model, &AlarmTableModel::setActiveOnly);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlarmsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        m_table->resizeColumnsToContents();
        updateActions();
    });
    connect(m_ack, &QAction::triggered, this, [this]() {
        const int row = m_filter->selectedSourceRow();
        if (row < 0)
            return;
        const AlarmInfo a = m_model->alarm(row);
        m_ack->setEnabled(false);
        m_ems.acknowledge(a.id, [this](const Result<> &acked) {
            if (!acked)
                Q_EMIT message(tr("Could not acknowledge the alarm: %1").arg(acked.errorMessage()), true);
            updateActions();
        });
    });
    connect(m_goTo, &QAction::triggered, this, [this]() { Q_EMIT showVnf(selectedVnf()); });
    connect(m_dashboard, &QAction::triggered, this, [this]() { Q_EMIT openVnfDashboard(selectedVnf()); });
    connect(m_heal, &QAction::triggered, this, [this]() { Q_EMIT healVnf(selectedVnf()); });
    connect(m_table, &QTableView::doubleClicked, this, [this]() {
        if (m_goTo->isEnabled())
            m_goTo->trigger();
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex i = m_table->indexAt(at);
        if (!i.isValid())
            return;
        m_table->selectRow(i.row());
        QMenu menu(this);
        menu.addActions({m_goTo, m_dashboard, m_heal});
        menu.addSeparator();
        menu.addAction(m_ack);
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });
    m_table->resizeColumnsToContents();
    updateActions();
}

QString AlarmsView::selectedVnf() const
{
    const int row = m_filter->selectedSourceRow();
    return row < 0 ? QString() : m_model->alarm(row).vnfId;
}

void AlarmsView::updateActions()
{
    const int row = m_filter->selectedSourceRow();
    // Service alarms come and go with the service's health; the EMS's VNF alarms are acknowledged.
    m_ack->setEnabled(row >= 0 && !m_model->isServiceAlarm(row) && m_model->alarm(row).ackState != QLatin1String("ACKNOWLEDGED"));
    // The VNF actions need a VNF the console still knows.
    InstanceRecord r;
    const QString vnf = selectedVnf();
    const bool known = !vnf.isEmpty() && m_instances.get(vnf, &r);
    for (QAction *a : {m_goTo, m_heal})
        a->setEnabled(known);
    m_dashboard->setEnabled(known && r.instantiated());
}

} // namespace vines
