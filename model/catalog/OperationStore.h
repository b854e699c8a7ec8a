#pragma once
// Lifecycle operation occurrences (ETSI "VNF LCM operation occurrence").
#include "Records.h"
#include "util/Result.h"
#include <QHash>
#include <QList>
#include <QObject>

namespace vines {

class Database;

class OperationStore : public QObject {
    Q_OBJECT
public:
    explicit OperationStore(Database &db, QObject *parent = nullptr);

    Result<> insert(const OperationRecord &r);
    Result<> setProgress(const QString &id, int progress, const QString &stage);
    // The one place an occurrence's state is written (the lifecycle's runner calls it).
    Result<> setState(const QString &id, OpState state, const QString &error = {});
    // Appends a line to what the occurrence notes (params.notes): e.g. a late answer that was undone.
    Result<> addNote(const QString &id, const QString &note);
    bool get(const QString &id, OperationRecord *out) const;
    QList<OperationRecord> list(int limit = 500) const;
    QList<OperationRecord> forInstance(const QString &instanceId) const;
    QString activeFor(const QString &instanceId) const;   // id of a non-final op (FAILED_TEMP included), if any
    QHash<QString, OperationRecord> activeByInstance() const;   // all non-final ops, one query
    // Occurrences a previous run left unfinished (not final, FAILED_TEMP included).
    QList<OperationRecord> unfinished() const;

Q_SIGNALS:
    void changed(const QString &id);

private:
    QList<OperationRecord> select(const QString &where, std::initializer_list<QVariant> binds) const;
    Database &m_db;
};

} // namespace vines
