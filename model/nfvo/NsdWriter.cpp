// NsdParser: writing NSDs (SOL001 form) and VNFFGDs (Tacker form), classifiers included.
#include "NsdParser.h"
#include <yaml-cpp/yaml.h>

namespace vines {

namespace {

void emitCriteria(YAML::Emitter &e, const Vnffg &g, bool tackerV2)
{
    for (const FlowCriterion &c : g.criteria) {
        e << YAML::BeginMap;
        if (tackerV2) {
            e << YAML::Key << "name" << YAML::Value << (c.name.isEmpty() ? QStringLiteral("criterion") : c.name).toStdString();
            e << YAML::Key << "classifier" << YAML::Value << YAML::BeginMap;
        }
        for (auto it = c.match.begin(); it != c.match.end(); ++it)
            e << YAML::Key << it.key().toStdString() << YAML::Value << it.value().toStdString();
        if (tackerV2)
            e << YAML::EndMap;
        e << YAML::EndMap;
    }
}

QStringList groupNames(const NsDescriptor &d)
{
    QStringList out;
    for (const Vnffg &g : d.vnffgs)
        if (!out.contains(g.name))
            out << g.name;
    return out;
}

std::string pathName(const Vnffg &g) { return (g.pathName.isEmpty() ? g.name + "_path" : g.pathName).toStdString(); }

// One VNFFG group as both forms write it: its paths, the VNFs they visit (NSD node names, or
// VNFD names for Tacker's constituent_vnfs), its description and endpoint count.
struct GroupSummary {
    QStringList members;
    QStringList vnfs;
    QString description;
    int endpoints = 0;
};

GroupSummary summarise(const NsDescriptor &d, const QString &name, bool byVnfd)
{
    GroupSummary out;
    for (const Vnffg &g : d.vnffgs) {
        if (g.name != name)
            continue;
        out.members << QString::fromStdString(pathName(g));
        for (const NsdHop &h : g.path) {
            const NsdVnf *v = d.vnf(h.node);
            const QString id = byVnfd && v ? v->vnfd : h.node;
            if (!out.vnfs.contains(id))
                out.vnfs << id;
        }
        out.endpoints += g.path.size();
        if (out.description.isEmpty())
            out.description = g.description;
    }
    return out;
}

// Tacker classifier keys and their SOL001 NfpRule property names.
const QList<QPair<QString, QString>> &sol001Names()
{
    static const QList<QPair<QString, QString>> names{
        {"ip_proto", "protocol"}, {"destination_port_range", "destination_port_range"},
        {"source_port_range", "source_port_range"}, {"ip_dst_prefix", "destination_ip_address_prefix"},
        {"ip_src_prefix", "source_ip_address_prefix"}, {"eth_type", "ether_type"}, {"eth_dst", "ether_destination_address"},
        {"eth_src", "ether_source_address"}, {"ip_dscp", "dscp"}};
    return names;
}

void emitNfpRule(YAML::Emitter &e, const Vnffg &g, const FlowCriterion &c, int index)
{
    e << YAML::BeginMap << YAML::Key << QStringLiteral("%1_rule%2").arg(QString::fromStdString(pathName(g))).arg(index).toStdString()
      << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "type" << YAML::Value << "tosca.policies.nfv.NfpRule";
    e << YAML::Key << "targets" << YAML::Value << YAML::Flow << YAML::BeginSeq << pathName(g) << YAML::EndSeq;
    QMap<QString, QString> rest = c.match;
    e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
    for (const auto &[tacker, sol] : sol001Names()) {
        if (!rest.contains(tacker))
            continue;
        const QString v = rest.take(tacker);
        e << YAML::Key << sol.toStdString() << YAML::Value;
        if (tacker == QLatin1String("ip_proto"))
            e << (v == QLatin1String("6") ? "tcp" : v == QLatin1String("17") ? "udp" : v == QLatin1String("1") ? "icmp" : v.toStdString());
        else if (tacker.endsWith(QLatin1String("port_range")) && v.contains('-'))
            e << YAML::Flow << YAML::BeginSeq << v.section('-', 0, 0).toInt() << v.section('-', 1, 1).toInt() << YAML::EndSeq;
        else
            e << v.toStdString();
    }
    e << YAML::EndMap;
    e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "vines.criterion" << YAML::Value << c.name.toStdString();
    for (auto it = rest.begin(); it != rest.end(); ++it)
        e << YAML::Key << ("vines.match." + it.key()).toStdString() << YAML::Value << it.value().toStdString();
    e << YAML::EndMap;
    e << YAML::EndMap << YAML::EndMap;
}

} // namespace

QByteArray NsdParser::toSol001(const NsDescriptor &d)
{
    YAML::Emitter e;
    e << YAML::BeginMap;
    e << YAML::Key << "tosca_definitions_version" << YAML::Value << "tosca_simple_yaml_1_2";
    e << YAML::Key << "description" << YAML::Value << (d.description.isEmpty() ? d.name : d.description).toStdString();
    // The ETSI SOL001 NSD types, by their official address (as SOL001 templates import them).
    e << YAML::Key << "imports" << YAML::Value << YAML::BeginSeq
      << "https://forge.etsi.org/rep/nfv/SOL001/raw/v2.6.1/etsi_nfv_sol001_nsd_types.yaml" << YAML::EndSeq;
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
        if (!v.descriptorVersion.isEmpty())
            e << YAML::Key << "descriptor_version" << YAML::Value << YAML::DoubleQuoted << v.descriptorVersion.toStdString();
        if (!v.provider.isEmpty())
            e << YAML::Key << "provider" << YAML::Value << v.provider.toStdString();
        e << YAML::Key << "product_name" << YAML::Value << v.label.toStdString();
        if (!v.softwareVersion.isEmpty())
            e << YAML::Key << "software_version" << YAML::Value << YAML::DoubleQuoted << v.softwareVersion.toStdString();
        if (!v.vnfmInfo.isEmpty()) {
            e << YAML::Key << "vnfm_info" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString &m : v.vnfmInfo)
                e << m.toStdString();
            e << YAML::EndSeq;
        }
        if (!v.flavourId.isEmpty())
            e << YAML::Key << "flavour_id" << YAML::Value << v.flavourId.toStdString();
        if (!v.flavourId.isEmpty())
            e << YAML::Key << "flavour_description" << YAML::Value << YAML::DoubleQuoted << v.flavourDescription.toStdString();
        e << YAML::EndMap;
        e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "vines.position" << YAML::Value << YAML::Flow
          << YAML::BeginSeq << v.position.x() << v.position.y() << YAML::EndSeq << YAML::EndMap;
        e << YAML::EndMap;
    }
    for (const Vnffg &g : d.vnffgs) {
        e << YAML::Key << pathName(g) << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.NFP";
        if (g.symmetrical || !g.correlation.isEmpty() || !g.policyType.isEmpty()) {
            e << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
            if (g.symmetrical)
                e << YAML::Key << "vines.symmetrical" << YAML::Value << "true";
            if (!g.correlation.isEmpty())
                e << YAML::Key << "vines.correlation" << YAML::Value << g.correlation.toStdString();
            if (!g.policyType.isEmpty())
                e << YAML::Key << "vines.policy_type" << YAML::Value << g.policyType.toStdString();
            e << YAML::EndMap;
        }
        e << YAML::Key << "requirements" << YAML::Value << YAML::BeginSeq;
        for (const NsdHop &h : g.path) {
            for (const QString &cp : h.egressCp.isEmpty() ? QStringList{h.cp} : QStringList{h.cp, h.egressCp}) {
                e << YAML::BeginMap << YAML::Key << "forwarding" << YAML::Value;
                if (cp.isEmpty())
                    e << h.node.toStdString();
                else
                    e << YAML::Flow << YAML::BeginMap << YAML::Key << "node" << YAML::Value << h.node.toStdString() << YAML::Key
                      << "capability" << YAML::Value << cp.toStdString() << YAML::EndMap;
                e << YAML::EndMap;
            }
        }
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndMap;   // node_templates
    e << YAML::Key << "groups" << YAML::Value << YAML::BeginMap;
    for (const QString &name : groupNames(d)) {
        const GroupSummary gs = summarise(d, name, false);
        e << YAML::Key << name.toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.groups.nfv.VNFFG";
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap << YAML::Key << "description" << YAML::Value
          << gs.description.toStdString() << YAML::Key << "number_of_endpoints" << YAML::Value << gs.endpoints << YAML::EndMap;
        e << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &m : gs.members + gs.vnfs)
            e << m.toStdString();
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndMap;   // groups
    bool anyRule = false;
    for (const Vnffg &g : d.vnffgs)
        anyRule = anyRule || !g.criteria.isEmpty();
    if (anyRule) {
        e << YAML::Key << "policies" << YAML::Value << YAML::BeginSeq;
        for (const Vnffg &g : d.vnffgs)
            for (int i = 0; i < g.criteria.size(); ++i)
                emitNfpRule(e, g, g.criteria[i], i + 1);
        e << YAML::EndSeq;
    }
    e << YAML::EndMap << YAML::EndMap;
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
        e << YAML::Key << pathName(g) << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.nodes.nfv.FP.TackerV2";
        e << YAML::Key << "description" << YAML::Value << g.description.toStdString();
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap << YAML::Key << "id" << YAML::Value << id++;
        if (g.symmetrical)
            e << YAML::Key << "symmetrical" << YAML::Value << true;
        if (!g.correlation.isEmpty())
            e << YAML::Key << "correlation" << YAML::Value << g.correlation.toStdString();
        if (!g.criteria.isEmpty()) {
            e << YAML::Key << "policy" << YAML::Value << YAML::BeginMap << YAML::Key << "type" << YAML::Value
              << (g.policyType.isEmpty() ? QStringLiteral("ACL") : g.policyType).toStdString();
            e << YAML::Key << "criteria" << YAML::Value << YAML::BeginSeq;
            emitCriteria(e, g, true);
            e << YAML::EndSeq << YAML::EndMap;
        }
        e << YAML::Key << "path" << YAML::Value << YAML::BeginSeq;
        for (const NsdHop &h : g.path) {
            const NsdVnf *v = d.vnf(h.node);
            const std::string fw = (v ? v->vnfd : h.node).toStdString();
            e << YAML::BeginMap << YAML::Key << "forwarder" << YAML::Value << fw;
            e << YAML::Key << "capability" << YAML::Value << (h.cp.isEmpty() ? h.node + "_ext" : h.cp).toStdString() << YAML::EndMap;
            if (!h.egressCp.isEmpty())
                e << YAML::BeginMap << YAML::Key << "forwarder" << YAML::Value << fw << YAML::Key << "capability" << YAML::Value
                  << h.egressCp.toStdString() << YAML::EndMap;
        }
        e << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
    }
    e << YAML::EndMap;
    e << YAML::Key << "groups" << YAML::Value << YAML::BeginMap;
    for (const QString &name : groupNames(d)) {
        const GroupSummary gs = summarise(d, name, true);
        e << YAML::Key << name.toStdString() << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "type" << YAML::Value << "tosca.groups.nfv.VNFFG";
        e << YAML::Key << "description" << YAML::Value << gs.description.toStdString();
        e << YAML::Key << "properties" << YAML::Value << YAML::BeginMap;
        e << YAML::Key << "vendor" << YAML::Value << d.designer.toStdString();
        e << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << d.version.toStdString();
        e << YAML::Key << "number_of_endpoints" << YAML::Value << gs.endpoints;
        e << YAML::Key << "constituent_vnfs" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &c : gs.vnfs)
            e << c.toStdString();
        e << YAML::EndSeq << YAML::EndMap;
        e << YAML::Key << "members" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &m : gs.members)
            e << m.toStdString();
        e << YAML::EndSeq << YAML::EndMap;
    }
    e << YAML::EndMap << YAML::EndMap << YAML::EndMap;
    return QByteArray(e.c_str()) + '\n';
}

} // namespace vines
