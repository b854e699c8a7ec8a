#include "Vib.h"
#include "catalog/Database.h"
#include <QRegularExpression>
#include <QJsonDocument>
#include <QSqlQuery>
#include <tuple>

namespace vines::ems {

QStringList knownVnfExps() { return {"leaf", "generic-ssh", "click-on-osv", "coven"}; }

QJsonObject MonitoringPolicy::toJson() const
{
    return {{"intervalMs", intervalMs}, {"faults", faults}, {"performance", performance}, {"unreachableAfter", unreachableAfter}};
}

QJsonObject VnfEntry::toJson() const
{
    QJsonObject options = driverOptions;   // the platform's secret is never shown, only whether it is set
    if (options.contains("leafSecret")) {
        options.remove("leafSecret");
        options.insert("leafSecretSet", true);
    }
    return {{"vnfInstanceId", id}, {"name", name}, {"vnfExp", vnfExp}, {"managementAddress", managementAddress},
            {"credentialsRef", credentialsRef}, {"driverOptions", options}, {"monitoringPolicy", policy.toJson()},
            {"expectedState", expectedState}, {"registeredBy", registeredBy},
            {"createdAt", createdAt.toString(Qt::ISODateWithMs)}, {"updatedAt", updatedAt.toString(Qt::ISODateWithMs)}};
}

namespace {
Error bad(const QString &field, const QString &what) { return Error::invalid(QStringLiteral("field '%1' %2").arg(field, what)).at({{}, field, 0}); }
bool validAddress(const QString &a)
{
    const int colon = a.lastIndexOf(':');
    if (colon <= 0)
        return false;
    bool ok = false;
    const int port = a.mid(colon + 1).toInt(&ok);
    return ok && port > 0 && port < 65536 && !a.left(colon).trimmed().isEmpty() && !a.contains(' ');
}
} // namespace

Result<VnfEntry> VnfEntry::fromJson(const QJsonObject &o, int defaultIntervalMs, const VnfEntry *base)
{
    VnfEntry e = base ? *base : VnfEntry{};
    if (!base)
        e.policy.intervalMs = defaultIntervalMs;
    auto str = [&](const char *key, QString *dst, bool required) -> Result<> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required && !base)
                return bad(QLatin1String(key), "is required");
            return {};
        }
        if (!v.isString())
            return bad(QLatin1String(key), "must be a string");
        *dst = v.toString();
        return {};
    };
    if (!base)
        if (Result<> r = str("vnfInstanceId", &e.id, true); !r)
            return r.error();
    for (auto [key, dst, required] : {std::tuple<const char *, QString *, bool>{"name", &e.name, false}, {"vnfExp", &e.vnfExp, true},
                                      {"managementAddress", &e.managementAddress, true}, {"credentialsRef", &e.credentialsRef, false},
                                      {"expectedState", &e.expectedState, false}})
        if (Result<> r = str(key, dst, required); !r)
            return r.error();
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9._:-]{1,128}$"));
    if (!idRe.match(e.id).hasMatch())
        return bad("vnfInstanceId", "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
    if (!knownVnfExps().contains(e.vnfExp))
        return bad("vnfExp", QStringLiteral("'%1' is not a VNF-ExP (%2)").arg(e.vnfExp, knownVnfExps().join(", ")));
    if (!validAddress(e.managementAddress))
        return bad("managementAddress", QStringLiteral("'%1' is not host:port").arg(e.managementAddress));
    if (!QStringList{"running", "stopped", "unknown"}.contains(e.expectedState))
        return bad("expectedState", "must be running, stopped or unknown");
    if (o.contains("driverOptions")) {
        if (!o.value("driverOptions").isObject())
            return bad("driverOptions", "must be an object");
        e.driverOptions = o.value("driverOptions").toObject();
    }
    if (o.contains("monitoringPolicy")) {
        if (!o.value("monitoringPolicy").isObject())
            return bad("monitoringPolicy", "must be an object");
        const QJsonObject p = o.value("monitoringPolicy").toObject();
        if (p.contains("intervalMs")) {
            const int ms = p.value("intervalMs").toInt(-1);
            if (!p.value("intervalMs").isDouble() || ms < 100 || ms > 3600000)
                return bad("monitoringPolicy.intervalMs", "must be a number from 100 to 3600000");
            e.policy.intervalMs = ms;
        }
        for (const char *flag : {"faults", "performance"}) {
            const QJsonValue v = p.value(QLatin1String(flag));
            if (v.isUndefined()) continue;
            if (!v.isBool())
                return bad(QStringLiteral("monitoringPolicy.%1").arg(QLatin1String(flag)), "must be true or false");
            (QLatin1String(flag) == QLatin1String("faults") ? e.policy.faults : e.policy.performance) = v.toBool();
        }
        if (p.contains("unreachableAfter")) {
            const int n = p.value("unreachableAfter").toInt(-1);
            if (n < 1 || n > 100)
                return bad("monitoringPolicy.unreachableAfter", "must be a number from 1 to 100");
            e.policy.unreachableAfter = n;
        }
    }
    if (e.name.isEmpty())
        e.name = e.id;
    return e;
}

