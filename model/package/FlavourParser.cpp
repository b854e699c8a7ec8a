// VnfdParser: one deployment flavour's topology (node templates and substitution mappings).
#include "CsarArchive.h"
#include "PackageError.h"
#include "VnfdParser.h"
#include "YamlAccess.h"
#include <QFileInfo>
#include <QSet>

namespace vines {

using yaml::at;
using yaml::str;

namespace {

QStringList protocols(const YAML::Node &props) { return yaml::strings(at(props, "layer_protocols")); }

// requirements: [{name: node}] or [{name: {node: x, ...}}]; the first match, or all of them.
QStringList requirements(const YAML::Node &tmpl, const char *name)
{
    QStringList out;
    const YAML::Node reqs = at(tmpl, "requirements");
    if (!reqs.IsSequence())
        return out;
    for (const auto &r : reqs) {
        const YAML::Node v = at(r, name);
        if (!v.IsDefined())
            continue;
        const QString target = v.IsMap() ? str(at(v, "node")) : str(v);
        if (!target.isEmpty())
            out << target;
    }
    return out;
}
QString requirement(const YAML::Node &tmpl, const char *name) { return requirements(tmpl, name).value(0); }

bool isStorageType(const QString &type)
{
    return type.startsWith(QLatin1String("tosca.nodes.nfv.Vdu.Virtual")) && type.endsWith(QLatin1String("Storage"));
}

} // namespace

QString VnfdParser::artifactPath(const Doc &d, const QString &field, const YAML::Node &artifact) const
{
    const QString file = artifact.IsMap() ? str(at(artifact, "file")) : str(artifact);
    if (file.contains(QLatin1String("://")))
        return file;   // an external artifact (URI): nothing inside the package to check
    const QString dir = QFileInfo(d.path).path();
    const QString path = CsarArchive::normalise(dir == "." ? file : dir + '/' + file);
    if (file.isEmpty() || path.isEmpty() || !m_archive.contains(path))
        packageFail(d.path, field, yamlLine(artifact),
                    QStringLiteral("artifact file '%1' is not in the package (paths are relative to %2)").arg(file, d.path));
    return path;
}

void VnfdParser::parseVdu(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, DeploymentFlavour &out) const
{
    const QString base = QStringLiteral("topology_template.node_templates.%1").arg(node);
    Vdu v;
    v.nodeName = node;
    v.name = str(property(tmpl, type, "name")).trimmed();
    if (v.name.isEmpty())
        packageFail(d.path, base + ".properties.name", yamlLine(tmpl), "a VDU needs properties.name");
    v.description = str(property(tmpl, type, "description"));
    const YAML::Node profile = property(tmpl, type, "vdu_profile");
    if (profile.IsMap()) {
        const YAML::Node min = at(profile, "min_number_of_instances"), max = at(profile, "max_number_of_instances");
        if ((min.IsDefined() && !yaml::toInt(min, &v.minInstances)) || (max.IsDefined() && !yaml::toInt(max, &v.maxInstances))
            || v.minInstances < 0 || v.maxInstances < v.minInstances || v.maxInstances > 10000)
            packageFail(d.path, base + ".properties.vdu_profile", yamlLine(profile),
                        QStringLiteral("min_number_of_instances/max_number_of_instances must be whole numbers with 0 <= min <= max <= 10000 (got %1..%2)")
                            .arg(str(min), str(max)));
    }
    v.initialInstances = v.minInstances;
    const YAML::Node vc = at(at(at(tmpl, "capabilities"), "virtual_compute"), "properties");
    const QString vcField = base + ".capabilities.virtual_compute.properties";
    if (!vc.IsMap())
        packageFail(d.path, vcField, yamlLine(tmpl), "Vdu.Compute needs capabilities.virtual_compute.properties with virtual_cpu and virtual_memory");
    const YAML::Node cpus = at(at(vc, "virtual_cpu"), "num_virtual_cpu");
    if (!yaml::toInt(cpus, &v.numCpus) || v.numCpus < 1 || v.numCpus > 1024)
        packageFail(d.path, vcField + ".virtual_cpu.num_virtual_cpu", yamlLine(cpus.IsDefined() ? cpus : vc),
                    "num_virtual_cpu must be a whole number from 1 to 1024");
    const YAML::Node mem = at(at(vc, "virtual_memory"), "virtual_mem_size");
    v.memoryMb = sizeToMb(str(mem));
    if (v.memoryMb < 1)
        packageFail(d.path, vcField + ".virtual_memory.virtual_mem_size", yamlLine(mem.IsDefined() ? mem : vc),
                    QStringLiteral("virtual_mem_size must be a size such as '512 MB' (got '%1')").arg(str(mem)));
    const YAML::Node arts = at(tmpl, "artifacts");
    if (arts.IsMap()) {
        for (const auto &kv : arts) {
            const QString path = artifactPath(d, base + ".artifacts." + str(kv.first) + ".file", kv.second);
            if (str(at(kv.second, "type")) == QLatin1String("tosca.artifacts.nfv.SwImage") || v.swImage.isEmpty())
                v.swImage = path;
        }
    }
    v.storages = requirements(tmpl, "virtual_storage");
    out.vdus.append(v);
}

DeploymentFlavour VnfdParser::parseFlavour(const Doc &d, const QString &id, const QString &vnfType) const
{
    Q_UNUSED(vnfType);
    DeploymentFlavour f;
    f.id = id;
    f.file = d.path;
    const YAML::Node topo = at(d.root, "topology_template");
    const YAML::Node templates = at(topo, "node_templates");
    if (!templates.IsMap())
        packageFail(d.path, "topology_template.node_templates", yamlLine(topo),
                    QStringLiteral("deployment flavour '%1' has no node_templates mapping").arg(id));
    QHash<QString, int> lines;
    QSet<QString> vls;
    for (const auto &kv : templates) {
        const QString node = str(kv.first);
        const YAML::Node t = kv.second;
        const QString field = "topology_template.node_templates." + node;
        if (!t.IsMap())
            packageFail(d.path, field, yamlLine(t), "a node template must be a mapping");
        const QString type = str(at(t, "type"));
        if (type.isEmpty())
            packageFail(d.path, field + ".type", yamlLine(t), "node template has no type");
        const YAML::Node props = at(t, "properties");
        if (props.IsDefined() && !props.IsMap() && !props.IsNull())
            packageFail(d.path, field + ".properties", yamlLine(props), "properties must be a mapping");
        lines.insert(node, yamlLine(t));

        if (isA(type, "tosca.nodes.nfv.VNF")) {
            const YAML::Node desc = at(props, "flavour_description");
            if (desc.IsScalar())
                f.description = str(desc);
        } else if (isA(type, "tosca.nodes.nfv.Vdu.Compute")) {
            parseVdu(d, node, t, type, f);
        } else if (isStorageType(type) || isA(type, "tosca.nodes.nfv.Vdu.VirtualBlockStorage")) {
            VirtualStorage s{node, type, 0, {}};
            const int mb = sizeToMb(str(at(at(props, "virtual_block_storage_data"), "size_of_storage")));
            s.sizeGb = mb > 0 ? (mb + 1023) / 1024 : 0;
            const YAML::Node arts = at(t, "artifacts");
            if (arts.IsMap())
                for (const auto &a : arts)
                    s.swImage = artifactPath(d, field + ".artifacts." + str(a.first) + ".file", a.second);
            f.storages.append(s);
        } else if (isA(type, "tosca.nodes.nfv.VduCp")) {
            int order = 0;
            yaml::toInt(at(props, "order"), &order);
            VduCp cp{node, requirement(t, "virtual_binding"), requirement(t, "virtual_link"), protocols(props), order};
            if (cp.vdu.isEmpty())
                packageFail(d.path, field + ".requirements.virtual_binding", yamlLine(t), "VduCp must be bound to a VDU (virtual_binding)");
            f.vduCps.append(cp);
        } else if (isA(type, "tosca.nodes.nfv.VnfVirtualLink")) {
            f.virtualLinks.append({node, str(at(props, "description")), protocols(at(props, "connectivity_type"))});
            vls.insert(node);
        } else if (isA(type, "tosca.nodes.nfv.VnfExtCp")) {
            f.extCps.append({node, requirement(t, "internal_virtual_link"), requirement(t, "external_virtual_link"), protocols(props)});
        } else {
            f.others.append({node, type, QStringLiteral("node"), {}});
        }
    }
    if (f.vdus.isEmpty())
        packageFail(d.path, "topology_template.node_templates", yamlLine(templates),
                    QStringLiteral("deployment flavour '%1' has no node of type tosca.nodes.nfv.Vdu.Compute").arg(id));

    // Cross references inside the flavour.
    auto fail = [&](const QString &node, const QString &req, const QString &msg) {
        packageFail(d.path, QStringLiteral("topology_template.node_templates.%1.requirements.%2").arg(node, req), lines.value(node), msg);
    };
    for (const VduCp &cp : std::as_const(f.vduCps)) {
        if (!f.vdu(cp.vdu))
            fail(cp.nodeName, "virtual_binding", QStringLiteral("virtual_binding names '%1', which is not a VDU of flavour %2").arg(cp.vdu, id));
        if (!cp.virtualLink.isEmpty() && !vls.contains(cp.virtualLink))
            fail(cp.nodeName, "virtual_link", QStringLiteral("virtual_link names '%1', which is not a VnfVirtualLink of flavour %2").arg(cp.virtualLink, id));
    }
    for (const ExtCp &cp : std::as_const(f.extCps))
        if (!cp.internalVirtualLink.isEmpty() && !vls.contains(cp.internalVirtualLink))
            fail(cp.nodeName, "internal_virtual_link",
                 QStringLiteral("internal_virtual_link names '%1', which is not a VnfVirtualLink of flavour %2").arg(cp.internalVirtualLink, id));
    for (const Vdu &v : std::as_const(f.vdus))
        for (const QString &s : v.storages)
            if (std::none_of(f.storages.begin(), f.storages.end(), [&](const VirtualStorage &x) { return x.nodeName == s; }))
                fail(v.nodeName, "virtual_storage", QStringLiteral("virtual_storage names '%1', which is not a virtual storage node of flavour %2").arg(s, id));

    // substitution_mappings.requirements: {req: [node, node_req]} (or a list of single-entry maps).
    const YAML::Node smReqs = at(at(topo, "substitution_mappings"), "requirements");
    auto addPoint = [&](const QString &req, const YAML::Node &target) {
        ExternalPoint e{req, {}, {}};
        if ((target.IsSequence() && target.size() == 0) || target.IsNull())
            return;   // declared but not mapped in this flavour
        if (target.IsSequence() && target.size() >= 1) {
            e.node = str(target[0]);
            e.nodeRequirement = target.size() > 1 ? str(target[1]) : QString();
        } else if (target.IsMap()) {
            e.node = str(at(target, "node"));
            e.nodeRequirement = str(at(target, "requirement"));
        }
        if (e.node.isEmpty() || !lines.contains(e.node))
            packageFail(d.path, "topology_template.substitution_mappings.requirements." + req, yamlLine(target),
                        QStringLiteral("maps requirement %1 to '%2', which is not a node of flavour %3").arg(req, e.node, id));
        f.externalPoints.append(e);
    };
    if (smReqs.IsMap())
        for (const auto &kv : smReqs)
            addPoint(str(kv.first), kv.second);
    else if (smReqs.IsSequence())
        for (const auto &r : smReqs)
            if (r.IsMap())
                for (const auto &kv : r)
                    addPoint(str(kv.first), kv.second);

    parsePolicies(d, f);
    return f;
}

} // namespace vines
