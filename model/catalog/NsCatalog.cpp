#include "NsCatalog.h"
#include "Database.h"
#include "PackageCatalog.h"
#include "nfvo/NsdParser.h"
#include "package/PackageError.h"
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace vines {

namespace {
QString ts(const QDateTime &t) { return t.toString(Qt::ISODateWithMs); }
} // namespace

NsCatalog::NsCatalog(Database &db, PackageCatalog &packages, QObject *parent) : QObject(parent), m_db(db), m_packages(packages) {}

QString NsCatalog::resolvePackage(const QString &vnfd) const
{
    const QList<PackageRecord> all = m_packages.list();
    for (const PackageRecord &p : all)
        if (p.package.vnfd.descriptorId == vnfd)
            return p.id;
    for (const PackageRecord &p : all)
        if (p.package.vnfd.productName.compare(vnfd, Qt::CaseInsensitive) == 0)
            return p.id;
    return {};
}

Result<QString> NsCatalog::importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    if (f.size() > 4 * 1024 * 1024)
        return Error(Error::Kind::TooLarge, QStringLiteral("%1: too large for a descriptor (limit 4 MiB)").arg(path));
    return importYaml(f.readAll(), QFileInfo(path).fileName());
}

Result<QString> NsCatalog::importYaml(const QByteArray &yaml, const QString &fileName, const QString &nsdId)
{
    NsDescriptor nsd;
    try {
        nsd = NsdParser::parse(yaml, fileName);
    } catch (const PackageException &e) {
        return e.error().toError();
    }
    for (const NsdVnf &v : nsd.vnfs)
        if (resolvePackage(v.vnfd).isEmpty())
            return Error::unprocessable(QStringLiteral("%1 [topology_template.node_templates.%2]: VNFD '%3' is not in the VNF catalog; onboard its package first")
                                            .arg(fileName, v.node, v.vnfd))
                .at({fileName, QStringLiteral("topology_template.node_templates.%1").arg(v.node), 0});
    NsdRecord r;
    r.id = nsdId.isEmpty() ? newId() : nsdId;
    r.nsd = nsd;
    r.sourceYaml = QString::fromUtf8(yaml);
    r.createdAt = QDateTime::currentDateTimeUtc();
    if (Result<> w = m_db.exec("INSERT INTO ns_descriptors (id, descriptor_id, version, name, designer, format, source_yaml, nsd_json, created_at)"
                               " VALUES (?,?,?,?,?,?,?,?,?)",
                               {r.id, nsd.descriptorId, nsd.version, nsd.name, nsd.designer, nsd.format, r.sourceYaml,
                                QJsonDocument(nsd.toJson()).toJson(QJsonDocument::Compact), ts(r.createdAt)});
        !w) {
        if (w.errorMessage().contains("UNIQUE"))
            return Error::conflict(QStringLiteral("%1: an NSD with descriptor_id %2 version %3 is already in the catalog").arg(fileName, nsd.descriptorId, nsd.version));
        return w.error();
    }
    Q_EMIT descriptorsChanged();
    return r.id;
}

Result<QString> NsCatalog::add(const NsDescriptor &nsd) { return importYaml(NsdParser::toSol001(withVnfIdentity(nsd)), nsd.name + ".yaml"); }

NsDescriptor NsCatalog::withVnfIdentity(NsDescriptor nsd) const
{
    for (NsdVnf &v : nsd.vnfs) {
        PackageRecord p;
        if (!m_packages.get(resolvePackage(v.vnfd), &p))
            continue;
        const VnfDescriptor &d = p.package.vnfd;
        if (v.provider.isEmpty()) v.provider = d.provider;
        if (v.descriptorVersion.isEmpty()) v.descriptorVersion = d.descriptorVersion;
        if (v.softwareVersion.isEmpty()) v.softwareVersion = d.softwareVersion;
        if (v.flavourId.isEmpty()) v.flavourId = d.defaultFlavour().id;
        if (v.flavourDescription.isEmpty())
            v.flavourDescription = d.flavour(v.flavourId) ? d.flavour(v.flavourId)->description : QString();
        if (v.vnfmInfo.isEmpty()) v.vnfmInfo = d.vnfmInfo;
    }
    return nsd;
}

QList<NsdRecord> NsCatalog::selectDescriptors(const QString &where, std::initializer_list<QVariant> binds) const
{
    QList<NsdRecord> out;
    QSqlQuery q = m_db.query("SELECT id, nsd_json, source_yaml, created_at FROM ns_descriptors " + where, binds);
    while (q.next())
        out << NsdRecord{q.value(0).toString(), NsDescriptor::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object()),
                         q.value(2).toString(), QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs)};
    return out;
}

