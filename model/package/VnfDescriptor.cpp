#include "VnfDescriptor.h"
#include <QJsonArray>

namespace vines {

namespace {

QJsonArray strs(const QStringList &l) { return QJsonArray::fromStringList(l); }
QStringList strs(const QJsonValue &v)
{
    QStringList out;
    for (const auto &x : v.toArray())
        out << x.toString();
    return out;
}
QJsonObject intMap(const QMap<QString, int> &m)
{
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}
QMap<QString, int> intMap(const QJsonValue &v)
{
    QMap<QString, int> m;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        m.insert(it.key(), it.value().toInt());
    return m;
}
template <typename T, typename F>
QJsonArray arrayOf(const QList<T> &list, F f)
{
    QJsonArray a;
    for (const T &x : list)
        a.append(f(x));
    return a;
}
template <typename T, typename F>
QList<T> listOf(const QJsonValue &v, F f)
{
    QList<T> out;
    for (const auto &x : v.toArray())
        out.append(f(x.toObject()));
    return out;
}
template <typename List>
auto findById(List &list, const QString &id) -> decltype(&list.first())
{
    for (auto &x : list)
        if (x.id == id)
            return &x;
    return nullptr;
}

} // namespace

int ScalingAspect::vduInstancesAt(const QString &vdu, int level) const
{
    const QMap<QString, int> deltas = vduDeltas.value(vdu);
    if (deltas.isEmpty() || stepDeltas.isEmpty())
        return 0;
    int n = 0;
    for (int step = 0; step < level; ++step)
        n += deltas.value(stepDeltas.at(qMin(step, int(stepDeltas.size()) - 1)));
    return n;
}

const ScalingAspect *DeploymentFlavour::aspect(const QString &id) const { return findById(aspects, id); }
const InstantiationLevel *DeploymentFlavour::level(const QString &id) const { return findById(levels, id); }
ScalingAspect *DeploymentFlavour::aspect(const QString &id) { return findById(aspects, id); }
InstantiationLevel *DeploymentFlavour::level(const QString &id) { return findById(levels, id); }

const Vdu *DeploymentFlavour::vdu(const QString &node) const
{
    for (const Vdu &v : vdus)
        if (v.nodeName == node)
            return &v;
    return nullptr;
}

QString DeploymentFlavour::initialLevel() const
{
    if (!defaultLevel.isEmpty())
        return defaultLevel;
    return levels.isEmpty() ? QString() : levels.first().id;
}

QMap<QString, int> DeploymentFlavour::scaleLevelsAt(const QString &levelId) const
{
    QMap<QString, int> out;
    for (const ScalingAspect &a : aspects)
        out.insert(a.id, 0);
    if (const InstantiationLevel *l = level(levelId))
        for (auto it = l->scaleLevels.begin(); it != l->scaleLevels.end(); ++it)
            out.insert(it.key(), it.value());
    return out;
}

QMap<QString, int> DeploymentFlavour::vduInstances(const QMap<QString, int> &scaleLevels) const
{
    QMap<QString, int> out;
    for (const Vdu &v : vdus) {
        int n = v.initialInstances;
        for (const ScalingAspect &a : aspects)
            n += a.vduInstancesAt(v.nodeName, scaleLevels.value(a.id));
        out.insert(v.nodeName, n);
    }
    return out;
}

QJsonObject DeploymentFlavour::toJson() const
{
    return QJsonObject{
        {"id", id}, {"description", description}, {"file", file}, {"defaultLevel", defaultLevel},
        {"vdus", arrayOf(vdus, [](const Vdu &v) {
             return QJsonObject{{"node", v.nodeName}, {"name", v.name}, {"description", v.description}, {"cpus", v.numCpus},
                                {"memoryMb", v.memoryMb}, {"min", v.minInstances}, {"max", v.maxInstances},
                                {"initial", v.initialInstances}, {"swImage", v.swImage}, {"storages", strs(v.storages)}};
         })},
        {"storages", arrayOf(storages, [](const VirtualStorage &s) {
             return QJsonObject{{"node", s.nodeName}, {"type", s.type}, {"sizeGb", s.sizeGb}, {"swImage", s.swImage}};
         })},
        {"vduCps", arrayOf(vduCps, [](const VduCp &c) {
             return QJsonObject{{"node", c.nodeName}, {"vdu", c.vdu}, {"virtualLink", c.virtualLink},
                                {"layerProtocols", strs(c.layerProtocols)}, {"order", c.order}};
         })},
        {"virtualLinks", arrayOf(virtualLinks, [](const VirtualLink &l) {
             return QJsonObject{{"node", l.nodeName}, {"description", l.description}, {"layerProtocols", strs(l.layerProtocols)}};
         })},
        {"extCps", arrayOf(extCps, [](const ExtCp &c) {
             return QJsonObject{{"node", c.nodeName}, {"internalVirtualLink", c.internalVirtualLink},
                                {"externalVirtualLink", c.externalVirtualLink}, {"layerProtocols", strs(c.layerProtocols)}};
         })},
        {"externalPoints", arrayOf(externalPoints, [](const ExternalPoint &e) {
             return QJsonObject{{"requirement", e.requirement}, {"node", e.node}, {"nodeRequirement", e.nodeRequirement}};
         })},
        {"aspects", arrayOf(aspects, [](const ScalingAspect &a) {
             QJsonObject deltas;
             for (auto it = a.vduDeltas.begin(); it != a.vduDeltas.end(); ++it)
                 deltas.insert(it.key(), intMap(it.value()));
             return QJsonObject{{"id", a.id}, {"name", a.name}, {"description", a.description},
                                {"maxScaleLevel", a.maxScaleLevel}, {"stepDeltas", strs(a.stepDeltas)}, {"vduDeltas", deltas}};
         })},
        {"levels", arrayOf(levels, [](const InstantiationLevel &l) {
             return QJsonObject{{"id", l.id}, {"description", l.description}, {"scaleLevels", intMap(l.scaleLevels)},
                                {"vduInstances", intMap(l.vduInstances)}};
         })},
        {"others", arrayOf(others, [](const ToscaEntity &e) {
             return QJsonObject{{"name", e.name}, {"type", e.type}, {"kind", e.kind}, {"targets", strs(e.targets)}};
         })},
    };
}

DeploymentFlavour DeploymentFlavour::fromJson(const QJsonObject &o)
{
    DeploymentFlavour f;
    f.id = o.value("id").toString();
    f.description = o.value("description").toString();
    f.file = o.value("file").toString();
    f.defaultLevel = o.value("defaultLevel").toString();
    f.vdus = listOf<Vdu>(o.value("vdus"), [](const QJsonObject &j) {
        const int min = j.value("min").toInt(1);
        return Vdu{j.value("node").toString(), j.value("name").toString(), j.value("description").toString(),
                   j.value("cpus").toInt(), j.value("memoryMb").toInt(), min, j.value("max").toInt(1),
                   j.value("initial").toInt(min), j.value("swImage").toString(), strs(j.value("storages"))};
    });
    f.storages = listOf<VirtualStorage>(o.value("storages"), [](const QJsonObject &j) {
        return VirtualStorage{j.value("node").toString(), j.value("type").toString(), j.value("sizeGb").toInt(),
                              j.value("swImage").toString()};
    });
    f.vduCps = listOf<VduCp>(o.value("vduCps"), [](const QJsonObject &j) {
        return VduCp{j.value("node").toString(), j.value("vdu").toString(), j.value("virtualLink").toString(),
                     strs(j.value("layerProtocols")), j.value("order").toInt()};
    });
    f.virtualLinks = listOf<VirtualLink>(o.value("virtualLinks"), [](const QJsonObject &j) {
        return VirtualLink{j.value("node").toString(), j.value("description").toString(), strs(j.value("layerProtocols"))};
    });
    f.extCps = listOf<ExtCp>(o.value("extCps"), [](const QJsonObject &j) {
        return ExtCp{j.value("node").toString(), j.value("internalVirtualLink").toString(),
                     j.value("externalVirtualLink").toString(), strs(j.value("layerProtocols"))};
    });
    f.externalPoints = listOf<ExternalPoint>(o.value("externalPoints"), [](const QJsonObject &j) {
        return ExternalPoint{j.value("requirement").toString(), j.value("node").toString(), j.value("nodeRequirement").toString()};
    });
    f.aspects = listOf<ScalingAspect>(o.value("aspects"), [](const QJsonObject &j) {
        ScalingAspect a{j.value("id").toString(), j.value("name").toString(), j.value("description").toString(),
                        j.value("maxScaleLevel").toInt(), strs(j.value("stepDeltas")), {}};
        const QJsonObject d = j.value("vduDeltas").toObject();
        for (auto it = d.begin(); it != d.end(); ++it)
            a.vduDeltas.insert(it.key(), intMap(it.value()));
        return a;
    });
    f.levels = listOf<InstantiationLevel>(o.value("levels"), [](const QJsonObject &j) {
        return InstantiationLevel{j.value("id").toString(), j.value("description").toString(),
                                  intMap(j.value("scaleLevels")), intMap(j.value("vduInstances"))};
    });
    f.others = listOf<ToscaEntity>(o.value("others"), [](const QJsonObject &j) {
        return ToscaEntity{j.value("name").toString(), j.value("type").toString(), j.value("kind").toString(),
                           strs(j.value("targets"))};
    });
    return f;
}

const DeploymentFlavour *VnfDescriptor::flavour(const QString &id) const { return findById(flavours, id); }

const DeploymentFlavour &VnfDescriptor::defaultFlavour() const
{
    static const DeploymentFlavour none;
    return flavours.isEmpty() ? none : flavours.first();
}

QStringList VnfDescriptor::flavourIds() const
{
    QStringList out;
    for (const DeploymentFlavour &f : flavours)
        out << f.id;
    return out;
}

QJsonObject VnfDescriptor::toJson() const
{
    return QJsonObject{{"node", nodeName}, {"descriptorId", descriptorId}, {"provider", provider},
                       {"productName", productName}, {"softwareVersion", softwareVersion},
                       {"descriptorVersion", descriptorVersion}, {"vnfmInfo", strs(vnfmInfo)},
                       {"exp", QJsonObject{{"platform", exp.platform}, {"nfType", exp.nfType}, {"config", exp.config}}},
                       {"flavours", arrayOf(flavours, [](const DeploymentFlavour &f) { return f.toJson(); })}};
}

VnfDescriptor VnfDescriptor::fromJson(const QJsonObject &d)
{
    VnfDescriptor v;
    v.nodeName = d.value("node").toString();
    v.descriptorId = d.value("descriptorId").toString();
    v.provider = d.value("provider").toString();
    v.productName = d.value("productName").toString();
    v.softwareVersion = d.value("softwareVersion").toString();
    v.descriptorVersion = d.value("descriptorVersion").toString();
    v.vnfmInfo = strs(d.value("vnfmInfo"));
    const QJsonObject exp = d.value("exp").toObject();
    v.exp = {exp.value("platform").toString(), exp.value("nfType").toString(), exp.value("config").toObject()};
    if (d.contains("flavours")) {
        v.flavours = listOf<DeploymentFlavour>(d.value("flavours"), [](const QJsonObject &j) { return DeploymentFlavour::fromJson(j); });
    } else {
        // Catalog rows written before deployment flavours were modelled: one flavour at the top level.
        QJsonObject f = d;
        f.insert("id", d.value("flavourId"));
        f.insert("description", d.value("flavourDescription"));
        v.flavours << DeploymentFlavour::fromJson(f);
    }
    return v;
}

} // namespace vines
