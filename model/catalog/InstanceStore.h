#pragma once
// VNF instances as recorded by the VNFM.
#include "Records.h"
#include "util/Result.h"
#include <QHash>
#include <QList>
#include <QObject>

namespace vines {

class Database;

class InstanceStore : public QObject {
    Q_OBJECT
public:
    explicit InstanceStore(Database &db, QObject *parent = nullptr);

    Result<> insert(const InstanceRecord &r);
    // Everything but the public address (setPublicAddress: the NFVO's, while the VNFM may hold the record).
    Result<> update(const InstanceRecord &r);
    Result<> remove(const QString &id);
    // Writes only the public address column (the NFVO's, while the VNFM may hold the record).
    Result<> setPublicAddress(const QString &id, const QString &address);
    bool get(const QString &id, InstanceRecord *out) const;
    QList<InstanceRecord> list() const;
    // The same records without their configuration, deployment state and secret (left empty): what
    // tables and status polls read, a few times a second with hundreds of VNFs.
    QList<InstanceRecord> listSummaries() const;
    // Cheap views for labels and counters (no records parsed): id -> name; how many, how many started.
    QHash<QString, QString> names() const;
    struct Counts { int total = 0; int started = 0; };
    Counts counts() const;
    bool nameTaken(const QString &name) const;

Q_SIGNALS:
    void changed(const QString &id);

private:
    Database &m_db;
};

} // namespace vines
