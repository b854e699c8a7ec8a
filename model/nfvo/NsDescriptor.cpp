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

QStringList Vnffg::protocols() const
{
    QStringList out;
    for (const FlowCriterion &c : criteria) {
        const QString p = c.match.value("ip_proto", c.match.value("protocol")).toLower();
        if (p == QLatin1String("6") || p == QLatin1String("tcp"))
            out << QStringLiteral("tcp");
        else if (p == QLatin1String("17") || p == QLatin1String("udp"))
            out << QStringLiteral("udp");
        else
            return {};   // a criterion that selects any (or another) protocol: the chain carries all
    }
    out.removeDuplicates();
    return out;
}

QStringList Vnffg::dataPlaneNotes() const
{
    QStringList out;
    if (criteria.isEmpty())
        out << QStringLiteral("no classifier: all traffic to the chain's public address follows the path");
    const QStringList protos = protocols();
    if (!protos.isEmpty())
        out << QStringLiteral("ip_proto honoured: the virtual router diverts only %1 to the path").arg(protos.join("/"));
    QStringList ignored;
    for (const FlowCriterion &c : criteria)
        for (auto it = c.match.begin(); it != c.match.end(); ++it)
            if (it.key() != QLatin1String("ip_proto") && it.key() != QLatin1String("protocol"))
                ignored << it.key();
    ignored.removeDuplicates();
    if (!ignored.isEmpty())
        out << QStringLiteral("kept but not enforced (the chain is entered through its public address, not by matching "
                              "packets on a port): %1").arg(ignored.join(", "));
    if (symmetrical)
        out << QStringLiteral("symmetrical: replies return through the same relays (the Vines chain is connection-based)");
    if (!correlation.isEmpty())
        out << QStringLiteral("correlation %1 not used: hops are plain IP relays, no %1 encapsulation").arg(correlation);
    return out;
}

QStringList NsDescriptor::summaryLines() const
{
    QStringList out;
    for (const Vnffg &g : vnffgs) {
        QStringList hops;
        for (const NsdHop &h : g.path)
            hops << h.node + (h.cp.isEmpty() ? QString() : QStringLiteral("[%1%2]").arg(h.cp, h.egressCp.isEmpty() ? QString() : QStringLiteral("→") + h.egressCp));
        out << QStringLiteral("%1/%2: %3").arg(g.name, g.pathName, hops.join(QStringLiteral(" → ")));
        for (const FlowCriterion &c : g.criteria) {
            QStringList m;
            for (auto it = c.match.begin(); it != c.match.end(); ++it)
                m << it.key() + '=' + it.value();
            out << QStringLiteral("  %1 %2: %3").arg(g.policyType.isEmpty() ? QStringLiteral("criterion") : g.policyType,
                                                      c.name.isEmpty() ? QStringLiteral("-") : c.name, m.join(", "));
        }
        if (g.symmetrical)
            out << QStringLiteral("  symmetrical");
        if (!g.correlation.isEmpty())
            out << QStringLiteral("  correlation %1").arg(g.correlation);
    }
    return out;
}

QJsonObject NsDescriptor::toJson() const
{
    QJsonArray vs, gs;
    for (const NsdVnf &v : vnfs)
        vs.append(QJsonObject{{"node", v.node}, {"vnfd", v.vnfd}, {"label", v.label}, {"x", v.position.x()}, {"y", v.position.y()},
                              {"provider", v.provider}, {"descriptorVersion", v.descriptorVersion},
                              {"softwareVersion", v.softwareVersion}, {"flavourId", v.flavourId}, {"flavourDescription", v.flavourDescription},
                              {"vnfmInfo", QJsonArray::fromStringList(v.vnfmInfo)}});
    for (const Vnffg &g : vnffgs) {
        QJsonArray path, criteria;
        for (const NsdHop &h : g.path)
            path.append(QJsonObject{{"node", h.node}, {"cp", h.cp}, {"egressCp", h.egressCp}});
        for (const FlowCriterion &c : g.criteria) {
            QJsonObject m;
            for (auto it = c.match.begin(); it != c.match.end(); ++it)
                m.insert(it.key(), it.value());
            criteria.append(QJsonObject{{"name", c.name}, {"match", m}});
        }
        gs.append(QJsonObject{{"name", g.name}, {"description", g.description}, {"pathName", g.pathName}, {"path", path},
                              {"policyType", g.policyType}, {"criteria", criteria}, {"symmetrical", g.symmetrical},
                              {"correlation", g.correlation}});
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
        NsdVnf n{x.value("node").toString(), x.value("vnfd").toString(), x.value("label").toString(),
                 QPointF(x.value("x").toDouble(), x.value("y").toDouble())};
        n.provider = x.value("provider").toString();
        n.descriptorVersion = x.value("descriptorVersion").toString();
        n.softwareVersion = x.value("softwareVersion").toString();
        n.flavourId = x.value("flavourId").toString();
        n.flavourDescription = x.value("flavourDescription").toString();
        for (const auto &m : x.value("vnfmInfo").toArray())
            n.vnfmInfo << m.toString();
        d.vnfs << n;
    }
    for (const auto &g : o.value("vnffgs").toArray()) {
        const QJsonObject x = g.toObject();
        Vnffg f{x.value("name").toString(), x.value("description").toString(), x.value("pathName").toString(), {},
                x.value("policyType").toString(), {}, x.value("symmetrical").toBool(), x.value("correlation").toString()};
        for (const auto &h : x.value("path").toArray())
            f.path << NsdHop{h.toObject().value("node").toString(), h.toObject().value("cp").toString(),
                             h.toObject().value("egressCp").toString()};
        for (const auto &c : x.value("criteria").toArray()) {
            FlowCriterion fc{c.toObject().value("name").toString(), {}};
            const QJsonObject m = c.toObject().value("match").toObject();
            for (auto it = m.begin(); it != m.end(); ++it)
                fc.match.insert(it.key(), it.value().toString());
            f.criteria << fc;
        }
        d.vnffgs << f;
    }
    return d;
}

} // namespace vines
