#include "VnfdParser.h"
#include "CsarArchive.h"
#include "PackageError.h"
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace vines {

int yamlLine(const YAML::Node &n)
{
    if (!n.IsDefined())
        return 0;
    const YAML::Mark m = n.Mark();
    return m.line >= 0 ? m.line + 1 : 0;
}

namespace {

QString str(const YAML::Node &n) { return QString::fromStdString(n.as<std::string>("")); }

// Child lookup that never yields yaml-cpp's throwing "zombie" nodes.
YAML::Node at(const YAML::Node &n, const char *key)
{
    if (!n.IsDefined() || !n.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node c = n[key];
    return c.IsDefined() ? c : YAML::Node(YAML::NodeType::Undefined);
}

bool builtinImport(const QString &name)
{
    return name.startsWith(QLatin1String("http://")) || name.startsWith(QLatin1String("https://"))
        || QFileInfo(name).fileName().startsWith(QLatin1String("etsi_nfv_sol001_"));
}

bool knownBuiltinType(const QString &type)
{
    return type.startsWith(QLatin1String("tosca.nodes."));
}

QStringList protocols(const YAML::Node &props)
{
    QStringList out;
    const YAML::Node lp = at(props, "layer_protocols");
    if (lp.IsSequence())
        for (const auto &x : lp)
            out << str(x);
    return out;
}

QJsonValue toJson(const YAML::Node &n)
{
    if (n.IsMap()) {
        QJsonObject o;
        for (const auto &kv : n)
            o.insert(str(kv.first), toJson(kv.second));
        return o;
    }
    if (n.IsSequence()) {
        QJsonArray a;
        for (const auto &x : n)
            a.append(toJson(x));
        return a;
    }
    if (n.IsScalar()) {
        const QString s = str(n);
        if (n.Tag() == "!")   // quoted scalar stays a string
            return s;
        bool ok = false;
        const qlonglong i = s.toLongLong(&ok);
        if (ok) return i;
        const double d = s.toDouble(&ok);
        if (ok) return d;
        if (s == QLatin1String("true")) return true;
        if (s == QLatin1String("false")) return false;
        return s;
    }
    return QJsonValue();
}

} // namespace

int VnfdParser::sizeToMb(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const double v = m.captured(1).toDouble();
    const QString u = m.captured(2).toLower();
    double mb;
    if (u == "b") mb = v / (1024.0 * 1024.0);
    else if (u == "kb" || u == "kib") mb = v / 1024.0;
    else if (u == "mb" || u == "mib" || u.isEmpty()) mb = v;
    else if (u == "gb" || u == "gib") mb = v * 1024.0;
    else if (u == "tb" || u == "tib") mb = v * 1024.0 * 1024.0;
    else return -1;
    if (mb > 1e9)
        return -1;
    return static_cast<int>(mb + 0.5);
}

VnfdParser::VnfdParser(const CsarArchive &archive) : m_archive(archive) {}

void VnfdParser::load(const QString &path, const QString &from, int fromLine)
{
    if (m_docs.contains(path))
        return;
    if (m_loading.contains(path))
        packageFail(from, "imports", fromLine, QStringLiteral("import cycle through %1").arg(path));
    if (!m_archive.contains(path))
        packageFail(from.isEmpty() ? path : from, from.isEmpty() ? QString() : QStringLiteral("imports"), fromLine,
                    from.isEmpty() ? QStringLiteral("entry definitions file is missing from the archive")
                                   : QStringLiteral("imported file %1 is not in the archive").arg(path));
    m_loading.insert(path);
    Doc d{path, {}};
    try {
        d.root = YAML::Load(m_archive.file(path).toStdString());
    } catch (const YAML::ParserException &e) {
        packageFail(path, {}, e.mark.line + 1, QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    } catch (const YAML::Exception &e) {
        packageFail(path, {}, e.mark.line + 1, QStringLiteral("YAML error: %1").arg(QString::fromStdString(e.msg)));
    }
    if (!d.root.IsMap())
        packageFail(path, {}, yamlLine(d.root), "a TOSCA service template must be a YAML mapping");
    if (!d.root["tosca_definitions_version"])
        packageFail(path, "tosca_definitions_version", 1, "required key tosca_definitions_version is missing");

    const YAML::Node imports = d.root["imports"];
    if (imports && !imports.IsSequence())
        packageFail(path, "imports", yamlLine(imports), "imports must be a list");
    const QString dir = QFileInfo(path).path();
    for (const auto &imp : imports) {
        QString name = imp.IsMap() ? str(imp["file"]) : str(imp);
        if (name.isEmpty())
            packageFail(path, "imports", yamlLine(imp), "import without a file name");
        if (builtinImport(name))
            continue;
        const QString resolved = CsarArchive::normalise(dir == "." ? name : dir + '/' + name);
        if (resolved.isEmpty())
            packageFail(path, "imports", yamlLine(imp), QStringLiteral("import %1 escapes the package root").arg(name));
        load(resolved, path, yamlLine(imp));
    }

    const YAML::Node types = d.root["node_types"];
    if (types && !types.IsMap())
        packageFail(path, "node_types", yamlLine(types), "node_types must be a mapping");
    for (const auto &kv : types) {
        const QString t = str(kv.first);
        if (!kv.second.IsMap())
            packageFail(path, "node_types." + t, yamlLine(kv.second), "a node type must be a mapping");
        m_derivedFrom.insert(t, str(kv.second["derived_from"]));
        m_typeNodes.insert(t, kv.second);
    }
    m_loading.remove(path);
    m_docs.insert(path, d);
    m_order << path;
}

bool VnfdParser::isA(const QString &type, const QString &base) const
{
    QString t = type;
    for (int depth = 0; depth < 32 && !t.isEmpty(); ++depth) {
        if (t == base)
            return true;
        t = m_derivedFrom.value(t);
    }
    return false;
}

YAML::Node VnfdParser::property(const YAML::Node &tmpl, const QString &type, const char *name) const
{
    const YAML::Node props = at(tmpl, "properties");
    if (props.IsMap() && props[name])
        return props[name];
    QString t = type;
    for (int depth = 0; depth < 32 && !t.isEmpty(); ++depth) {
        const YAML::Node tn = m_typeNodes.value(t);
        if (at(at(tn, "properties"), name).IsMap()) {
            const YAML::Node def = at(at(tn, "properties"), name);
            if (def["default"])
                return def["default"];
            const YAML::Node cons = def["constraints"];
            if (cons.IsSequence())
                for (const auto &c : cons)
                    if (at(c, "valid_values").IsSequence() && at(c, "valid_values").size() == 1)
                        return c["valid_values"][0];
        }
        t = m_derivedFrom.value(t);
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

QString VnfdParser::requiredString(const Doc &d, const YAML::Node &tmpl, const QString &type, const QString &node,
                                   const char *name) const
{
    const YAML::Node v = property(tmpl, type, name);
    const QString field = QStringLiteral("topology_template.node_templates.%1.properties.%2").arg(node, QLatin1String(name));
    if (!v.IsDefined() || v.IsNull())
        packageFail(d.path, field, yamlLine(tmpl), QStringLiteral("required property %1 is missing").arg(QLatin1String(name)));
    if (!v.IsScalar() || str(v).trimmed().isEmpty())
        packageFail(d.path, field, yamlLine(v), QStringLiteral("property %1 must be a non-empty string").arg(QLatin1String(name)));
    return str(v).trimmed();
}

QString VnfdParser::requirement(const YAML::Node &tmpl, const char *name) const
{
    const YAML::Node reqs = tmpl["requirements"];
    if (!reqs.IsSequence())
        return {};
    for (const auto &r : reqs) {
        if (!r.IsMap() || !r[name])
            continue;
        const YAML::Node v = r[name];
        return v.IsMap() ? str(v["node"]) : str(v);
    }
    return {};
}

void VnfdParser::parseVnf(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out)
{
    if (!out.nodeName.isEmpty())
        packageFail(d.path, "topology_template.node_templates." + node, yamlLine(tmpl),
                    QStringLiteral("a second VNF node (first is %1); one VNF per package").arg(out.nodeName));
    out.nodeName = node;
    out.descriptorId = requiredString(d, tmpl, type, node, "descriptor_id");
    out.descriptorVersion = requiredString(d, tmpl, type, node, "descriptor_version");
    out.provider = requiredString(d, tmpl, type, node, "provider");
    out.productName = requiredString(d, tmpl, type, node, "product_name");
    out.softwareVersion = requiredString(d, tmpl, type, node, "software_version");
    out.flavourId = requiredString(d, tmpl, type, node, "flavour_id");
    out.flavourDescription = str(property(tmpl, type, "flavour_description"));
    const YAML::Node vnfm = property(tmpl, type, "vnfm_info");
    if (vnfm.IsSequence())
        for (const auto &x : vnfm)
            out.vnfmInfo << str(x);

    const QString expField = QStringLiteral("topology_template.node_templates.%1.properties.vnf_exp").arg(node);
    const YAML::Node exp = property(tmpl, type, "vnf_exp");
    if (!exp.IsDefined()) {
        out.exp.platform = QStringLiteral("generic-ssh");
        return;
    }
    if (!exp.IsMap())
        packageFail(d.path, expField, yamlLine(exp), "vnf_exp must be a mapping with platform, nf_type and config");
    out.exp.platform = str(exp["platform"]);
    if (!supportedPlatforms().contains(out.exp.platform))
        packageFail(d.path, expField + ".platform", yamlLine(exp["platform"].IsDefined() ? exp["platform"] : exp),
                    QStringLiteral("unknown VNF execution platform '%1' (expected one of %2)")
                        .arg(out.exp.platform, supportedPlatforms().join(", ")));
    out.exp.nfType = str(exp["nf_type"]);
    if (out.exp.platform == QLatin1String("leaf") && !leafNfTypes().contains(out.exp.nfType))
        packageFail(d.path, expField + ".nf_type", yamlLine(exp["nf_type"].IsDefined() ? exp["nf_type"] : exp),
                    QStringLiteral("Leaf cannot run nf_type '%1' (expected one of %2)").arg(out.exp.nfType, leafNfTypes().join(", ")));
    if (exp["config"].IsDefined() && !exp["config"].IsMap())
        packageFail(d.path, expField + ".config", yamlLine(exp["config"]), "config must be a mapping");
    out.exp.config = toJson(exp["config"]).toObject();
    if (out.exp.nfType == QLatin1String("exec")) {
        const QString cmd = out.exp.config.value("command").toString();
        if (cmd.isEmpty() || !m_archive.contains(CsarArchive::normalise(cmd)))
            packageFail(d.path, expField + ".config.command", yamlLine(exp["config"].IsDefined() ? exp["config"] : exp),
                        QStringLiteral("exec NF needs config.command naming an executable inside the package (got '%1')").arg(cmd));
    }
}

void VnfdParser::parseVdu(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out)
{
    const QString base = QStringLiteral("topology_template.node_templates.%1").arg(node);
    Vdu v;
    v.nodeName = node;
    v.name = requiredString(d, tmpl, type, node, "name");
    v.description = str(property(tmpl, type, "description"));
    const YAML::Node profile = property(tmpl, type, "vdu_profile");
    if (profile.IsMap()) {
        v.minInstances = profile["min_number_of_instances"].as<int>(1);
        v.maxInstances = profile["max_number_of_instances"].as<int>(1);
        if (v.minInstances < 0 || v.maxInstances < v.minInstances)
            packageFail(d.path, base + ".properties.vdu_profile", yamlLine(profile),
                        QStringLiteral("invalid instance range %1..%2").arg(v.minInstances).arg(v.maxInstances));
    }
    const YAML::Node vc = at(at(at(tmpl, "capabilities"), "virtual_compute"), "properties");
    const QString vcField = base + ".capabilities.virtual_compute.properties";
    if (!vc.IsMap())
        packageFail(d.path, vcField, yamlLine(tmpl), "VDU.Compute needs capabilities.virtual_compute with virtual_cpu and virtual_memory");
    const YAML::Node cpus = at(at(vc, "virtual_cpu"), "num_virtual_cpu");
    if (!cpus.IsScalar() || cpus.as<int>(0) < 1 || cpus.as<int>(0) > 1024)
        packageFail(d.path, vcField + ".virtual_cpu.num_virtual_cpu", yamlLine(cpus.IsDefined() ? cpus : vc),
                    "num_virtual_cpu must be a whole number from 1 to 1024");
    v.numCpus = cpus.as<int>();
    const YAML::Node mem = at(at(vc, "virtual_memory"), "virtual_mem_size");
    v.memoryMb = mem.IsScalar() ? sizeToMb(str(mem)) : -1;
    if (v.memoryMb < 1)
        packageFail(d.path, vcField + ".virtual_memory.virtual_mem_size", yamlLine(mem.IsDefined() ? mem : vc),
                    QStringLiteral("virtual_mem_size must be a size such as '512 MB' (got '%1')").arg(mem.IsScalar() ? str(mem) : QString()));
    const YAML::Node arts = at(tmpl, "artifacts");
    if (arts.IsMap()) {
        for (const auto &kv : arts) {
            const QString file = kv.second.IsMap() ? str(kv.second["file"]) : str(kv.second);
            const QString path = CsarArchive::normalise(file);
            if (path.isEmpty() || !m_archive.contains(path))
                packageFail(d.path, base + ".artifacts." + str(kv.first) + ".file", yamlLine(kv.second),
                            QStringLiteral("artifact file '%1' is not in the package").arg(file));
            if (str(kv.second["type"]) == QLatin1String("tosca.artifacts.nfv.SwImage") || v.swImage.isEmpty())
                v.swImage = path;
        }
    }
    out.vdus.append(v);
}

VnfDescriptor VnfdParser::parse(const QString &entryPath)
{
    try {
        return parseEntry(entryPath);
    } catch (const YAML::Exception &e) {
        packageFail(entryPath, {}, e.mark.line + 1, QStringLiteral("unexpected YAML structure: %1").arg(QString::fromStdString(e.msg)));
    }
}

VnfDescriptor VnfdParser::parseEntry(const QString &entryPath)
{
    load(entryPath, {}, 0);
    // Topology: the entry's own, or (multi-file VNFDs) the first imported one that has it.
    const Doc *topo = nullptr;
    if (m_docs[entryPath].root["topology_template"])
        topo = &m_docs[entryPath];
    for (const QString &p : std::as_const(m_order))
        if (!topo && m_docs[p].root["topology_template"])
            topo = &m_docs[p];
    if (!topo)
        packageFail(entryPath, "topology_template", 0, "no topology_template with node_templates in the VNFD");
    const Doc &d = *topo;
    const YAML::Node templates = at(at(d.root, "topology_template"), "node_templates");
    if (!templates.IsMap())
        packageFail(d.path, "topology_template.node_templates", yamlLine(d.root["topology_template"]),
                    "node_templates must be a mapping of node name to template");

    VnfDescriptor out;
    QHash<QString, int> vlLines;
    for (const auto &kv : templates) {
        const QString node = str(kv.first);
        const YAML::Node t = kv.second;
        const QString field = "topology_template.node_templates." + node;
        if (!t.IsMap())
            packageFail(d.path, field, yamlLine(t), "a node template must be a mapping");
        const QString type = str(t["type"]);
        if (type.isEmpty())
            packageFail(d.path, field + ".type", yamlLine(t), "node template has no type");
        if (!m_derivedFrom.contains(type) && !knownBuiltinType(type))
            packageFail(d.path, field + ".type", yamlLine(t["type"]), QStringLiteral("unknown node type '%1'").arg(type));
        if (t["properties"].IsDefined() && !t["properties"].IsMap() && !t["properties"].IsNull())
            packageFail(d.path, field + ".properties", yamlLine(t["properties"]), "properties must be a mapping");

        if (isA(type, "tosca.nodes.nfv.VNF")) {
            parseVnf(d, node, t, type, out);
        } else if (isA(type, "tosca.nodes.nfv.Vdu.Compute")) {
            parseVdu(d, node, t, type, out);
        } else if (isA(type, "tosca.nodes.nfv.VduCp")) {
            VduCp cp{node, requirement(t, "virtual_binding"), requirement(t, "virtual_link"), protocols(at(t, "properties")),
                     at(at(t, "properties"), "order").as<int>(0)};
            if (cp.vdu.isEmpty())
                packageFail(d.path, field + ".requirements.virtual_binding", yamlLine(t), "VduCp must be bound to a VDU (virtual_binding)");
            out.vduCps.append(cp);
        } else if (isA(type, "tosca.nodes.nfv.VnfVirtualLink")) {
            out.virtualLinks.append({node, str(at(at(t, "properties"), "description")), protocols(at(at(t, "properties"), "connectivity_type"))});
            vlLines.insert(node, yamlLine(t));
        } else if (isA(type, "tosca.nodes.nfv.VnfExtCp")) {
            out.extCps.append({node, requirement(t, "internal_virtual_link"), requirement(t, "external_virtual_link"),
                               protocols(at(t, "properties"))});
        }
    }
    if (out.nodeName.isEmpty())
        packageFail(d.path, "topology_template.node_templates", yamlLine(templates), "no node of type tosca.nodes.nfv.VNF");
    if (out.vdus.isEmpty())
        packageFail(d.path, "topology_template.node_templates", yamlLine(templates), "no node of type tosca.nodes.nfv.Vdu.Compute");

    // Cross references.
    auto hasVdu = [&](const QString &n) { return std::any_of(out.vdus.begin(), out.vdus.end(), [&](const Vdu &v) { return v.nodeName == n; }); };
    auto hasVl = [&](const QString &n) { return vlLines.contains(n); };
    for (const VduCp &cp : std::as_const(out.vduCps)) {
        const QString field = "topology_template.node_templates." + cp.nodeName + ".requirements";
        if (!hasVdu(cp.vdu))
            packageFail(d.path, field + ".virtual_binding", yamlLine(templates[cp.nodeName.toStdString()]),
                        QStringLiteral("virtual_binding names '%1', which is not a VDU").arg(cp.vdu));
        if (!cp.virtualLink.isEmpty() && !hasVl(cp.virtualLink))
            packageFail(d.path, field + ".virtual_link", yamlLine(templates[cp.nodeName.toStdString()]),
                        QStringLiteral("virtual_link names '%1', which is not a VnfVirtualLink").arg(cp.virtualLink));
    }
    for (const ExtCp &cp : std::as_const(out.extCps)) {
        if (!cp.internalVirtualLink.isEmpty() && !hasVl(cp.internalVirtualLink))
            packageFail(d.path, "topology_template.node_templates." + cp.nodeName + ".requirements.internal_virtual_link",
                        yamlLine(templates[cp.nodeName.toStdString()]),
                        QStringLiteral("internal_virtual_link names '%1', which is not a VnfVirtualLink").arg(cp.internalVirtualLink));
    }
    return out;
}

} // namespace vines
