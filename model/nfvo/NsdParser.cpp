#include "NsdParser.h"
#include "package/PackageError.h"
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUuid>
#include <yaml-cpp/yaml.h>

namespace vines {

namespace {
int line(const YAML::Node &n) { return n.IsDefined() && n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }
QString str(const YAML::Node &n)
{
    if (!n.IsDefined() || !n.IsScalar())
        return {};
    return QString::fromStdString(n.as<std::string>(""));
}
YAML::Node at(const YAML::Node &n, const char *key)
{
    if (!n.IsDefined() || !n.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    return n[key];
}
bool isVnfType(const QString &t) { return t == QLatin1String("tosca.nodes.nfv.VNF") || t.startsWith(QLatin1String("vines.nodes.")) || t.endsWith(QLatin1String(".VNF")); }
bool isTackerFp(const QString &t) { return t == QLatin1String("tosca.nodes.nfv.FP.TackerV2") || t == QLatin1String("tosca.nodes.nfv.FP.Tacker"); }
} // namespace

NsDescriptor NsdParser::parseFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        packageFail(path, {}, 0, QStringLiteral("cannot read: %1").arg(f.errorString()));
    if (f.size() > 4 * 1024 * 1024)
        packageFail(path, {}, 0, QStringLiteral("%1 bytes is too large for a descriptor (limit 4 MiB)").arg(f.size()));
    return parse(f.readAll(), QFileInfo(path).fileName());
}

NsDescriptor NsdParser::parse(const QByteArray &yaml, const QString &file)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::ParserException &e) {
        packageFail(file, {}, e.mark.line + 1, QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    }
    try {
        if (!root.IsMap())
            packageFail(file, {}, 1, "a descriptor must be a YAML mapping");
        if (str(at(root, "tosca_definitions_version")).isEmpty())
            packageFail(file, "tosca_definitions_version", 1, "is required");
        const YAML::Node topo = at(root, "topology_template");
        if (!topo.IsMap())
            packageFail(file, "topology_template", line(root), "is required and must be a mapping");
        const YAML::Node nodes = at(topo, "node_templates");
        if (!nodes.IsMap())
            packageFail(file, "topology_template.node_templates", line(topo), "is required and must be a mapping");
        NsDescriptor d;
        d.description = str(at(root, "description"));

        QHash<QString, YAML::Node> byName;
        QString fpNode;
        for (auto it = nodes.begin(); it != nodes.end(); ++it) {
            const QString name = QString::fromStdString(it->first.as<std::string>(""));
            const YAML::Node tmpl = it->second;
            const QString field = "topology_template.node_templates." + name;
            if (!tmpl.IsMap())
                packageFail(file, field, line(it->first), "a node template must be a mapping");
            const QString type = str(at(tmpl, "type"));
            if (type.isEmpty())
                packageFail(file, field + ".type", line(tmpl), "is required");
            byName.insert(name, tmpl);
            const YAML::Node props = at(tmpl, "properties");
            if (type == QLatin1String("tosca.nodes.nfv.NS")) {
                d.descriptorId = str(at(props, "descriptor_id"));
                d.name = str(at(props, "name"));
                d.version = str(at(props, "version"));
                d.designer = str(at(props, "designer"));
                for (const char *req : {"descriptor_id", "name", "version", "designer"})
                    if (str(at(props, req)).isEmpty())
                        packageFail(file, field + ".properties." + QLatin1String(req), line(tmpl), "is required");
            } else if (isVnfType(type)) {
                NsdVnf v;
                v.node = name;
                v.vnfd = str(at(props, "descriptor_id"));
                if (v.vnfd.isEmpty())
                    v.vnfd = str(at(props, "product_name"));
                if (v.vnfd.isEmpty())
                    packageFail(file, field + ".properties.descriptor_id", line(tmpl), "is required (the VNFD this VNF is made from)");
                v.label = str(at(props, "product_name"));
                if (v.label.isEmpty()) v.label = name;
                const YAML::Node pos = at(at(tmpl, "metadata"), "vines.position");
                if (pos.IsSequence() && pos.size() == 2)
                    v.position = QPointF(pos[0].as<double>(0), pos[1].as<double>(0));
                d.vnfs << v;
            } else if (type == QLatin1String("tosca.nodes.nfv.NFP") || isTackerFp(type)) {
                if (!fpNode.isEmpty())
                    packageFail(file, field, line(tmpl), QStringLiteral("a second forwarding path (the first is %1): one path per VNFFG is supported").arg(fpNode));
                fpNode = name;
            }
        }

        // The VNFFG group.
        const YAML::Node groups = at(topo, "groups");
        YAML::Node group;
        QString groupName;
        bool found = false;
        if (groups.IsMap())
            for (auto it = groups.begin(); it != groups.end() && !found; ++it)
                if (str(at(it->second, "type")) == QLatin1String("tosca.groups.nfv.VNFFG")) {
                    group = it->second;
                    groupName = QString::fromStdString(it->first.as<std::string>(""));
                    found = true;
                }
        if (!found)
            packageFail(file, "topology_template.groups", line(groups.IsDefined() ? groups : topo), "no tosca.groups.nfv.VNFFG group");
        const QString gfield = "topology_template.groups." + groupName;
        const YAML::Node members = at(group, "members");
        if (!members.IsSequence() || members.size() == 0)
            packageFail(file, gfield + ".members", line(group), "must list the forwarding path (and the VNFs) of the VNFFG");
        for (const auto &m : members)
            if (!byName.contains(str(m)))
                packageFail(file, gfield + ".members", line(m), QStringLiteral("'%1' is not a node template").arg(str(m)));
        if (fpNode.isEmpty())
            packageFail(file, gfield, line(group), "the VNFFG has no forwarding path (tosca.nodes.nfv.NFP or FP.TackerV2)");

        Vnffg g;
        g.name = groupName;
        g.description = str(at(at(group, "properties"), "description"));
        if (g.description.isEmpty()) g.description = str(at(group, "description"));
        g.pathName = fpNode;
        const YAML::Node fp = byName.value(fpNode);
        const QString pfield = "topology_template.node_templates." + fpNode;
        const bool tacker = isTackerFp(str(at(fp, "type")));
        if (tacker) {
            d.format = "tacker";
            const YAML::Node constituents = at(at(group, "properties"), "constituent_vnfs");
            const YAML::Node path = at(at(fp, "properties"), "path");
            if (!path.IsSequence() || path.size() == 0)
                packageFail(file, pfield + ".properties.path", line(fp), "must list the forwarders in order");
            QSet<QString> constituent;
            for (const auto &c : constituents)
                constituent.insert(str(c));
            for (std::size_t i = 0; i < path.size(); ++i) {
                const QString fw = str(at(path[i], "forwarder"));
                if (fw.isEmpty())
                    packageFail(file, QStringLiteral("%1.properties.path[%2].forwarder").arg(pfield).arg(i), line(path[i]), "is required");
                if (constituents.IsDefined() && !constituent.contains(fw))
                    packageFail(file, QStringLiteral("%1.properties.path[%2].forwarder").arg(pfield).arg(i), line(path[i]),
                                QStringLiteral("'%1' is not in the VNFFG's constituent_vnfs").arg(fw));
                if (!d.vnf(fw))
                    d.vnfs << NsdVnf{fw, fw, fw, {}};
                g.path << NsdHop{fw, str(at(path[i], "capability"))};
            }
            d.descriptorId = str(at(at(root, "metadata"), "template_name"));
            if (d.descriptorId.isEmpty()) d.descriptorId = groupName;
            d.name = d.descriptorId;   // Tacker names a VNFFGD by its template_name
            d.version = str(at(at(group, "properties"), "version"));
            if (d.version.isEmpty()) d.version = "1.0";
            d.designer = str(at(at(group, "properties"), "vendor"));
        } else {
            if (d.descriptorId.isEmpty())
                packageFail(file, "topology_template.node_templates", line(nodes), "no tosca.nodes.nfv.NS node (descriptor_id, name, version, designer)");
            const YAML::Node reqs = at(fp, "requirements");
            if (!reqs.IsSequence() || reqs.size() == 0)
                packageFail(file, pfield + ".requirements", line(fp), "must list the path as 'forwarding' requirements, ingress first");
            for (std::size_t i = 0; i < reqs.size(); ++i) {
                const YAML::Node r = at(reqs[i], "forwarding");
                const QString f = QStringLiteral("%1.requirements[%2].forwarding").arg(pfield).arg(i);
                if (!r.IsDefined())
                    packageFail(file, f, line(reqs[i]), "each requirement of an NFP must be 'forwarding'");
                const QString node = r.IsMap() ? str(at(r, "node")) : str(r);
                if (!d.vnf(node))
                    packageFail(file, f, line(r), QStringLiteral("'%1' is not a VNF of this NSD").arg(node));
                g.path << NsdHop{node, r.IsMap() ? str(at(r, "capability")) : QString()};
            }
        }
        QSet<QString> seen;
        for (int i = 0; i < g.path.size(); ++i) {
            if (seen.contains(g.path[i].node))
                packageFail(file, pfield, line(fp), QStringLiteral("the path visits %1 twice: a forwarding path cannot loop").arg(g.path[i].node));
            seen.insert(g.path[i].node);
        }
        d.vnffgs << g;
        return d;
    } catch (const YAML::Exception &e) {
        packageFail(file, {}, e.mark.line + 1, QStringLiteral("unexpected YAML structure: %1").arg(QString::fromStdString(e.msg)));
    }
}

