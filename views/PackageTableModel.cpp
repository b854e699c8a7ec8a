#include "PackageTableModel.h"
#include "StateLabels.h"
#include "catalog/PackageCatalog.h"
#include <QBrush>
#include <QColor>

namespace vines {

PackageTableModel::PackageTableModel(PackageCatalog &catalog, QObject *parent)
    : QAbstractTableModel(parent), m_catalog(catalog), m_reload(this, [this]() { reload(); })
{
    connect(&catalog, &PackageCatalog::changed, this, [this]() { m_reload.request(); });
    reload();
}

void PackageTableModel::reload()
{
    beginResetModel();
    m_rows = m_catalog.list();
    endResetModel();
}

int PackageTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return i;
    return -1;
}

int PackageTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows.size(); }
int PackageTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PackageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PackageRecord &r = m_rows[index.row()];
    const VnfDescriptor &d = r.package.vnfd;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Product: return d.productName;
        case Version: return QStringLiteral("%1 (sw %2)").arg(d.descriptorVersion, d.softwareVersion);
        case Provider: return d.provider;
        case Platform: return d.exp.nfType.isEmpty() ? d.exp.platform : QStringLiteral("%1 / %2").arg(d.exp.platform, d.exp.nfType);
        case Operational: return label(r.operationalState);
        case Usage: return label(r.usageState);
        case Onboarded: return r.createdAt.toLocalTime().toString("yyyy-MM-dd HH:mm");
        }
    }
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1\ndescriptor %2\n%3").arg(d.productName, d.descriptorId, r.filePath);
    if (role == Qt::ForegroundRole && index.column() == Operational && r.operationalState == OperationalState::Disabled)
        return QBrush(QColor(150, 150, 150));
    if (role == Qt::UserRole)
        return r.id;
    return {};
}

QVariant PackageTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    static const char *names[] = {QT_TR_NOOP("Product"), QT_TR_NOOP("Version"), QT_TR_NOOP("Provider"), QT_TR_NOOP("VNF-ExP"), QT_TR_NOOP("Operational"), QT_TR_NOOP("Usage"), QT_TR_NOOP("Onboarded")};
    if (o == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[section]);
    return {};
}

} // namespace vines
