#pragma once
#include "CoalescedReload.h"
#include "catalog/Records.h"
#include <QAbstractTableModel>

namespace vines {

class PackageCatalog;

// The VNF catalog as a table: one row per onboarded package.
class PackageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Product, Version, Provider, Platform, Operational, Usage, Onboarded, ColumnCount };
    explicit PackageTableModel(PackageCatalog &catalog, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;
    PackageRecord record(int row) const { return m_rows.value(row); }
    int rowOf(const QString &id) const;
    void reload();
private:
    PackageCatalog &m_catalog;
    QList<PackageRecord> m_rows;
    CoalescedReload m_reload;
};

} // namespace vines
