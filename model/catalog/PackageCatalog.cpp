#include "PackageCatalog.h"
#include <QCryptographicHash>
#include "Database.h"
#include "package/PackageReader.h"
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>

namespace vines {

static const char *kColumns = "id, onboarding_state, operational_state, usage_state, file_path, created_at, package_json";

PackageCatalog::PackageCatalog(Database &db, const QString &storeDir, QObject *parent)
    : QObject(parent), m_db(db), m_storeDir(storeDir)
{
    QDir().mkpath(m_storeDir);
    sweepOrphans();
}

PackageRecord PackageCatalog::fromQuery(const QSqlQuery &q) const
{
    PackageRecord r;
    r.id = q.value(0).toString();
    r.onboardingState = fromText(q.value(1).toString(), OnboardingState::Onboarded);
    r.operationalState = fromText(q.value(2).toString(), OperationalState::Disabled);
    r.usageState = fromText(q.value(3).toString(), UsageState::InUse);
    r.filePath = q.value(4).toString();
    r.createdAt = fromIso(q.value(5).toString());
    // A stored package never changes under its id: parsed once, then served from the cache (the
    // VNFM asks for a package several times per operation; parsing a VNFD's JSON is the cost).
    const auto cached = m_parsed.constFind(r.id);
    if (cached != m_parsed.constEnd()) {
        r.package = *cached;
    } else {
        r.package = VnfPackage::fromJson(QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object());
        if (m_parsed.size() > 512)
            m_parsed.clear();
        m_parsed.insert(r.id, r.package);
    }
    return r;
}

QString PackageCatalog::findByDescriptor(const QString &descriptorId, const QString &version) const
{
    QSqlQuery q = m_db.query("SELECT id FROM vnf_packages WHERE descriptor_id = ? AND descriptor_version = ?", {descriptorId, version});
    return q.next() ? q.value(0).toString() : QString();
}

Result<QString> PackageCatalog::add(const QString &sourcePath, const VnfPackage &pkg, const QString &packageId)
{
    const VnfDescriptor &d = pkg.vnfd;
    const QString existing = findByDescriptor(d.descriptorId, d.descriptorVersion);
    if (!existing.isEmpty())
        return Error::conflict(QStringLiteral("%1 [descriptor_id]: VNFD %2 version %3 is already onboarded as package %4")
                                   .arg(pkg.entryDefinitions, d.descriptorId, d.descriptorVersion, existing));
    const QString id = packageId.isEmpty() ? newId() : packageId;
    const QString finalPath = QDir(m_storeDir).filePath(id + ".csar");
    const QString partPath = finalPath + ".part";
    QFile::remove(partPath);
    if (!QFile::copy(sourcePath, partPath))
        return Error::exhausted(QStringLiteral("cannot copy %1 into the package store %2").arg(sourcePath, m_storeDir));
    // Store exactly what was validated: a file swapped or changed since is refused.
    {
        QFile stored(partPath);
        QCryptographicHash h(QCryptographicHash::Sha256);
        if (!stored.open(QIODevice::ReadOnly) || !h.addData(&stored)
            || QString::fromLatin1(h.result().toHex()) != pkg.archiveSha256) {
            QFile::remove(partPath);
            return Error::conflict(QStringLiteral("%1 changed after it was validated; onboard it again").arg(sourcePath));
        }
    }
    if (!QFile::rename(partPath, finalPath)) {
        QFile::remove(partPath);
        return Error::internal(QStringLiteral("cannot move package into place at %1").arg(finalPath));
    }
    Database::Transaction tx(m_db);
    const Result<> stored = m_db.exec(
        "INSERT INTO vnf_packages (id, descriptor_id, descriptor_version, provider, product_name, software_version, platform,"
        " onboarding_state, operational_state, usage_state, file_path, archive_sha256, package_json, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {id, d.descriptorId, d.descriptorVersion, d.provider, d.productName, d.softwareVersion, d.exp.platform,
         text(OnboardingState::Onboarded), text(OperationalState::Enabled), text(UsageState::NotInUse), finalPath, pkg.archiveSha256,
         QString::fromUtf8(QJsonDocument(pkg.toJson()).toJson(QJsonDocument::Compact)), isoNow()});
    if (!stored || !tx.commit()) {
        QFile::remove(finalPath);
        return stored ? Error::internal(QStringLiteral("could not commit the catalog entry")) : stored.error();
    }
    Q_EMIT changed();
    return id;
}

