#pragma once
// The VNF Package catalog: onboarded packages, their stored archives and ETSI states.
// Onboarding is all-or-nothing: the archive is copied in under a temporary name, moved into
// place, then recorded in one transaction; files with no row are swept away on open.
#include "Records.h"
#include "util/Result.h"
#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlQuery>

namespace vines {

class Database;

class PackageCatalog : public QObject {
    Q_OBJECT
public:
    PackageCatalog(Database &db, const QString &storeDir, QObject *parent = nullptr);

    // Stores an already validated package read from sourcePath. Returns the new package id (a
    // Conflict for a duplicate descriptor_id + version). packageId: the id to record it under (a
    // package resource the northbound API created), else a new one.
    Result<QString> add(const QString &sourcePath, const VnfPackage &pkg, const QString &packageId = {});
    // Reads, validates and stores in one go on the calling thread.
    Result<QString> onboardFile(const QString &path);

    QList<PackageRecord> list() const;
    QHash<QString, QString> productNames() const;   // id -> product name, without parsing VNFDs
    bool get(const QString &id, PackageRecord *out) const;
    QString findByDescriptor(const QString &descriptorId, const QString &version) const;
    Result<> setOperationalState(const QString &id, OperationalState state);
    Result<> remove(const QString &id);
    void refreshUsage(const QString &id);
    int sweepOrphans();
    QString storeDir() const { return m_storeDir; }

Q_SIGNALS:
    void changed();

private:
    PackageRecord fromQuery(const QSqlQuery &q) const;
    Database &m_db;
    QString m_storeDir;
    mutable QHash<QString, VnfPackage> m_parsed;   // id -> parsed package (immutable once stored)
};

} // namespace vines
