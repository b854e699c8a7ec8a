#include "OperationsView.h"
#include "OperationTableModel.h"
#include "ProgressDelegate.h"
#include <QHeaderView>

namespace vines {

OperationsView::OperationsView(OperationStore &ops, InstanceStore &instances, QWidget *parent) : QTableView(parent)
{
    setObjectName("operationsTable");
    m_model = new OperationTableModel(ops, instances, this);
    setModel(m_model);
    setItemDelegateForColumn(OperationTableModel::Progress, new ProgressDelegate(OperationTableModel::ProgressRole, this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(OperationTableModel::Progress, 110);
    horizontalHeader()->resizeSection(OperationTableModel::Stage, 200);
    verticalHeader()->hide();
    setWordWrap(false);
}

} // namespace vines
