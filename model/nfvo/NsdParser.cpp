#include "NsdParser.h"
#include "package/PackageError.h"
#include "package/YamlAccess.h"
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace vines {

using yaml::at;
using yaml::str;

namespace {

int line(const YAML::Node &n) { return yamlLine(n); }
bool isVnfType(const QString &t)
{
    return t == QLatin1String("tosca.nodes.nfv.VNF") || t.startsWith(QLatin1String("vines.nodes.")) || t.endsWith(QLatin1String(".VNF"));
}
bool isTackerFp(const QString &t) { return t == QLatin1String("tosca.nodes.nfv.FP.TackerV2") || t == QLatin1String("tosca.nodes.nfv.FP.Tacker"); }
bool isNfp(const QString &t) { return t == QLatin1String("tosca.nodes.nfv.NFP") || isTackerFp(t); }

// The match criteria a Tacker VNFFGD classifier may use (Tacker's VNFFGD template guide and its
// tosca.nfv.datatypes.aclType); anything else is refused, as Tacker refuses it.
const QSet<QString> &tackerMatchKeys()
{
    static const QSet<QString> keys{
        "eth_type", "eth_src", "eth_dst", "vlan_id", "vlan_pcp", "mpls_label", "mpls_tc", "ip_dscp", "ip_ecn",
        "ip_src_prefix", "ip_dst_prefix", "ip_proto", "tenant_id", "icmpv4_type", "icmpv4_code", "arp_op", "arp_spa",
        "arp_tpa", "arp_sha", "arp_tha", "ipv6_src", "ipv6_dst", "ipv6_flabel", "icmpv6_type", "icmpv6_code",
        "ipv6_nd_target", "ipv6_nd_sll", "ipv6_nd_tll", "network_id", "network_name", "network_src_port_id",
        "network_dst_port_id", "source_port_range", "destination_port_range"};
    return keys;
}

// SOL001 NfpRule property -> the classifier key the console keeps (Tacker's names).
const QHash<QString, QString> &fromSol001()
{
    static const QHash<QString, QString> names{
        {"protocol", "ip_proto"}, {"destination_port_range", "destination_port_range"},
        {"source_port_range", "source_port_range"}, {"destination_ip_address_prefix", "ip_dst_prefix"},
        {"source_ip_address_prefix", "ip_src_prefix"}, {"ether_type", "eth_type"},
        {"ether_destination_address", "eth_dst"}, {"ether_source_address", "eth_src"}, {"dscp", "ip_dscp"}};
    return names;
}

struct Reader {
    QString file;
    YAML::Node inputs;

    [[noreturn]] void fail(const QString &field, const YAML::Node &n, const QString &msg) const { packageFail(file, field, line(n), msg); }

    // A scalar, or {get_input: x} as the input's default when it has one, else "get_input:x".
    QString value(const YAML::Node &n) const
    {
        if (n.IsScalar())
            return str(n);
        const QString input = str(at(n, "get_input"));
        if (!input.isEmpty()) {
            const YAML::Node def = at(at(inputs, input), "default");
            return def.IsScalar() ? str(def) : QStringLiteral("get_input:%1").arg(input);
        }
        if (n.IsSequence() && n.size() == 2 && n[0].IsScalar() && n[1].IsScalar())
            return str(n[0]) + '-' + str(n[1]);   // a TOSCA range [a, b]
        return {};
    }

    FlowCriterion criterion(const YAML::Node &c, const QString &field) const
    {
        FlowCriterion out;
        YAML::Node match = c;
        if (at(c, "classifier").IsDefined()) {   // TackerV2: {name, classifier: {...}}
            out.name = str(at(c, "name"));
            match = at(c, "classifier");
        }
        if (!match.IsMap())
            fail(field, c, "a classifier criterion must be a mapping of match fields");
        for (const auto &kv : match) {
            const QString key = str(kv.first);
            if (!tackerMatchKeys().contains(key))
                fail(field + '.' + key, kv.first,
                     QStringLiteral("'%1' is not a classifier match field (expected one of ip_proto, destination_port_range, "
                                    "ip_dst_prefix, network_src_port_id, ...)").arg(key));
            out.match.insert(key, value(kv.second));
        }
        return out;
    }
};

// Collapses an ingress/egress pair of one VNF (consecutive hops on the same node) into one hop;
// refuses a VNF that comes back later (a loop).
QList<NsdHop> collapse(const Reader &r, const QList<NsdHop> &raw, const QString &field, const YAML::Node &where)
{
    QList<NsdHop> out;
    QSet<QString> seen;
    for (const NsdHop &h : raw) {
        if (!out.isEmpty() && out.last().node == h.node && out.last().egressCp.isEmpty()) {
            out.last().egressCp = h.cp.isEmpty() ? out.last().cp : h.cp;
            continue;
        }
        if (seen.contains(h.node))
            r.fail(field, where, QStringLiteral("the path comes back to %1: a forwarding path cannot loop").arg(h.node));
        seen.insert(h.node);
        out << h;
    }
    return out;
}

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

NsDescriptor NsdParser::parse(const QByteArray &yamlText, const QString &file)
{
    const YAML::Node root = yaml::loadDocument(yamlText, file);
    try {
        return parseTree(root, file);
    } catch (const YAML::Exception &e) {
        packageFail(file, {}, e.mark.line + 1, QStringLiteral("unexpected YAML structure: %1").arg(QString::fromStdString(e.msg)));
    }
}

NsDescriptor NsdParser::parseTree(const YAML::Node &root, const QString &file)
{
    Reader r{file, {}};
    if (!root.IsMap())
        r.fail({}, root, "a descriptor must be a YAML mapping");
    if (str(at(root, "tosca_definitions_version")).isEmpty())
        r.fail("tosca_definitions_version", root, "is required");
    const YAML::Node topo = at(root, "topology_template");
    if (!topo.IsMap())
        r.fail("topology_template", root, "is required and must be a mapping");
    const YAML::Node nodes = at(topo, "node_templates");
    if (!nodes.IsMap())
        r.fail("topology_template.node_templates", topo, "is required and must be a mapping");
    r.inputs = at(topo, "inputs");
    NsDescriptor d;
    d.description = str(at(root, "description"));

    QHash<QString, YAML::Node> byName;
    QStringList fpNodes;
    for (const auto &kv : nodes) {
        const QString name = str(kv.first);
        const YAML::Node tmpl = kv.second;
        const QString field = "topology_template.node_templates." + name;
        if (!tmpl.IsMap())
            r.fail(field, kv.first, "a node template must be a mapping");
        const QString type = str(at(tmpl, "type"));
        if (type.isEmpty())
            r.fail(field + ".type", tmpl, "is required");
        byName.insert(name, tmpl);
        const YAML::Node props = at(tmpl, "properties");
        if (type == QLatin1String("tosca.nodes.nfv.NS")) {
            d.descriptorId = str(at(props, "descriptor_id"));
            d.name = str(at(props, "name"));
            d.version = str(at(props, "version"));
            d.designer = str(at(props, "designer"));
            for (const char *req : {"descriptor_id", "name", "version", "designer"})
                if (str(at(props, req)).isEmpty())
                    r.fail(field + ".properties." + QLatin1String(req), tmpl, "is required");
        } else if (isVnfType(type)) {
            NsdVnf v;
            v.node = name;
            v.vnfd = str(at(props, "descriptor_id"));
            if (v.vnfd.isEmpty())
                v.vnfd = str(at(props, "product_name"));
            if (v.vnfd.isEmpty())
                r.fail(field + ".properties.descriptor_id", tmpl, "is required (the VNFD this VNF is made from)");
            v.label = str(at(props, "product_name"));
            if (v.label.isEmpty())
                v.label = name;
            v.provider = str(at(props, "provider"));
            v.descriptorVersion = str(at(props, "descriptor_version"));
            v.softwareVersion = str(at(props, "software_version"));
            v.flavourId = str(at(props, "flavour_id"));
            v.flavourDescription = str(at(props, "flavour_description"));
            for (const auto &m : at(props, "vnfm_info"))
                v.vnfmInfo << str(m);
            const YAML::Node pos = at(at(tmpl, "metadata"), "vines.position");
            if (pos.IsSequence() && pos.size() == 2)
                v.position = QPointF(str(pos[0]).toDouble(), str(pos[1]).toDouble());
            d.vnfs << v;
        } else if (isNfp(type)) {
            fpNodes << name;
        }
    }
    if (fpNodes.isEmpty())
        r.fail("topology_template.node_templates", nodes, "no forwarding path (tosca.nodes.nfv.NFP or FP.TackerV2)");

    // VNFFG groups: which paths each holds; a path no group names is a VNFFG of its own.
    QHash<QString, QString> groupOf;
    QHash<QString, YAML::Node> groupNode;
    const YAML::Node groups = at(topo, "groups");
    if (groups.IsMap()) {
        for (const auto &kv : groups) {
            if (str(at(kv.second, "type")) != QLatin1String("tosca.groups.nfv.VNFFG"))
                continue;
            const QString name = str(kv.first);
            const QString gfield = "topology_template.groups." + name;
            const YAML::Node members = at(kv.second, "members");
            if (!members.IsSequence() || members.size() == 0)
                r.fail(gfield + ".members", kv.second, "must list the forwarding paths (and VNFs) of the VNFFG");
            bool hasPath = false;
            for (const auto &m : members) {
                if (!byName.contains(str(m)))
                    r.fail(gfield + ".members", m, QStringLiteral("'%1' is not a node template").arg(str(m)));
                if (fpNodes.contains(str(m))) {
                    if (groupOf.contains(str(m)))
                        r.fail(gfield + ".members", m, QStringLiteral("path %1 is already in VNFFG %2").arg(str(m), groupOf.value(str(m))));
                    groupOf.insert(str(m), name);
                    hasPath = true;
                }
            }
            if (!hasPath)
                r.fail(gfield + ".members", kv.second, "the VNFFG has no forwarding path (tosca.nodes.nfv.NFP or FP.TackerV2) among its members");
            groupNode.insert(name, kv.second);
        }
    }

    // NfpRule policies (SOL001 classifiers), by the path they target.
    QHash<QString, QList<FlowCriterion>> rules;
    const YAML::Node policies = at(topo, "policies");
    if (policies.IsSequence())
        for (const auto &p : policies)
            for (const auto &kv : p) {
                if (str(at(kv.second, "type")) != QLatin1String("tosca.policies.nfv.NfpRule"))
                    continue;
                FlowCriterion c;
                c.name = str(at(at(kv.second, "metadata"), "vines.criterion"));
                if (c.name.isEmpty())
                    c.name = str(kv.first);
                for (const auto &pr : at(kv.second, "properties")) {
                    const QString key = fromSol001().value(str(pr.first), str(pr.first));
                    QString v = r.value(pr.second);
                    if (key == QLatin1String("ip_proto"))
                        v = v == QLatin1String("tcp") ? "6" : v == QLatin1String("udp") ? "17" : v == QLatin1String("icmp") ? "1" : v;
                    c.match.insert(key, v);
                }
                for (const auto &md : at(kv.second, "metadata"))
                    if (str(md.first).startsWith(QLatin1String("vines.match.")))
                        c.match.insert(str(md.first).mid(12), str(md.second));
                const YAML::Node targets = at(kv.second, "targets");
                for (const auto &t : targets)
                    rules[str(t)] << c;
            }

    bool anyTacker = false;
    for (const QString &fpNode : std::as_const(fpNodes)) {
        const YAML::Node fp = byName.value(fpNode);
        const QString pfield = "topology_template.node_templates." + fpNode;
        const YAML::Node props = at(fp, "properties");
        Vnffg g;
        g.name = groupOf.value(fpNode, fpNode);
        g.pathName = fpNode;
        const YAML::Node group = groupNode.value(g.name);
        g.description = str(at(at(group, "properties"), "description"));
        if (g.description.isEmpty())
            g.description = str(at(group, "description"));
        if (g.description.isEmpty())
            g.description = str(at(fp, "description"));
        QList<NsdHop> raw;
        if (isTackerFp(str(at(fp, "type")))) {
            anyTacker = true;
            const YAML::Node constituents = at(at(group, "properties"), "constituent_vnfs");
            const YAML::Node path = at(props, "path");
            if (!path.IsSequence() || path.size() == 0)
                r.fail(pfield + ".properties.path", fp, "must list the forwarders in order");
            QSet<QString> constituent;
            for (const auto &c : constituents)
                constituent.insert(str(c));
            for (std::size_t i = 0; i < path.size(); ++i) {
                const QString f = QStringLiteral("%1.properties.path[%2].forwarder").arg(pfield).arg(i);
                const QString fw = str(at(path[i], "forwarder"));
                if (fw.isEmpty())
                    r.fail(f, path[i], "is required");
                if (constituents.IsDefined() && !constituent.contains(fw))
                    r.fail(f, path[i], QStringLiteral("'%1' is not in the VNFFG's constituent_vnfs").arg(fw));
                if (!d.vnf(fw))
                    d.vnfs << NsdVnf{fw, fw, fw, {}};
                raw << NsdHop{fw, str(at(path[i], "capability")), {}};
            }
            g.symmetrical = str(at(props, "symmetrical")) == QLatin1String("true");
            g.correlation = str(at(props, "correlation"));
            const YAML::Node policy = at(props, "policy");
            if (policy.IsDefined()) {
                g.policyType = str(at(policy, "type"));
                const YAML::Node criteria = at(policy, "criteria");
                if (!criteria.IsSequence())
                    r.fail(pfield + ".properties.policy.criteria", policy, "must be a list of classifier criteria");
                for (std::size_t i = 0; i < criteria.size(); ++i)
                    g.criteria << r.criterion(criteria[i], QStringLiteral("%1.properties.policy.criteria[%2]").arg(pfield).arg(i));
            }
        } else {
            const YAML::Node reqs = at(fp, "requirements");
            if (!reqs.IsSequence() || reqs.size() == 0)
                r.fail(pfield + ".requirements", fp, "must list the path as 'forwarding' requirements, ingress first");
            for (std::size_t i = 0; i < reqs.size(); ++i) {
                const YAML::Node req = at(reqs[i], "forwarding");
                const QString f = QStringLiteral("%1.requirements[%2].forwarding").arg(pfield).arg(i);
                if (!req.IsDefined())
                    r.fail(f, reqs[i], "each requirement of an NFP must be 'forwarding'");
                const QString node = req.IsMap() ? str(at(req, "node")) : str(req);
                if (!d.vnf(node))
                    r.fail(f, req, QStringLiteral("'%1' is not a VNF of this NSD").arg(node));
                raw << NsdHop{node, req.IsMap() ? str(at(req, "capability")) : QString(), {}};
            }
            const YAML::Node md = at(fp, "metadata");
            g.symmetrical = str(at(md, "vines.symmetrical")) == QLatin1String("true");
            g.correlation = str(at(md, "vines.correlation"));
            g.policyType = str(at(md, "vines.policy_type"));
            g.criteria = rules.value(fpNode);
        }
        g.path = collapse(r, raw, pfield, fp);
        d.vnffgs << g;
    }

    if (anyTacker) {
        d.format = "tacker";
        d.descriptorId = str(at(at(root, "metadata"), "template_name"));
        if (d.descriptorId.isEmpty())
            d.descriptorId = d.vnffgs.first().name;
        if (d.name.isEmpty())
            d.name = d.descriptorId;   // Tacker names a VNFFGD by its template_name
        const YAML::Node gprops = at(groupNode.value(d.vnffgs.first().name), "properties");
        d.version = str(at(gprops, "version"));
        if (d.version.isEmpty())
            d.version = "1.0";
        d.designer = str(at(gprops, "vendor"));
        if (d.designer.isEmpty())
            d.designer = QStringLiteral("tacker");
    } else if (d.descriptorId.isEmpty()) {
        r.fail("topology_template.node_templates", nodes, "no tosca.nodes.nfv.NS node (descriptor_id, name, version, designer)");
    }
    return d;
}

} // namespace vines