Vib::Vib(Database &db, QObject *parent) : QObject(parent), m_db(db) {}

Result<> Vib::load()
{
    QSqlQuery q = m_db.query("SELECT id, name, vnf_exp, mgmt_address, credentials_ref, policy_json, driver_json, expected_state,"
                             " registered_by, created_at, updated_at FROM vnfs");
    while (q.next()) {
        VnfEntry base;
        base.id = q.value(0).toString();
        QJsonObject o{{"name", q.value(1).toString()}, {"vnfExp", q.value(2).toString()},
                      {"managementAddress", q.value(3).toString()}, {"credentialsRef", q.value(4).toString()},
                      {"monitoringPolicy", QJsonDocument::fromJson(q.value(5).toByteArray()).object()},
                      {"driverOptions", QJsonDocument::fromJson(q.value(6).toByteArray()).object()},
                      {"expectedState", q.value(7).toString()}};
        Result<VnfEntry> read = VnfEntry::fromJson(o, 5000, &base);
        if (!read)
            return read.error().prefixed(QStringLiteral("VIB entry %1 is unusable").arg(base.id));
        VnfEntry e = *read;
        e.registeredBy = q.value(8).toString();
        e.createdAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
        e.updatedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
        m_entries.insert(e.id, e);
    }
    return {};
}

QList<VnfEntry> Vib::entries() const
{
    QList<VnfEntry> list = m_entries.values();
    std::sort(list.begin(), list.end(), [](const VnfEntry &a, const VnfEntry &b) { return a.createdAt < b.createdAt || (a.createdAt == b.createdAt && a.id < b.id); });
    return list;
}

Result<> Vib::upsert(const VnfEntry &in)
{
    VnfEntry e = in;
    const bool isNew = !m_entries.contains(e.id);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (isNew)
        e.createdAt = now;
    e.updatedAt = now;
    if (Result<> w = m_db.exec("INSERT OR REPLACE INTO vnfs (id, name, vnf_exp, mgmt_address, credentials_ref, policy_json, driver_json,"
                               " expected_state, registered_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                               {e.id, e.name, e.vnfExp, e.managementAddress, e.credentialsRef,
                                QJsonDocument(e.policy.toJson()).toJson(QJsonDocument::Compact),
                                QJsonDocument(e.driverOptions).toJson(QJsonDocument::Compact), e.expectedState, e.registeredBy,
                                e.createdAt.toString(Qt::ISODateWithMs), e.updatedAt.toString(Qt::ISODateWithMs)});
        !w)
        return w;
    m_entries.insert(e.id, e);
    Q_EMIT(isNew ? added(e.id) : changed(e.id));
    return {};
}

Result<> Vib::remove(const QString &id)
{
    if (Result<> w = m_db.exec("DELETE FROM vnfs WHERE id = ?", {id}); !w)
        return w;
    m_entries.remove(id);
    Q_EMIT removed(id);
    return {};
}

bool Vib::setExpectedState(const QString &id, const QString &state)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->expectedState == state)
        return false;
    it->expectedState = state;
    it->updatedAt = QDateTime::currentDateTimeUtc();
    m_db.exec("UPDATE vnfs SET expected_state = ?, updated_at = ? WHERE id = ?", {state, it->updatedAt.toString(Qt::ISODateWithMs), id});
    return true;
}

} // namespace vines::ems