Result<QString> PackageCatalog::onboardFile(const QString &path)
{
    const Result<VnfPackage> r = PackageReader::read(path);
    if (!r)
        return r.error();
    return add(path, *r);
}

QList<PackageRecord> PackageCatalog::list() const
{
    QList<PackageRecord> out;
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM vnf_packages ORDER BY product_name, descriptor_version").arg(QLatin1String(kColumns)));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

QHash<QString, QString> PackageCatalog::productNames() const
{
    QHash<QString, QString> out;
    QSqlQuery q = m_db.query("SELECT id, product_name FROM vnf_packages");
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

bool PackageCatalog::get(const QString &id, PackageRecord *out) const
{
    QSqlQuery q = m_db.query(QStringLiteral("SELECT %1 FROM vnf_packages WHERE id = ?").arg(QLatin1String(kColumns)), {id});
    if (!q.next())
        return false;
    *out = fromQuery(q);
    return true;
}

Result<> PackageCatalog::setOperationalState(const QString &id, OperationalState state)
{
    PackageRecord r;
    if (!get(id, &r))
        return Error::notFound(QStringLiteral("no package %1").arg(id));
    if (Result<> w = m_db.exec("UPDATE vnf_packages SET operational_state = ? WHERE id = ?", {text(state), id}); !w)
        return w;
    Q_EMIT changed();
    return {};
}

void PackageCatalog::refreshUsage(const QString &id)
{
    // Said only when it changed: every lifecycle operation ends here, and the views listening
    // rebuild from the catalog.
    QString state = text(UsageState::NotInUse);
    {
        QSqlQuery used = m_db.query("SELECT EXISTS (SELECT 1 FROM vnf_instances WHERE package_id = ?)", {id});
        if (used.next() && used.value(0).toBool())
            state = text(UsageState::InUse);
    }
    const QSqlQuery q = m_db.query("UPDATE vnf_packages SET usage_state = ? WHERE id = ? AND usage_state IS NOT ?", {state, id, state});
    if (q.numRowsAffected() > 0)
        Q_EMIT changed();
}

Result<> PackageCatalog::remove(const QString &id)
{
    PackageRecord r;
    if (!get(id, &r))
        return Error::notFound(QStringLiteral("no package %1").arg(id));
    if (r.operationalState != OperationalState::Disabled)
        return Error::conflict(QStringLiteral("package %1 must be disabled before it is deleted").arg(r.package.vnfd.productName));
    refreshUsage(id);
    get(id, &r);
    if (r.usageState != UsageState::NotInUse)
        return Error::conflict(QStringLiteral("package %1 is in use by VNF instances; delete them first").arg(r.package.vnfd.productName));
    if (Result<> w = m_db.exec("DELETE FROM vnf_packages WHERE id = ?", {id}); !w)
        return w;
    m_parsed.remove(id);
    QFile::remove(r.filePath);
    Q_EMIT changed();
    return {};
}

int PackageCatalog::sweepOrphans()
{
    QSet<QString> known;
    QSqlQuery q = m_db.query("SELECT file_path FROM vnf_packages");
    while (q.next())
        known.insert(QDir::cleanPath(q.value(0).toString()));
    int removed = 0;
    const QDir dir(m_storeDir);
    for (const QString &f : dir.entryList({"*.csar", "*.part"}, QDir::Files)) {
        const QString p = QDir::cleanPath(dir.filePath(f));
        if (!known.contains(p) && QFile::remove(p))
            ++removed;
    }
    return removed;
}

} // namespace vines
