#include "VnfPackage.h"
#include <QJsonArray>

namespace vines {

QStringList supportedPlatforms() { return {"leaf", "click-on-osv", "coven", "generic-ssh"}; }
QStringList leafNfTypes() { return {"forwarder", "firewall", "monitor", "echo", "exec", "router"}; }

QJsonObject VnfPackage::toJson() const
{
    QJsonArray arts;
    for (const Artifact &a : artifacts)
        arts.append(QJsonObject{{"path", a.path}, {"kind", a.kind}, {"size", a.size}, {"sha256", a.sha256},
                                {"digestChecked", a.digestChecked}});
    return QJsonObject{{"metaFileVersion", metaFileVersion}, {"csarVersion", csarVersion}, {"createdBy", createdBy},
                       {"entryDefinitions", entryDefinitions}, {"hasToscaMetadata", hasToscaMetadata},
                       {"manifestFile", manifestFile}, {"manifestVerified", manifestVerified},
                       {"findings", QJsonArray::fromStringList(findings)}, {"vnfd", vnfd.toJson()}, {"artifacts", arts},
                       {"archiveSha256", archiveSha256}, {"archiveSize", archiveSize}};
}

VnfPackage VnfPackage::fromJson(const QJsonObject &o)
{
    VnfPackage p;
    p.metaFileVersion = o.value("metaFileVersion").toString();
    p.csarVersion = o.value("csarVersion").toString();
    p.createdBy = o.value("createdBy").toString();
    p.entryDefinitions = o.value("entryDefinitions").toString();
    p.hasToscaMetadata = o.value("hasToscaMetadata").toBool(true);
    p.manifestFile = o.value("manifestFile").toString();
    p.manifestVerified = o.value("manifestVerified").toBool();
    for (const auto &f : o.value("findings").toArray())
        p.findings << f.toString();
    p.archiveSha256 = o.value("archiveSha256").toString();
    p.archiveSize = o.value("archiveSize").toInteger();
    p.vnfd = VnfDescriptor::fromJson(o.value("vnfd").toObject());
    for (const auto &x : o.value("artifacts").toArray()) {
        const QJsonObject j = x.toObject();
        p.artifacts.append({j.value("path").toString(), j.value("kind").toString(), j.value("size").toInteger(),
                            j.value("sha256").toString(), j.value("digestChecked").toBool()});
    }
    return p;
}

QStringList VnfPackage::scripts() const
{
    QStringList out;
    for (const Artifact &a : artifacts)
        if (a.kind == QLatin1String("script"))
            out << a.path;
    return out;
}

QStringList VnfPackage::summaryLines() const
{
    QStringList out;
    out << QStringLiteral("entry %1 (%2), manifest %3").arg(entryDefinitions,
                                                           hasToscaMetadata ? QStringLiteral("TOSCA-Metadata") : QStringLiteral("no TOSCA-Metadata"),
                                                           manifestFile.isEmpty() ? QStringLiteral("none")
                                                           : manifestFile + (manifestVerified ? QStringLiteral(" (verified)") : QStringLiteral(" (digests checked, not complete)")));
    for (const DeploymentFlavour &f : vnfd.flavours) {
        QStringList vdus, aspects, levels;
        for (const Vdu &v : f.vdus)
            vdus << QStringLiteral("%1 (%2 vCPU, %3 MB, %4..%5)").arg(v.nodeName).arg(v.numCpus).arg(v.memoryMb)
                        .arg(v.minInstances).arg(v.maxInstances);
        for (const ScalingAspect &a : f.aspects)
            aspects << QStringLiteral("%1 (max %2)").arg(a.id).arg(a.maxScaleLevel);
        for (const InstantiationLevel &l : f.levels)
            levels << (l.id == f.defaultLevel ? l.id + QStringLiteral("*") : l.id);
        out << QStringLiteral("flavour %1: %2 VDU, %3 storage, %4 CP, %5 VL, %6 ext CP")
                   .arg(f.id).arg(f.vdus.size()).arg(f.storages.size()).arg(f.vduCps.size()).arg(f.virtualLinks.size())
                   .arg(f.externalPoints.size() + f.extCps.size());
        out << QStringLiteral("  VDUs: %1").arg(vdus.join(", "));
        if (!aspects.isEmpty())
            out << QStringLiteral("  scaling aspects: %1").arg(aspects.join(", "));
        if (!levels.isEmpty())
            out << QStringLiteral("  instantiation levels: %1").arg(levels.join(", "));
        for (const ToscaEntity &e : f.others)
            out << QStringLiteral("  kept %1 %2 (%3)").arg(e.kind, e.name, e.type);
    }
    for (const QString &f : findings)
        out << QStringLiteral("note: %1").arg(f);
    return out;
}

} // namespace vines
