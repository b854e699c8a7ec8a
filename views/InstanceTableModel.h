#pragma once
#include "CoalescedReload.h"
#include "catalog/Records.h"
#include "RowSync.h"
#include <QHash>

namespace vines {

class Vnfm;

// VNF instances with their lifecycle state, NF status (polled from the platform), VIM,
// addresses and the operation in progress.
class InstanceTableModel : public RowSyncTableModel {
    Q_OBJECT
public:
    enum Column { Name, Package, Instantiation, VnfState, NfStatus, Flavour, Vim, Address, Activity, ColumnCount };
    explicit InstanceTableModel(Vnfm &vnfm, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    InstanceRecord record(int row) const { return m_rows.value(row); }   // a summary: no config, deployment or secret
    int rowOf(const QString &id) const;
    void reload();

Q_SIGNALS:
    void synced();   // after every reload: rows updated in place (no reset)

private:
    Vnfm &m_vnfm;
    QList<InstanceRecord> m_rows;
    QHash<QString, QString> m_packageNames;
    QHash<QString, QString> m_activity;
    CoalescedReload m_reload;
};

} // namespace vines