QList<NsdRecord> NsCatalog::descriptors() const { return selectDescriptors("ORDER BY created_at", {}); }

bool NsCatalog::descriptor(const QString &id, NsdRecord *out) const
{
    const QList<NsdRecord> found = selectDescriptors("WHERE id = ?", {id});
    if (found.isEmpty())
        return false;
    *out = found.first();
    return true;
}

Result<> NsCatalog::removeDescriptor(const QString &id)
{
    const QList<NsInstanceRecord> users = selectInstances("WHERE nsd_id = ?", {id});
    if (!users.isEmpty())
        return Error::conflict(QStringLiteral("NS '%1' was made from this NSD; delete it first").arg(users.first().name));
    if (Result<> w = m_db.exec("DELETE FROM ns_descriptors WHERE id = ?", {id}); !w)
        return w;
    Q_EMIT descriptorsChanged();
    return {};
}

QByteArray NsCatalog::exportYaml(const QString &id, const QString &format) const
{
    NsdRecord r;
    if (!descriptor(id, &r))
        return {};
    return format == QLatin1String("tacker") ? NsdParser::toTacker(r.nsd) : NsdParser::toSol001(withVnfIdentity(r.nsd));
}

Result<> NsCatalog::insertInstance(const NsInstanceRecord &in)
{
    NsInstanceRecord r = in;
    r.createdAt = r.updatedAt = QDateTime::currentDateTimeUtc();
    if (Result<> w = m_db.exec("INSERT INTO ns_instances (id, name, nsd_id, state, public_address, service_port, router_instance_id, diversion, vnf_ids_json,"
                               " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                               {r.id, r.name, r.nsdId, text(r.state), r.publicAddress, r.servicePort, r.routerInstanceId, chainDiversionName(r.diversion),
                                QJsonDocument(QJsonArray::fromStringList(r.vnfInstanceIds)).toJson(QJsonDocument::Compact), ts(r.createdAt),
                                ts(r.updatedAt)});
        !w) {
        if (w.errorMessage().contains("UNIQUE"))
            return Error::conflict(QStringLiteral("a network service named '%1' already exists").arg(r.name));
        return w;
    }
    Q_EMIT instanceChanged(r.id);
    return {};
}

Result<> NsCatalog::updateInstance(const NsInstanceRecord &r)
{
    if (Result<> w = m_db.exec("UPDATE ns_instances SET state = ?, public_address = ?, service_port = ?, router_instance_id = ?, diversion = ?,"
                               " vnf_ids_json = ?, updated_at = ? WHERE id = ?",
                               {text(r.state), r.publicAddress, r.servicePort, r.routerInstanceId, chainDiversionName(r.diversion),
                                QJsonDocument(QJsonArray::fromStringList(r.vnfInstanceIds)).toJson(QJsonDocument::Compact),
                                ts(QDateTime::currentDateTimeUtc()), r.id});
        !w)
        return w;
    Q_EMIT instanceChanged(r.id);
    return {};
}

Result<> NsCatalog::removeInstance(const QString &id)
{
    if (Result<> w = m_db.exec("DELETE FROM ns_instances WHERE id = ?", {id}); !w)
        return w;
    Q_EMIT instanceChanged(id);
    return {};
}

QList<NsInstanceRecord> NsCatalog::selectInstances(const QString &where, std::initializer_list<QVariant> binds) const
{
    QList<NsInstanceRecord> out;
    QSqlQuery q = m_db.query("SELECT id, name, nsd_id, state, public_address, service_port, router_instance_id, vnf_ids_json,"
                             " created_at, updated_at, diversion FROM ns_instances " + where, binds);
    while (q.next()) {
        NsInstanceRecord r;
        r.id = q.value(0).toString();
        r.name = q.value(1).toString();
        r.nsdId = q.value(2).toString();
        r.state = fromText(q.value(3).toString(), NsState::NotInstantiated);
        r.publicAddress = q.value(4).toString();
        r.servicePort = q.value(5).toInt();
        r.routerInstanceId = q.value(6).toString();
        for (const auto &v : QJsonDocument::fromJson(q.value(7).toByteArray()).array())
            r.vnfInstanceIds << v.toString();
        r.createdAt = QDateTime::fromString(q.value(8).toString(), Qt::ISODateWithMs);
        r.updatedAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
        r.diversion = chainDiversionFromName(q.value(10).toString());
        out << r;
    }
    return out;
}

QList<NsInstanceRecord> NsCatalog::instances() const { return selectInstances("ORDER BY created_at", {}); }

bool NsCatalog::instance(const QString &id, NsInstanceRecord *out) const
{
    const QList<NsInstanceRecord> found = selectInstances("WHERE id = ?", {id});
    if (found.isEmpty())
        return false;
    *out = found.first();
    return true;
}

} // namespace vines