QByteArray NsdParser::toSol001(const NsDescriptor &d)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    e << YAML::Key << "tosca_definitions_version" << YAML::Value << "tosca_simple_yaml_1_3";
    e << YAML::Key << "description" << YAML::Value << (d.description.isEmpty() ? d.name : d.description).toStdString();
    e << YAML::Key << "topology_template" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "node_templates" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "ns" << YAML::Value << YAML::BeginMap << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.NS";
    e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "descriptor_id" << YAML::Value << d.descriptorId.toStdString();
    e << YAML::Key << "designer" << YAML::Value << d.designer.toStdString();
    e << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << d.version.toStdString();
    e << YAML::Key << "name" << YAML::Value << d.name.toStdString();
    e << YAML::Key << "invariant_id" << YAML::Value << d.descriptorId.toStdString();
    e << YAML::EndMap << YAML::EndMap;
    for (const NsdVnf &v : d.vnfs) {
        e << YAML::Key << v.node.toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.VNF";
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "descriptor_id" << YAML::Value << v.vnfd.toStdString();
        e << YAML::Key << "product_name" << YAML::Value << v.label.toStdString();
        e << YAML::EndMap;
        e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "vines.position" << YAML::Value << YAML::Flow
          << YAML::BeginSeq << v.position.x() << v.position.y() << YAML::EndSeq << YAML::EndMap;
        e << YAML::EndMap;
    }
    for (const Vnffg &g : d.vnffgs) {
        e << YAML::Key << (g.pathName.isEmpty() ? g.name + "_path" : g.pathName).toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.NFP";
        e << YAML::Key << "requirements" << YAML::Value << YAML::BeginSeq;
        for (const NsdHop &h : g.path) {
            e << YAML::BeginMap << YAML::Key << "forwarding" << YAML::Value;
            if (h.cp.isEmpty())
                e << h.node.toStdString();
            else
                e << YAML::Flow << YAML::BeginMap << YAML::Key << "node" << YAML::Value << h.node.toStdString() << YAML::Key
                  << "capability" << YAML::Value << h.cp.toStdString() << YAML::EndMap;
            e << YAML::EndMap;
        }
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndMap;   // node_templates
    e << YAML::Key << "groups" << YAML::Value << YAML::BeginMap;
    for (const Vnffg &g : d.vnffgs) {
        e << YAML::Key << g.name.toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.groups.nfv.VNFFG";
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap << YAML::Key << "description" << YAML::Value
          << g.description.toStdString() << YAML::Key << "number_of_endpoints" << YAML::Value << int(g.path.size()) << YAML::EndMap;
        e << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq
          << (g.pathName.isEmpty() ? g.name + "_path" : g.pathName).toStdString();
        for (const NsdHop &h : g.path)
            e << h.node.toStdString();
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return QByteArray(e.c_str()) + '\n';
}

QByteArray NsdParser::toTacker(const NsDescriptor &d)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    e << YAML::Key << "tosca_definitions_version" << YAML::Value << "tosca_simple_profile_for_nfv_1_0_0";
    e << YAML::Key << "description" << YAML::Value << (d.description.isEmpty() ? d.name : d.description).toStdString();
    e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "template_name" << YAML::Value
      << d.descriptorId.toStdString() << YAML::EndMap;
    e << YAML::Key << "topology_template" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "node_templates" << YAML::Value << YAML::BeginMap;
    int id = 1;
    for (const Vnffg &g : d.vnffgs) {
        e << YAML::Key << (g.pathName.isEmpty() ? g.name + "_path" : g.pathName).toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.FP.TackerV2";
        e << YAML::Key << "description" << YAML::Value << g.description.toStdString();
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap << YAML::Key << "id" << YAML::Value << id++;
        e << YAML::Key << "path" << YAML::Value << YAML::BeginSeq;
        for (const NsdHop &h : g.path) {
            const NsdVnf *v = d.vnf(h.node);
            e << YAML::BeginMap << YAML::Key << "forwarder" << YAML::Value << (v ? v->vnfd : h.node).toStdString();
            e << YAML::Key << "capability" << YAML::Value << (h.cp.isEmpty() ? h.node + "_ext" : h.cp).toStdString() << YAML::EndMap;
        }
        e << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
    }
    e << YAML::EndMap;
    e << YAML::Key << "groups" << YAML::Value << YAML::BeginMap;
    for (const Vnffg &g : d.vnffgs) {
        e << YAML::Key << g.name.toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.groups.nfv.VNFFG";
        e << YAML::Key << "description" << YAML::Value << g.description.toStdString();
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "vendor" << YAML::Value << d.designer.toStdString();
        e << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << d.version.toStdString();
        e << YAML::Key << "number_of_endpoints" << YAML::Value << int(g.path.size());
        e << YAML::Key << "constituent_vnfs" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const NsdHop &h : g.path) {
            const NsdVnf *v = d.vnf(h.node);
            e << (v ? v->vnfd : h.node).toStdString();
        }
        e << YAML::EndSeq << YAML::EndMap;
        e << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq
          << (g.pathName.isEmpty() ? g.name + "_path" : g.pathName).toStdString() << YAML::EndSeq;
        e << YAML::EndMap;
    }
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return QByteArray(e.c_str()) + '\n';
}

} // namespace vines
