#pragma once
// Alarms raised by the fault monitor and by PM thresholds (ETSI SOL002 style: perceived
// severity, raised/changed/cleared times, acknowledgement), persisted so they survive restarts.
// One active alarm per (VNF, alarm type): raising again only updates its severity.
#include "util/Result.h"
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>

namespace vines {
class Database;
}

namespace vines::ems {

struct Alarm {
    QString id;
    QString vnfId;
    QString type;            // NF_DOWN, VNF_UNREACHABLE, THRESHOLD_CROSSED:<job>:<threshold>
    QString severity;        // CRITICAL, MAJOR, MINOR, WARNING, INDETERMINATE
    QString state;           // ACTIVE, CLEARED
    QString ackState;        // UNACKNOWLEDGED, ACKNOWLEDGED
    QDateTime raisedAt, changedAt, clearedAt, ackAt;
    QString ackBy;
    QString description;
    QJsonObject details;
    QJsonObject toJson() const;
};

QStringList severities();

class AlarmStore : public QObject {
    Q_OBJECT
public:
    explicit AlarmStore(Database &db, QObject *parent = nullptr);

    // Raises (or re-rates) the active alarm of this type on this VNF. Returns it.
    Alarm raise(const QString &vnfId, const QString &type, const QString &severity, const QString &description,
                const QJsonObject &details = {});
    // Clears the active alarm of this type on this VNF, if any.
    bool clear(const QString &vnfId, const QString &type, const QString &reason);
    void clearAll(const QString &vnfId, const QString &reason);
    // The alarm, acknowledged (already acknowledged: as it was).
    Result<Alarm> acknowledge(const QString &id, const QString &by);

    bool find(const QString &id, Alarm *out) const;
    // state: ACTIVE, CLEARED or empty for both; vnfId empty for all; newest first.
    QList<Alarm> list(const QString &state, const QString &vnfId, int limit = 1000) const;
    int activeCount() const;
    QHash<QString, int> activeCountByVnf() const;   // one query for all VNFs

Q_SIGNALS:
    void alarmRaised(const vines::ems::Alarm &alarm, bool isNew);
    void alarmCleared(const vines::ems::Alarm &alarm);

private:
    bool activeAlarm(const QString &vnfId, const QString &type, Alarm *out) const;
    Database &m_db;
};

} // namespace vines::ems
