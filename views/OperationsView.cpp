#include "OperationsView.h"
#include "OperationTableModel.h"
#include "ProgressDelegate.h"
#include "lifecycle/Vnfm.h"
#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>

namespace vines {

OperationsView::OperationsView(OperationStore &ops, InstanceStore &instances, Vnfm &vnfm, QWidget *parent)
    : QTableView(parent), m_vnfm(vnfm)
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
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &OperationsView::showMenu);
}

void OperationsView::showMenu(const QPoint &at)
{
    QModelIndex index = indexAt(at);
    if (auto *proxy = qobject_cast<QAbstractProxyModel *>(model()))
        index = proxy->mapToSource(index);
    if (!index.isValid())
        return;
    const OperationRecord op = m_model->record(index.row());
    if (op.state != OpState::FailedTemp)
        return;
    QMenu menu(this);
    using Decision = Result<> (Vnfm::*)(const QString &);
    const QList<std::pair<QString, Decision>> decisions{{tr("Retry the failed step"), &Vnfm::retryOperation},
                                                       {tr("Roll back"), &Vnfm::rollbackOperation},
                                                       {tr("Fail (leave it as it is)"), &Vnfm::failOperation}};
    for (const auto &[label, decide] : decisions)
        menu.addAction(label, this, [this, id = op.id, decide = decide]() {
            if (const Result<> decided = (m_vnfm.*decide)(id); !decided)
                QMessageBox::warning(this, tr("Operation"), decided.errorMessage());
        });
    menu.exec(viewport()->mapToGlobal(at));
}

} // namespace vines
