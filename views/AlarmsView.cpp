#include "AlarmsView.h"
#include "AlarmTableModel.h"
#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace vines {

AlarmsView::AlarmsView(EmsLink &ems, InstanceStore &instances, QWidget *parent) : QWidget(parent), m_ems(ems)
{
    m_model = new AlarmTableModel(ems, instances, this);
    m_table = new QTableView(this);
    m_table->setObjectName("alarmTable");
    m_table->setModel(m_model);
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
    m_activeOnly = new QCheckBox(tr("Active only"), this);
    m_activeOnly->setObjectName("activeOnly");
    bar->addSeparator();
    bar->addWidget(m_activeOnly);

    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(bar);
    lay->addWidget(m_table);

    connect(m_activeOnly, &QCheckBox::toggled, m_model, &AlarmTableModel::setActiveOnly);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AlarmsView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        m_table->resizeColumnsToContents();
        updateActions();
    });
    connect(m_ack, &QAction::triggered, this, [this]() {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const AlarmInfo a = m_model->alarm(rows.first().row());
        m_ack->setEnabled(false);
        m_ems.acknowledge(a.id, [this](bool ok, const QString &error) {
            if (!ok)
                Q_EMIT message(tr("Could not acknowledge the alarm: %1").arg(error), true);
            updateActions();
        });
    });
    m_table->resizeColumnsToContents();
    updateActions();
}

void AlarmsView::updateActions()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_ack->setEnabled(!rows.isEmpty() && m_model->alarm(rows.first().row()).ackState != QLatin1String("ACKNOWLEDGED"));
}

} // namespace vines
