#include "OperationTableModel.h"
#include "StateLabels.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include <QBrush>
#include <QColor>

namespace vines {

OperationTableModel::OperationTableModel(OperationStore &ops, InstanceStore &instances, QObject *parent)
    : RowSyncTableModel(parent), m_ops(ops), m_instances(instances), m_reload(this, [this]() { reload(); })
{
    connect(&ops, &OperationStore::changed, this, [this]() { m_reload.request(); });
    connect(&instances, &InstanceStore::changed, this, [this]() { m_reload.request(); });
    reload();
}

void OperationTableModel::reload()
{
    QHash<QString, QString> names = m_instances.names();
    if (m_extraNames) {
        const QHash<QString, QString> extra = m_extraNames();
        for (auto it = extra.begin(); it != extra.end(); ++it)
            names.insert(it.key(), it.value());
    }
    const bool renamed = names != m_names;
    m_names = names;
    // Rows updated in place (newest first: new ones come in at the top, the oldest leave at 300).
    syncRows(m_rows, m_ops.list(300), [](const OperationRecord &r) { return r.id; }, [](const OperationRecord &a, const OperationRecord &b) {
        return a.state == b.state && a.progress == b.progress && a.stage == b.stage && a.error == b.error
               && a.stateEnteredTime == b.stateEnteredTime && a.params == b.params;
    });
    if (renamed && !m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, Vnf), index(int(m_rows.size()) - 1, Vnf));
}

int OperationTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows.size(); }
int OperationTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OperationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const OperationRecord &r = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Operation: return r.operation;
        case Vnf: return m_names.value(r.instanceId, QStringLiteral("(deleted %1)").arg(r.instanceId.left(8)));
        case State: return label(r.state);
        case Progress: return QStringLiteral("%1%").arg(r.progress);
        case Stage: return r.stage;
        case Started: return r.startTime.toLocalTime().toString("HH:mm:ss.zzz");
        case Ended: return isFinal(r.state) ? r.stateEnteredTime.toLocalTime().toString("HH:mm:ss.zzz") : QString();
        case Error: return r.error;
        case RequestedBy: return r.params.value("requestedBy").toString(tr("console"));   // "api:<token>" for the northbound API
        }
    }
    if (role == ProgressRole)
        return r.progress;
    if (role == Qt::ToolTipRole && !r.error.isEmpty())
        return r.error;
    if (role == Qt::ForegroundRole && index.column() == State) {
        if (r.state == OpState::Completed) return QBrush(QColor(20, 130, 50));
        if (r.state == OpState::Failed || r.state == OpState::FailedTemp) return QBrush(QColor(190, 30, 30));
        if (r.state == OpState::RolledBack || r.state == OpState::RollingBack) return QBrush(QColor(170, 110, 0));
    }
    return {};
}

QVariant OperationTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    static const char *names[] = {QT_TR_NOOP("Operation"), QT_TR_NOOP("VNF"), QT_TR_NOOP("State"), QT_TR_NOOP("Progress"), QT_TR_NOOP("Step"), QT_TR_NOOP("Started"), QT_TR_NOOP("Ended"), QT_TR_NOOP("By"), QT_TR_NOOP("Error")};
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[section]);
    return {};
}

} // namespace vines
