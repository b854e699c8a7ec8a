#pragma once
// Lifecycle operation occurrences (ETSI "VNF LCM operation occurrence").
#include "Records.h"
#include <QHash>
#include <QList>
#include <QObject>

namespace vines {

class Database;

class OperationStore : public QObject {
    Q_OBJECT
public:
    explicit OperationStore(Database &db, QObject *parent = nullptr);

    bool insert(const OperationRecord &r, QString *error);
    bool setProgress(const QString &id, int progress, const QString &stage);
    bool setState(const QString &id, const QString &state, const QString &error = {});
    bool get(const QString &id, OperationRecord *out) const;
    QList<OperationRecord> list(int limit = 500) const;
    QList<OperationRecord> forInstance(const QString &instanceId) const;
    QString activeFor(const QString &instanceId) const;   // id of a non-final op, if any
    QHash<QString, OperationRecord> activeByInstance() const;   // all non-final ops, one query
    // Marks operations left PROCESSING by a previous run as FAILED; returns their ids.
    QStringList failInterrupted(const QString &reason);

Q_SIGNALS:
    void changed(const QString &id);

private:
    QList<OperationRecord> select(const QString &where, std::initializer_list<QVariant> binds) const;
    Database &m_db;
};

} // namespace vines
