#pragma once
// VNF instances as recorded by the VNFM.
#include "Records.h"
#include <QHash>
#include <QList>
#include <QObject>

namespace vines {

class Database;

class InstanceStore : public QObject {
    Q_OBJECT
public:
    explicit InstanceStore(Database &db, QObject *parent = nullptr);

    bool insert(const InstanceRecord &r, QString *error);
    bool update(const InstanceRecord &r, QString *error = nullptr);
    bool remove(const QString &id, QString *error);
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
