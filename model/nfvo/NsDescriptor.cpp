#include "NsDescriptor.h"
#include <QJsonArray>

namespace vines {

const NsdVnf *NsDescriptor::vnf(const QString &node) const
{
    for (const NsdVnf &v : vnfs)
        if (v.node == node)
            return &v;
    return nullptr;
}

QList<NsdVnf> NsDescriptor::chain() const
{
    QList<NsdVnf> out;
    if (vnffgs.isEmpty())
        return out;
    for (const NsdHop &h : vnffgs.first().path)
        if (const NsdVnf *v = vnf(h.node))
            out << *v;
    return out;
}

QJsonObject NsDescriptor::toJson() const
{
    QJsonArray vs, gs;
    for (const NsdVnf &v : vnfs)
        vs.append(QJsonObject{{"node", v.node}, {"vnfd", v.vnfd}, {"label", v.label}, {"x", v.position.x()}, {"y", v.position.y()}});
    for (const Vnffg &g : vnffgs) {
        QJsonArray path;
        for (const NsdHop &h : g.path)
            path.append(QJsonObject{{"node", h.node}, {"cp", h.cp}});
        gs.append(QJsonObject{{"name", g.name}, {"description", g.description}, {"pathName", g.pathName}, {"path", path}});
    }
    return {{"descriptorId", descriptorId}, {"name", name}, {"version", version}, {"designer", designer},
            {"description", description}, {"format", format}, {"vnfs", vs}, {"vnffgs", gs}};
}

NsDescriptor NsDescriptor::fromJson(const QJsonObject &o)
{
    NsDescriptor d;
    d.descriptorId = o.value("descriptorId").toString();
    d.name = o.value("name").toString();
    d.version = o.value("version").toString();
    d.designer = o.value("designer").toString();
    d.description = o.value("description").toString();
    d.format = o.value("format").toString("sol001");
    for (const auto &v : o.value("vnfs").toArray()) {
        const QJsonObject x = v.toObject();
        d.vnfs << NsdVnf{x.value("node").toString(), x.value("vnfd").toString(), x.value("label").toString(),
                         QPointF(x.value("x").toDouble(), x.value("y").toDouble())};
    }
    for (const auto &g : o.value("vnffgs").toArray()) {
        const QJsonObject x = g.toObject();
        Vnffg f{x.value("name").toString(), x.value("description").toString(), x.value("pathName").toString(), {}};
        for (const auto &h : x.value("path").toArray())
            f.path << NsdHop{h.toObject().value("node").toString(), h.toObject().value("cp").toString()};
        d.vnffgs << f;
    }
    return d;
}

} // namespace vines
