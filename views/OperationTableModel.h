#pragma once
#include "CoalescedReload.h"
#include "catalog/Records.h"
#include "RowSync.h"
#include <QHash>
#include <functional>

namespace vines {

class OperationStore;
class InstanceStore;

// The operations log: lifecycle operation occurrences, newest first, with progress.
class OperationTableModel : public RowSyncTableModel {
    Q_OBJECT
public:
    enum Column { Operation, Vnf, State, Progress, Stage, Started, Ended, RequestedBy, Error, ColumnCount };
    static constexpr int ProgressRole = Qt::UserRole + 1;
    OperationTableModel(OperationStore &ops, InstanceStore &instances, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    OperationRecord record(int row) const { return m_rows.value(row); }
    void reload();
    // Names for operations on things other than VNF instances (e.g. network services).
    void setExtraNames(std::function<QHash<QString, QString>()> f) { m_extraNames = std::move(f); reload(); }
private:
    OperationStore &m_ops;
    InstanceStore &m_instances;
    QList<OperationRecord> m_rows;
    QHash<QString, QString> m_names;
    std::function<QHash<QString, QString>()> m_extraNames;
    CoalescedReload m_reload;
};

} // namespace vines
