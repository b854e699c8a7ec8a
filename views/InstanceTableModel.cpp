#include "InstanceTableModel.h"
#include "StateLabels.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "vim/Vim.h"
#include <QBrush>
#include <QColor>

namespace vines {

InstanceTableModel::InstanceTableModel(Vnfm &vnfm, QObject *parent)
    : RowSyncTableModel(parent), m_vnfm(vnfm), m_reload(this, [this]() { reload(); })
{
    connect(&vnfm.instances(), &InstanceStore::changed, this, [this]() { m_reload.request(); });
    connect(&vnfm.operations(), &OperationStore::changed, this, [this]() { m_reload.request(); });
    connect(&vnfm, &Vnfm::nfStatusChanged, this, [this](const QString &id) {
        const int row = rowOf(id);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, NfStatus), index(row, NfStatus));
    });
    reload();
}

void InstanceTableModel::reload()
{
    // Rows updated in place: only what changed is repainted, selections and sorting stay.
    m_packageNames = m_vnfm.packages().productNames();
    QHash<QString, QString> activity;
    const auto active = m_vnfm.operations().activeByInstance();
    for (auto it = active.begin(); it != active.end(); ++it)
        activity.insert(it.key(), QStringLiteral("%1 %2% — %3").arg(it->operation).arg(it->progress).arg(it->stage));
    const QHash<QString, QString> before = std::exchange(m_activity, activity);
    syncRows(m_rows, m_vnfm.instances().listSummaries(), [](const InstanceRecord &r) { return r.id; },
             [](const InstanceRecord &a, const InstanceRecord &b) {   // what the columns show
                 return a.name == b.name && a.packageId == b.packageId && a.instantiationState == b.instantiationState
                        && a.vnfState == b.vnfState && a.flavour == b.flavour && a.vimId == b.vimId && a.vimInstanceId == b.vimInstanceId
                        && a.mgmtAddress == b.mgmtAddress && a.publicAddress == b.publicAddress && a.updatedAt == b.updatedAt;
             });
    for (int row = 0; row < m_rows.size(); ++row)
        if (before.value(m_rows[row].id) != m_activity.value(m_rows[row].id))
            Q_EMIT dataChanged(index(row, Activity), index(row, Activity));
    Q_EMIT synced();
}

int InstanceTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return i;
    return -1;
}

int InstanceTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows.size(); }
int InstanceTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant InstanceTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const InstanceRecord &r = m_rows[index.row()];
    const vines::NfStatus nf = m_vnfm.nfStatus(r.id);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return r.name;
        case Package: return m_packageNames.value(r.packageId, r.packageId.left(8));
        case Instantiation: return label(r.instantiationState);
        case VnfState: return r.instantiated() ? label(r.vnfState) : QString();
        case NfStatus: {
            if (!nf.at.isValid())
                return QStringLiteral("…");   // nothing reported yet
            switch (nf.dataPath) {
            case vines::NfStatus::DataPath::Kernel: return tr("%1 · kernel").arg(label(nf.state));   // forwards in the kernel
            case vines::NfStatus::DataPath::Splice: return tr("%1 · relay").arg(label(nf.state));
            case vines::NfStatus::DataPath::None: break;
            }
            return label(nf.state);
        }
        case Flavour: {
            const vines::Flavour f = m_vnfm.vim().flavour(r.flavour);
            return QStringLiteral("%1 (%2 vCPU, %3 MB)").arg(r.flavour).arg(f.cpus).arg(f.memoryMb);
        }
        case Vim: return r.vimInstanceId.isEmpty() ? r.vimId : QStringLiteral("%1 / %2").arg(r.vimId, r.vimInstanceId);
        case Address: return r.publicAddress.isEmpty() ? r.mgmtAddress : QStringLiteral("%1 (public %2)").arg(r.mgmtAddress, r.publicAddress);
        case Activity: return m_activity.value(r.id);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == NfStatus) {
        QStringList tip;
        if (!nf.detail.isEmpty())
            tip << nf.detail;
        if (nf.dataPath == vines::NfStatus::DataPath::Kernel)
            tip << tr("Data path: the kernel forwards this VNF's traffic (nftables DNAT), no copy in the agent.");
        else if (nf.dataPath == vines::NfStatus::DataPath::Splice)
            tip << tr("Data path: a splice(2) relay in the agent.") + (nf.dataPathNote.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(nf.dataPathNote));
        if (!tip.isEmpty())
            return tip.join('\n');
    }
    if (role == Qt::ForegroundRole && index.column() == NfStatus) {
        if (nf.state == NfState::Running) return QBrush(QColor(20, 130, 50));
        if (nf.state == NfState::Failed || nf.state == NfState::Unreachable) return QBrush(QColor(190, 30, 30));
        if (nf.state == NfState::Stopped) return QBrush(QColor(170, 110, 0));
    }
    if (role == Qt::UserRole)
        return r.id;
    return {};
}

QVariant InstanceTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    static const char *names[] = {QT_TR_NOOP("Name"), QT_TR_NOOP("Package"), QT_TR_NOOP("Instantiation"), QT_TR_NOOP("VNF state"), QT_TR_NOOP("NF status"), QT_TR_NOOP("Flavour"), QT_TR_NOOP("VIM / instance"), QT_TR_NOOP("Management address"), QT_TR_NOOP("Operation")};
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[section]);
    return {};
}

} // namespace vines
