#include "VnfPackage.h"
#include <QJsonArray>

namespace vines {

QStringList supportedPlatforms() { return {"leaf", "click-on-osv", "coven", "generic-ssh"}; }
QStringList leafNfTypes() { return {"forwarder", "firewall", "monitor", "echo", "exec", "router"}; }

namespace {
QJsonArray strs(const QStringList &l) { return QJsonArray::fromStringList(l); }
QStringList strs(const QJsonValue &v)
{
    QStringList out;
    for (const auto &x : v.toArray())
        out << x.toString();
    return out;
}
} // namespace

QJsonObject VnfPackage::toJson() const
{
    QJsonArray vdus, cps, vls, ext, arts;
    for (const Vdu &v : vnfd.vdus)
        vdus.append(QJsonObject{{"node", v.nodeName}, {"name", v.name}, {"description", v.description},
                                {"cpus", v.numCpus}, {"memoryMb", v.memoryMb}, {"min", v.minInstances},
                                {"max", v.maxInstances}, {"swImage", v.swImage}});
    for (const VduCp &c : vnfd.vduCps)
        cps.append(QJsonObject{{"node", c.nodeName}, {"vdu", c.vdu}, {"virtualLink", c.virtualLink},
                               {"layerProtocols", strs(c.layerProtocols)}, {"order", c.order}});
    for (const VirtualLink &l : vnfd.virtualLinks)
        vls.append(QJsonObject{{"node", l.nodeName}, {"description", l.description}, {"layerProtocols", strs(l.layerProtocols)}});
    for (const ExtCp &c : vnfd.extCps)
        ext.append(QJsonObject{{"node", c.nodeName}, {"internalVirtualLink", c.internalVirtualLink},
                               {"externalVirtualLink", c.externalVirtualLink}, {"layerProtocols", strs(c.layerProtocols)}});
    for (const Artifact &a : artifacts)
        arts.append(QJsonObject{{"path", a.path}, {"kind", a.kind}, {"size", a.size}, {"sha256", a.sha256}});
    const QJsonObject d{{"node", vnfd.nodeName}, {"descriptorId", vnfd.descriptorId}, {"provider", vnfd.provider},
                        {"productName", vnfd.productName}, {"softwareVersion", vnfd.softwareVersion},
                        {"descriptorVersion", vnfd.descriptorVersion}, {"flavourId", vnfd.flavourId},
                        {"flavourDescription", vnfd.flavourDescription}, {"vnfmInfo", strs(vnfd.vnfmInfo)},
                        {"exp", QJsonObject{{"platform", vnfd.exp.platform}, {"nfType", vnfd.exp.nfType}, {"config", vnfd.exp.config}}},
                        {"vdus", vdus}, {"vduCps", cps}, {"virtualLinks", vls}, {"extCps", ext}};
    return QJsonObject{{"metaFileVersion", metaFileVersion}, {"csarVersion", csarVersion}, {"createdBy", createdBy},
                       {"entryDefinitions", entryDefinitions}, {"manifestFile", manifestFile},
                       {"manifestVerified", manifestVerified}, {"vnfd", d}, {"artifacts", arts},
                       {"archiveSha256", archiveSha256}, {"archiveSize", archiveSize}};
}

VnfPackage VnfPackage::fromJson(const QJsonObject &o)
{
    VnfPackage p;
    p.metaFileVersion = o.value("metaFileVersion").toString();
    p.csarVersion = o.value("csarVersion").toString();
    p.createdBy = o.value("createdBy").toString();
    p.entryDefinitions = o.value("entryDefinitions").toString();
    p.manifestFile = o.value("manifestFile").toString();
    p.manifestVerified = o.value("manifestVerified").toBool();
    p.archiveSha256 = o.value("archiveSha256").toString();
    p.archiveSize = o.value("archiveSize").toInteger();
    const QJsonObject d = o.value("vnfd").toObject();
    VnfDescriptor &v = p.vnfd;
    v.nodeName = d.value("node").toString();
    v.descriptorId = d.value("descriptorId").toString();
    v.provider = d.value("provider").toString();
    v.productName = d.value("productName").toString();
    v.softwareVersion = d.value("softwareVersion").toString();
    v.descriptorVersion = d.value("descriptorVersion").toString();
    v.flavourId = d.value("flavourId").toString();
    v.flavourDescription = d.value("flavourDescription").toString();
    v.vnfmInfo = strs(d.value("vnfmInfo"));
    const QJsonObject exp = d.value("exp").toObject();
    v.exp = {exp.value("platform").toString(), exp.value("nfType").toString(), exp.value("config").toObject()};
    for (const auto &x : d.value("vdus").toArray()) {
        const QJsonObject j = x.toObject();
        v.vdus.append({j.value("node").toString(), j.value("name").toString(), j.value("description").toString(),
                       j.value("cpus").toInt(), j.value("memoryMb").toInt(), j.value("min").toInt(1),
                       j.value("max").toInt(1), j.value("swImage").toString()});
    }
    for (const auto &x : d.value("vduCps").toArray()) {
        const QJsonObject j = x.toObject();
        v.vduCps.append({j.value("node").toString(), j.value("vdu").toString(), j.value("virtualLink").toString(),
                         strs(j.value("layerProtocols")), j.value("order").toInt()});
    }
    for (const auto &x : d.value("virtualLinks").toArray()) {
        const QJsonObject j = x.toObject();
        v.virtualLinks.append({j.value("node").toString(), j.value("description").toString(), strs(j.value("layerProtocols"))});
    }
    for (const auto &x : d.value("extCps").toArray()) {
        const QJsonObject j = x.toObject();
        v.extCps.append({j.value("node").toString(), j.value("internalVirtualLink").toString(),
                         j.value("externalVirtualLink").toString(), strs(j.value("layerProtocols"))});
    }
    for (const auto &x : o.value("artifacts").toArray()) {
        const QJsonObject j = x.toObject();
        p.artifacts.append({j.value("path").toString(), j.value("kind").toString(), j.value("size").toInteger(),
                            j.value("sha256").toString()});
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

} // namespace vines
