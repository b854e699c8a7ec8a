#include "AlarmStore.h"
#include "catalog/Database.h"
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace vines::ems {

QStringList severities() { return {"CRITICAL", "MAJOR", "MINOR", "WARNING", "INDETERMINATE"}; }

namespace {
QString ts(const QDateTime &t) { return t.isValid() ? t.toString(Qt::ISODateWithMs) : QString(); }
QDateTime parse(const QVariant &v) { return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs); }
const char *Columns = "id, vnf_id, alarm_type, severity, state, ack_state, raised_at, changed_at, cleared_at, ack_at, ack_by,"
                      " description, details_json";
Alarm fromRow(const QSqlQuery &q)
{
    Alarm a;
    a.id = q.value(0).toString();
    a.vnfId = q.value(1).toString();
    a.type = q.value(2).toString();
    a.severity = q.value(3).toString();
    a.state = q.value(4).toString();
    a.ackState = q.value(5).toString();
    a.raisedAt = parse(q.value(6));
    a.changedAt = parse(q.value(7));
    a.clearedAt = parse(q.value(8));
    a.ackAt = parse(q.value(9));
    a.ackBy = q.value(10).toString();
    a.description = q.value(11).toString();
    a.details = QJsonDocument::fromJson(q.value(12).toByteArray()).object();
    return a;
}
} // namespace

QJsonObject Alarm::toJson() const
{
    QJsonObject o{{"id", id}, {"managedObjectId", vnfId}, {"alarmType", type}, {"perceivedSeverity", severity},
                  {"state", state}, {"ackState", ackState}, {"alarmRaisedTime", ts(raisedAt)},
                  {"alarmChangedTime", ts(changedAt)}, {"description", description}, {"details", details}};
    if (clearedAt.isValid()) o.insert("alarmClearedTime", ts(clearedAt));
    if (ackAt.isValid()) { o.insert("alarmAcknowledgedTime", ts(ackAt)); o.insert("acknowledgedBy", ackBy); }
    return o;
}

AlarmStore::AlarmStore(Database &db, QObject *parent) : QObject(parent), m_db(db) {}

bool AlarmStore::activeAlarm(const QString &vnfId, const QString &type, Alarm *out) const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM alarms WHERE vnf_id = ? AND alarm_type = ? AND state = 'ACTIVE'").arg(QLatin1String(Columns)),
                             {vnfId, type});
    if (!q.next())
        return false;
    *out = fromRow(q);
    return true;
}

Alarm AlarmStore::raise(const QString &vnfId, const QString &type, const QString &severity, const QString &description,
                        const QJsonObject &details)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Alarm a;
    if (activeAlarm(vnfId, type, &a)) {
        if (a.severity == severity && a.description == description)
            return a;
        a.severity = severity;
        a.description = description;
        a.details = details;
        a.changedAt = now;
        m_db.exec("UPDATE alarms SET severity = ?, description = ?, details_json = ?, changed_at = ? WHERE id = ?",
                  {severity, description, QJsonDocument(details).toJson(QJsonDocument::Compact), ts(now), a.id});
        Q_EMIT alarmRaised(a, false);
        return a;
    }
    a = Alarm{};
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.vnfId = vnfId;
    a.type = type;
    a.severity = severity;
    a.state = "ACTIVE";
    a.ackState = "UNACKNOWLEDGED";
    a.raisedAt = a.changedAt = now;
    a.description = description;
    a.details = details;
    m_db.exec(QStringLiteral("INSERT INTO alarms (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(Columns)),
              {a.id, vnfId, type, severity, a.state, a.ackState, ts(now), ts(now), QVariant(), QVariant(), QVariant(),
               description, QJsonDocument(details).toJson(QJsonDocument::Compact)});
    Q_EMIT alarmRaised(a, true);
    return a;
}

bool AlarmStore::clear(const QString &vnfId, const QString &type, const QString &reason)
{
    Alarm a;
    if (!activeAlarm(vnfId, type, &a))
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    a.state = "CLEARED";
    a.clearedAt = a.changedAt = now;
    a.details.insert("clearedReason", reason);
    m_db.exec("UPDATE alarms SET state = 'CLEARED', cleared_at = ?, changed_at = ?, details_json = ? WHERE id = ?",
              {ts(now), ts(now), QJsonDocument(a.details).toJson(QJsonDocument::Compact), a.id});
    Q_EMIT alarmCleared(a);
    return true;
}

void AlarmStore::clearAll(const QString &vnfId, const QString &reason)
{
    for (const Alarm &a : list("ACTIVE", vnfId))
        clear(vnfId, a.type, reason);
}

Result<Alarm> AlarmStore::acknowledge(const QString &id, const QString &by)
{
    Alarm a;
    if (!find(id, &a))
        return Error::notFound(QStringLiteral("no alarm %1").arg(id));
    if (a.ackState == QLatin1String("ACKNOWLEDGED"))
        return a;
    a.ackState = "ACKNOWLEDGED";
    a.ackAt = QDateTime::currentDateTimeUtc();
    a.ackBy = by;
    if (Result<> w = m_db.exec("UPDATE alarms SET ack_state = 'ACKNOWLEDGED', ack_at = ?, ack_by = ? WHERE id = ?", {ts(a.ackAt), by, id}); !w)
        return w.error();
    return a;
}

bool AlarmStore::find(const QString &id, Alarm *out) const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM alarms WHERE id = ?").arg(QLatin1String(Columns)), {id});
    if (!q.next())
        return false;
    *out = fromRow(q);
    return true;
}

QList<Alarm> AlarmStore::list(const QString &state, const QString &vnfId, int limit) const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM alarms WHERE (? = '' OR state = ?) AND (? = '' OR vnf_id = ?)"
                                            " ORDER BY raised_at DESC LIMIT ?").arg(QLatin1String(Columns)),
                             {state.isNull() ? QString("") : state, state.isNull() ? QString("") : state,
                              vnfId.isNull() ? QString("") : vnfId, vnfId.isNull() ? QString("") : vnfId, limit});
    QList<Alarm> out;
    while (q.next())
        out << fromRow(q);
    return out;
}

QHash<QString, int> AlarmStore::activeCountByVnf() const
{
    QHash<QString, int> out;
    QSqlQuery q = m_db.query("SELECT vnf_id, COUNT(*) FROM alarms WHERE state = 'ACTIVE' GROUP BY vnf_id");
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

int AlarmStore::activeCount() const
{
    QSqlQuery q = m_db.query("SELECT COUNT(*) FROM alarms WHERE state = 'ACTIVE'");
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace vines::ems
