#pragma once
// The VNF Information Base: what the VNFM told the EMS about each VNF it manages (id, VNF-ExP,
// management address, credentials reference, monitoring policy, driver options, the NF state
// the EMS should see). Persisted in SQLite so a restarted EMS resumes monitoring.
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include "util/Result.h"

namespace vines {
class Database;
}

namespace vines::ems {

struct MonitoringPolicy {
    int intervalMs = 5000;
    bool faults = true;
    bool performance = true;
    int unreachableAfter = 1;    // consecutive failed polls before VNF_UNREACHABLE is raised
    QJsonObject toJson() const;
};

struct VnfEntry {
    QString id;
    QString name;
    QString vnfExp;              // leaf, generic-ssh, click-on-osv, coven
    QString managementAddress;   // host:port
    QString credentialsRef;
    QJsonObject driverOptions;
    MonitoringPolicy policy;
    QString expectedState = QStringLiteral("unknown");   // running, stopped, unknown
    QString registeredBy;
    QDateTime createdAt;
    QDateTime updatedAt;

    QJsonObject toJson() const;
    // Validates a registration body (full on create, partial on update when base is given).
    static Result<VnfEntry> fromJson(const QJsonObject &o, int defaultIntervalMs, const VnfEntry *base = nullptr);
};

QStringList knownVnfExps();

class Vib : public QObject {
    Q_OBJECT
public:
    explicit Vib(Database &db, QObject *parent = nullptr);
    Result<> load();

    bool contains(const QString &id) const { return m_entries.contains(id); }
    VnfEntry entry(const QString &id) const { return m_entries.value(id); }
    QList<VnfEntry> entries() const;
    int size() const { return int(m_entries.size()); }

    Result<> upsert(const VnfEntry &e);
    Result<> remove(const QString &id);
    bool setExpectedState(const QString &id, const QString &state);

Q_SIGNALS:
    void added(const QString &id);
    void changed(const QString &id);
    void removed(const QString &id);

private:
    Database &m_db;
    QHash<QString, VnfEntry> m_entries;
};

} // namespace vines::ems
