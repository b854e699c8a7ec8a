#include "OperationStore.h"
#include "Database.h"
#include <QJsonDocument>
#include <QSqlQuery>

namespace vines {

OperationStore::OperationStore(Database &db, QObject *parent) : QObject(parent), m_db(db) {}

bool OperationStore::insert(const OperationRecord &r, QString *error)
{
    const QString now = isoNow();
    if (!m_db.exec("INSERT INTO lcm_op_occs (id, instance_id, operation, state, progress, stage, start_time,"
                   " state_entered_time, error, params_json) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   {r.id, r.instanceId, r.operation, r.state, r.progress, r.stage, now, now, r.error,
                    QString::fromUtf8(QJsonDocument(r.params).toJson(QJsonDocument::Compact))}, error))
        return false;
    Q_EMIT changed(r.id);
    return true;
}

bool OperationStore::setProgress(const QString &id, int progress, const QString &stage)
{
    if (!m_db.exec("UPDATE lcm_op_occs SET progress = ?, stage = ? WHERE id = ?", {progress, stage, id}))
        return false;
    Q_EMIT changed(id);
    return true;
}

bool OperationStore::setState(const QString &id, const QString &state, const QString &error)
{
    const bool ok = error.isEmpty()
        ? m_db.exec("UPDATE lcm_op_occs SET state = ?, state_entered_time = ? WHERE id = ?", {state, isoNow(), id})
        : m_db.exec("UPDATE lcm_op_occs SET state = ?, state_entered_time = ?, error = ? WHERE id = ?", {state, isoNow(), error, id});
    if (ok)
        Q_EMIT changed(id);
    return ok;
}

QList<OperationRecord> OperationStore::select(const QString &where, std::initializer_list<QVariant> binds) const
{
    QList<OperationRecord> out;
    QSqlQuery q = m_db.query("SELECT id, instance_id, operation, state, progress, stage, start_time, state_entered_time,"
                             " error, params_json FROM lcm_op_occs " + where, binds);
    while (q.next()) {
        OperationRecord r;
        r.id = q.value(0).toString();
        r.instanceId = q.value(1).toString();
        r.operation = q.value(2).toString();
        r.state = q.value(3).toString();
        r.progress = q.value(4).toInt();
        r.stage = q.value(5).toString();
        r.startTime = fromIso(q.value(6).toString());
        r.stateEnteredTime = fromIso(q.value(7).toString());
        r.error = q.value(8).toString();
        r.params = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
        out.append(r);
    }
    return out;
}

bool OperationStore::get(const QString &id, OperationRecord *out) const
{
    const auto l = select("WHERE id = ?", {id});
    if (l.isEmpty())
        return false;
    *out = l.first();
    return true;
}

QList<OperationRecord> OperationStore::list(int limit) const
{
    return select(QStringLiteral("ORDER BY start_time DESC LIMIT %1").arg(limit), {});
}

QList<OperationRecord> OperationStore::forInstance(const QString &instanceId) const
{
    return select("WHERE instance_id = ? ORDER BY start_time", {instanceId});
}

QString OperationStore::activeFor(const QString &instanceId) const
{
    QSqlQuery q = m_db.query("SELECT id FROM lcm_op_occs WHERE instance_id = ? AND state IN ('PROCESSING','ROLLING_BACK')", {instanceId});
    return q.next() ? q.value(0).toString() : QString();
}

QHash<QString, OperationRecord> OperationStore::activeByInstance() const
{
    QHash<QString, OperationRecord> out;
    for (const OperationRecord &r : select("WHERE state IN ('PROCESSING','ROLLING_BACK')", {}))
        out.insert(r.instanceId, r);
    return out;
}

QStringList OperationStore::failInterrupted(const QString &reason)
{
    QStringList ids;
    QSqlQuery q = m_db.query("SELECT id FROM lcm_op_occs WHERE state IN ('PROCESSING','ROLLING_BACK')");
    while (q.next())
        ids << q.value(0).toString();
    for (const QString &id : std::as_const(ids))
        setState(id, OpState::Failed, reason);
    return ids;
}

} // namespace vines
