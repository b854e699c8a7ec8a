#include "InstanceStore.h"
#include "Database.h"
#include <QJsonDocument>
#include <QSqlQuery>

namespace vines {

static const char *kCols = "id, name, package_id, vim_id, vim_instance_id, instantiation_state, vnf_state, flavour,"
                           " mgmt_address, public_address, config_json, created_at, updated_at, deployment_json, platform_secret";

// full: with the configuration, deployment state and secret (columns 10, 13, 14), else a summary.
static InstanceRecord fromQuery(const QSqlQuery &q, bool full = true)
{
    InstanceRecord r;
    r.id = q.value(0).toString();
    r.name = q.value(1).toString();
    r.packageId = q.value(2).toString();
    r.vimId = q.value(3).toString();
    r.vimInstanceId = q.value(4).toString();
    r.instantiationState = fromText(q.value(5).toString(), InstantiationState::NotInstantiated);
    r.vnfState = fromText(q.value(6).toString(), VnfState::Stopped);
    r.flavour = q.value(7).toString();
    r.mgmtAddress = q.value(8).toString();
    r.publicAddress = q.value(9).toString();
    r.createdAt = fromIso(q.value(11).toString());
    r.updatedAt = fromIso(q.value(12).toString());
    if (!full)
        return r;
    r.config = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
    r.deployment = DeploymentState::fromJson(QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object());
    r.platformSecret = q.value(14).toString().toUtf8();
    return r;
}

static QString json(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
// NOT NULL column: an empty secret is '' (a null QString would bind as NULL).
static QString secretText(const QByteArray &b) { return b.isEmpty() ? QStringLiteral("") : QString::fromUtf8(b); }

InstanceStore::InstanceStore(Database &db, QObject *parent) : QObject(parent), m_db(db) {}

Result<> InstanceStore::insert(const InstanceRecord &r)
{
    const QString now = isoNow();
    if (Result<> w = m_db.exec(QStringLiteral("INSERT INTO vnf_instances (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kCols)),
                               {r.id, r.name, r.packageId, r.vimId, r.vimInstanceId, text(r.instantiationState), text(r.vnfState), r.flavour,
                                r.mgmtAddress, r.publicAddress, json(r.config), now, now, json(r.deployment.toJson()), secretText(r.platformSecret)});
        !w)
        return w;
    Q_EMIT changed(r.id);
    return {};
}

Result<> InstanceStore::update(const InstanceRecord &r)
{
    if (Result<> w = m_db.exec("UPDATE vnf_instances SET name=?, vim_instance_id=?, instantiation_state=?, vnf_state=?, flavour=?,"
                               " mgmt_address=?, config_json=?, deployment_json=?, platform_secret=?, updated_at=? WHERE id=?",
                               {r.name, r.vimInstanceId, text(r.instantiationState), text(r.vnfState), r.flavour, r.mgmtAddress,
                                json(r.config), json(r.deployment.toJson()), secretText(r.platformSecret), isoNow(), r.id});
        !w)
        return w;
    Q_EMIT changed(r.id);
    return {};
}

Result<> InstanceStore::setPublicAddress(const QString &id, const QString &address)
{
    if (Result<> w = m_db.exec("UPDATE vnf_instances SET public_address = ?, updated_at = ? WHERE id = ?", {address, isoNow(), id}); !w)
        return w;
    Q_EMIT changed(id);
    return {};
}

Result<> InstanceStore::remove(const QString &id)
{
    if (Result<> w = m_db.exec("DELETE FROM vnf_instances WHERE id = ?", {id}); !w)
        return w;
    Q_EMIT changed(id);
    return {};
}

bool InstanceStore::get(const QString &id, InstanceRecord *out) const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM vnf_instances WHERE id = ?").arg(QLatin1String(kCols)), {id});
    if (!q.next())
        return false;
    *out = fromQuery(q);
    return true;
}

QList<InstanceRecord> InstanceStore::list() const
{
    QList<InstanceRecord> out;
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM vnf_instances ORDER BY created_at").arg(QLatin1String(kCols)));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

QList<InstanceRecord> InstanceStore::listSummaries() const
{
    QList<InstanceRecord> out;
    // The same column positions as kCols, the JSON and the secret left out.
    QSqlQuery q = m_db.query(QStringLiteral("SELECT id, name, package_id, vim_id, vim_instance_id, instantiation_state, vnf_state, flavour,"
                                            " mgmt_address, public_address, NULL, created_at, updated_at FROM vnf_instances ORDER BY created_at"));
    while (q.next())
        out.append(fromQuery(q, false));
    return out;
}

QHash<QString, QString> InstanceStore::names() const
{
    QHash<QString, QString> out;
    QSqlQuery q = m_db.query(QStringLiteral("SELECT id, name FROM vnf_instances"));
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

InstanceStore::Counts InstanceStore::counts() const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(instantiation_state = ? AND vnf_state = ?), 0) FROM vnf_instances"),
                             {text(InstantiationState::Instantiated), text(VnfState::Started)});
    return q.next() ? Counts{q.value(0).toInt(), q.value(1).toInt()} : Counts{};
}

bool InstanceStore::nameTaken(const QString &name) const
{
    QSqlQuery q = m_db.query("SELECT 1 FROM vnf_instances WHERE name = ?", {name});
    return q.next();
}

} // namespace vines
