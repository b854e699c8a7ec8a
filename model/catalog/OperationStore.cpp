#include "OperationStore.h"
#include "Database.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace vines {

OperationStore::OperationStore(Database &db, QObject *parent) : QObject(parent), m_db(db) {}

namespace {
// Not final: what holds its instance (one operation at a time), FAILED_TEMP included.
const QString kUnfinished = QStringLiteral("state IN ('STARTING','PROCESSING','ROLLING_BACK','FAILED_TEMP')");
QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
} // namespace

Result<> OperationStore::insert(const OperationRecord &r)
{
    const QString now = isoNow();
    if (Result<> w = m_db.exec("INSERT INTO lcm_op_occs (id, instance_id, operation, state, progress, stage, start_time,"
                               " state_entered_time, error, params_json) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               {r.id, r.instanceId, r.operation, text(r.state), r.progress, r.stage, now, now, r.error, compact(r.params)});
        !w)
        return w;
    Q_EMIT changed(r.id);
    return {};
}

Result<> OperationStore::setProgress(const QString &id, int progress, const QString &stage)
{
    if (Result<> w = m_db.exec("UPDATE lcm_op_occs SET progress = ?, stage = ? WHERE id = ?", {progress, stage, id}); !w)
        return w;
    Q_EMIT changed(id);
    return {};
}

Result<> OperationStore::setState(const QString &id, OpState state, const QString &error)
{
    const Result<> w = error.isEmpty()
        ? m_db.exec("UPDATE lcm_op_occs SET state = ?, state_entered_time = ? WHERE id = ?", {text(state), isoNow(), id})
        : m_db.exec("UPDATE lcm_op_occs SET state = ?, state_entered_time = ?, error = ? WHERE id = ?", {text(state), isoNow(), error, id});
    if (w)
        Q_EMIT changed(id);
    return w;
}

Result<> OperationStore::addNote(const QString &id, const QString &note)
{
    OperationRecord r;
    if (!get(id, &r))
        return Error::notFound(QStringLiteral("no operation occurrence %1").arg(id));
    QJsonArray notes = r.params.value("notes").toArray();
    notes.append(note);
    r.params.insert("notes", notes);
    if (Result<> w = m_db.exec("UPDATE lcm_op_occs SET params_json = ? WHERE id = ?", {compact(r.params), id}); !w)
        return w;
    Q_EMIT changed(id);
    return {};
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
        r.state = fromText(q.value(3).toString(), OpState::Failed);
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
    QSqlQuery q = m_db.query("SELECT id FROM lcm_op_occs WHERE instance_id = ? AND " + kUnfinished, {instanceId});
    return q.next() ? q.value(0).toString() : QString();
}

QHash<QString, OperationRecord> OperationStore::activeByInstance() const
{
    QHash<QString, OperationRecord> out;
    for (const OperationRecord &r : select("WHERE " + kUnfinished, {}))
        out.insert(r.instanceId, r);
    return out;
}

QList<OperationRecord> OperationStore::unfinished() const { return select("WHERE " + kUnfinished + " ORDER BY start_time", {}); }

} // namespace vines
