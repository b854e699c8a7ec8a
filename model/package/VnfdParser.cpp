#include "VnfdParser.h"
#include "CsarArchive.h"
#include "PackageError.h"
#include "VnfPackage.h"
#include "YamlAccess.h"
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>

namespace vines {

using yaml::at;
using yaml::str;

namespace {

bool builtinImport(const QString &name)
{
    return name.contains(QLatin1String("://")) || QFileInfo(name).fileName().startsWith(QLatin1String("etsi_nfv_sol001_"));
}

const char *const kNodes = "topology_template.node_templates";

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
    if (m_loading.size() > 32)
        packageFail(from, "imports", fromLine, "imports nested more than 32 deep");
    if (!m_archive.contains(path))
        packageFail(from.isEmpty() ? path : from, from.isEmpty() ? QString() : QStringLiteral("imports"), fromLine,
                    from.isEmpty() ? QStringLiteral("entry definitions file is missing from the archive")
                                   : QStringLiteral("imported file %1 is not in the archive").arg(path));
    m_loading.insert(path);
    Doc d{path, yaml::loadDocument(m_archive.file(path), path)};
    if (!d.root.IsMap())
        packageFail(path, {}, yamlLine(d.root), "a TOSCA service template must be a YAML mapping");
    if (!at(d.root, "tosca_definitions_version").IsDefined())
        packageFail(path, "tosca_definitions_version", 1, "required key tosca_definitions_version is missing");

    const YAML::Node imports = at(d.root, "imports");
    if (imports.IsDefined() && !imports.IsNull() && !imports.IsSequence())
        packageFail(path, "imports", yamlLine(imports), "imports must be a list");
    const QString dir = QFileInfo(path).path();
    if (imports.IsSequence()) {
        for (const auto &imp : imports) {
            QString name = str(imp);
            if (imp.IsMap()) {   // {file: x, ...} or a named import {name: x}
                name = str(at(imp, "file"));
                if (name.isEmpty() && imp.size() == 1)
                    name = str(imp.begin()->second);
            }
            if (name.isEmpty())
                packageFail(path, "imports", yamlLine(imp), "import without a file name");
            const QString resolved = CsarArchive::normalise(dir == "." ? name : dir + '/' + name);
            if (builtinImport(name))
                continue;   // the ETSI SOL001 type definitions: known to the console
            if (resolved.isEmpty())
                packageFail(path, "imports", yamlLine(imp), QStringLiteral("import %1 escapes the package root").arg(name));
            load(resolved, path, yamlLine(imp));
        }
    }

    const YAML::Node types = at(d.root, "node_types");
    if (types.IsDefined() && !types.IsNull() && !types.IsMap())
        packageFail(path, "node_types", yamlLine(types), "node_types must be a mapping");
    if (types.IsMap()) {
        for (const auto &kv : types) {
            const QString t = str(kv.first);
            if (!kv.second.IsMap())
                packageFail(path, "node_types." + t, yamlLine(kv.second), "a node type must be a mapping");
            m_derivedFrom.insert(t, str(at(kv.second, "derived_from")));
            m_typeNodes.insert(t, kv.second);
        }
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
    const YAML::Node own = at(at(tmpl, "properties"), name);
    if (own.IsDefined() && !own.IsNull() && !at(own, "get_input").IsDefined())
        return own;
    QString t = type;
    for (int depth = 0; depth < 32 && !t.isEmpty(); ++depth) {
        const YAML::Node def = at(at(m_typeNodes.value(t), "properties"), name);
        if (def.IsMap()) {
            if (at(def, "default").IsDefined())
                return at(def, "default");
            const YAML::Node cons = at(def, "constraints");
            if (cons.IsSequence())
                for (const auto &c : cons)
                    if (at(c, "valid_values").IsSequence() && at(c, "valid_values").size() == 1)
                        return at(c, "valid_values")[0];
        }
        t = m_derivedFrom.value(t);
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

QString VnfdParser::identity(const Doc &d, const YAML::Node &tmpl, const QString &type, const QString &node, const char *name) const
{
    const YAML::Node v = property(tmpl, type, name);
    const QString field = QStringLiteral("%1.%2.properties.%3").arg(QLatin1String(kNodes), node, QLatin1String(name));
    if (!v.IsDefined() || v.IsNull())
        packageFail(d.path, field, yamlLine(tmpl),
                    QStringLiteral("required VNF property %1 is missing (neither the node template nor its type %2 gives it)")
                        .arg(QLatin1String(name), type));
    if (!v.IsScalar() || str(v).trimmed().isEmpty())
        packageFail(d.path, field, yamlLine(v), QStringLiteral("property %1 must be a non-empty string").arg(QLatin1String(name)));
    return str(v).trimmed();
}

void VnfdParser::parseVnf(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out)
{
    const QString base = QStringLiteral("%1.%2").arg(QLatin1String(kNodes), node);
    const YAML::Node props = at(tmpl, "properties");
    if (!props.IsMap() || props.size() == 0)
        packageFail(d.path, base + ".properties", yamlLine(props.IsDefined() ? props : tmpl),
                    "VNF properties are mandatory: the VNF node must give descriptor_id, descriptor_version, provider, "
                    "product_name, software_version and flavour_id");
    out.nodeName = node;
    out.descriptorId = identity(d, tmpl, type, node, "descriptor_id");
    out.descriptorVersion = identity(d, tmpl, type, node, "descriptor_version");
    out.provider = identity(d, tmpl, type, node, "provider");
    out.productName = identity(d, tmpl, type, node, "product_name");
    out.softwareVersion = identity(d, tmpl, type, node, "software_version");
    const YAML::Node vnfm = property(tmpl, type, "vnfm_info");
    if (vnfm.IsSequence())
        for (const auto &x : vnfm)
            out.vnfmInfo << str(x);
    else if (vnfm.IsScalar())
        out.vnfmInfo << str(vnfm);

    const QString expField = base + ".properties.vnf_exp";
    const YAML::Node exp = property(tmpl, type, "vnf_exp");
    if (!exp.IsDefined()) {
        out.exp.platform = QStringLiteral("generic-ssh");
        return;
    }
    if (!exp.IsMap())
        packageFail(d.path, expField, yamlLine(exp), "vnf_exp must be a mapping with platform, nf_type and config");
    const YAML::Node platform = at(exp, "platform");
    const YAML::Node nfType = at(exp, "nf_type");
    const YAML::Node config = at(exp, "config");
    out.exp.platform = str(platform);
    if (!supportedPlatforms().contains(out.exp.platform))
        packageFail(d.path, expField + ".platform", yamlLine(platform.IsDefined() ? platform : exp),
                    QStringLiteral("unknown VNF execution platform '%1' (expected one of %2)")
                        .arg(out.exp.platform, supportedPlatforms().join(", ")));
    out.exp.nfType = str(nfType);
    if (out.exp.platform == QLatin1String("leaf") && !leafNfTypes().contains(out.exp.nfType))
        packageFail(d.path, expField + ".nf_type", yamlLine(nfType.IsDefined() ? nfType : exp),
                    QStringLiteral("Leaf cannot run nf_type '%1' (expected one of %2)").arg(out.exp.nfType, leafNfTypes().join(", ")));
    if (config.IsDefined() && !config.IsMap() && !config.IsNull())
        packageFail(d.path, expField + ".config", yamlLine(config), "config must be a mapping");
    QJsonValue json;
    QString why;
    if (!yaml::toJson(config, &json, &why))
        packageFail(d.path, expField + ".config", yamlLine(config), why);
    out.exp.config = json.toObject();
    if (out.exp.nfType == QLatin1String("exec")) {
        const QString cmd = out.exp.config.value("command").toString();
        if (cmd.isEmpty() || !m_archive.contains(CsarArchive::normalise(cmd)))
            packageFail(d.path, expField + ".config.command", yamlLine(config.IsDefined() ? config : exp),
                        QStringLiteral("exec NF needs config.command naming an executable inside the package (got '%1')").arg(cmd));
    }
}

QString VnfdParser::flavourIdOf(const Doc &d, const QString &vnfType) const
{
    const YAML::Node topo = at(d.root, "topology_template");
    const YAML::Node sm = at(topo, "substitution_mappings");
    const YAML::Node fromMapping = at(at(sm, "properties"), "flavour_id");
    if (fromMapping.IsScalar())
        return str(fromMapping).trimmed();
    if (fromMapping.IsSequence() && fromMapping.size() == 1 && fromMapping[0].IsScalar())   // TOSCA 1.2 [value] form
        return str(fromMapping[0]).trimmed();
    const YAML::Node templates = at(topo, "node_templates");
    if (templates.IsMap())
        for (const auto &kv : templates) {
            const QString type = str(at(kv.second, "type"));
            if (isA(type, "tosca.nodes.nfv.VNF")) {
                const YAML::Node v = property(kv.second, type, "flavour_id");
                if (v.IsScalar())
                    return str(v).trimmed();
            }
        }
    const YAML::Node v = property(YAML::Node(), vnfType, "flavour_id");
    return v.IsScalar() ? str(v).trimmed() : QString();
}

VnfDescriptor VnfdParser::parse(const QString &entryPath)
{
    try {
        return parseEntry(entryPath);
    } catch (const YAML::Exception &e) {
        packageFail(entryPath, {}, e.mark.line + 1, QStringLiteral("unexpected YAML structure: %1").arg(QString::fromStdString(e.msg)));
    } catch (const std::bad_alloc &) {
        packageFail(entryPath, {}, 0, "the VNFD is too large to read");
    }
}

QString VnfdParser::entryMetadata(const char *key) const
{
    return str(at(at(m_docs.value(m_entry).root, "metadata"), key));
}

VnfDescriptor VnfdParser::parseEntry(const QString &entryPath)
{
    m_entry = entryPath;
    load(entryPath, {}, 0);

    // The top-level template: the entry's topology, else the first imported one without substitution_mappings.
    auto topologyOf = [](const Doc &d) { return at(d.root, "topology_template"); };
    auto substitutes = [&](const Doc &d) { return at(topologyOf(d), "substitution_mappings").IsMap(); };
    const Doc *top = topologyOf(m_docs[entryPath]).IsMap() ? &m_docs[entryPath] : nullptr;
    for (const QString &p : std::as_const(m_order))
        if (!top && topologyOf(m_docs[p]).IsMap() && !substitutes(m_docs[p]))
            top = &m_docs[p];
    for (const QString &p : std::as_const(m_order))
        if (!top && topologyOf(m_docs[p]).IsMap())
            top = &m_docs[p];
    if (!top)
        packageFail(entryPath, "topology_template", 0, "no topology_template with node_templates in the VNFD");

    const YAML::Node templates = at(topologyOf(*top), "node_templates");
    if (!templates.IsMap())
        packageFail(top->path, kNodes, yamlLine(topologyOf(*top)), "node_templates must be a mapping of node name to template");
    VnfDescriptor out;
    QString vnfType;
    for (const auto &kv : templates) {
        const QString node = str(kv.first);
        if (!kv.second.IsMap())
            packageFail(top->path, QStringLiteral("%1.%2").arg(QLatin1String(kNodes), node), yamlLine(kv.second), "a node template must be a mapping");
        const QString type = str(at(kv.second, "type"));
        if (!isA(type, "tosca.nodes.nfv.VNF"))
            continue;
        if (!out.nodeName.isEmpty())
            packageFail(top->path, QStringLiteral("%1.%2").arg(QLatin1String(kNodes), node), yamlLine(kv.second),
                        QStringLiteral("a second VNF node (first is %1); one VNF per package").arg(out.nodeName));
        parseVnf(*top, node, kv.second, type, out);
        vnfType = type;
    }
    if (out.nodeName.isEmpty())
        packageFail(top->path, kNodes, yamlLine(templates), "no node of type tosca.nodes.nfv.VNF (or derived from it)");

    // Deployment flavours: every template that substitutes the VNF's type (or any VNF type).
    QList<const Doc *> flavourDocs;
    for (const QString &p : std::as_const(m_order)) {
        const Doc &d = m_docs[p];
        if (!substitutes(d))
            continue;
        const QString nodeType = str(at(at(topologyOf(d), "substitution_mappings"), "node_type"));
        if (nodeType.isEmpty() || isA(nodeType, "tosca.nodes.nfv.VNF") || isA(vnfType, nodeType))
            flavourDocs << &d;
    }
    if (flavourDocs.isEmpty())
        flavourDocs << top;
    QHash<QString, QString> seen;
    for (const Doc *d : std::as_const(flavourDocs)) {
        const QString id = flavourIdOf(*d, vnfType);
        if (id.isEmpty())
            packageFail(d->path, "topology_template.substitution_mappings.properties.flavour_id", yamlLine(topologyOf(*d)),
                        "cannot tell this deployment flavour's id: give substitution_mappings.properties.flavour_id");
        if (seen.contains(id))
            packageFail(d->path, "topology_template.substitution_mappings.properties.flavour_id", yamlLine(topologyOf(*d)),
                        QStringLiteral("deployment flavour '%1' is also defined in %2").arg(id, seen.value(id)));
        seen.insert(id, d->path);
        out.flavours << parseFlavour(*d, id, vnfType);
    }
    // The flavour the VNF type names by default (or the top-level node's own flavour_id) comes first.
    // (flavour_id: {get_input: x} names the flavour through input x's default.)
    const YAML::Node vnfNode = templates[out.nodeName.toStdString()];
    QString preferred = str(property(vnfNode, vnfType, "flavour_id"));
    const QString input = str(at(at(at(vnfNode, "properties"), "flavour_id"), "get_input"));
    if (!input.isEmpty() && at(at(at(topologyOf(*top), "inputs"), input), "default").IsScalar())
        preferred = str(at(at(at(topologyOf(*top), "inputs"), input), "default"));
    for (int i = 1; i < out.flavours.size(); ++i)
        if (!preferred.isEmpty() && out.flavours[i].id == preferred)
            out.flavours.move(i, 0);
    // Flavour descriptions: the flavour's own VNF node, else the top-level one, else the type's default.
    const QString topDescription = str(property(templates[out.nodeName.toStdString()], vnfType, "flavour_description"));
    for (DeploymentFlavour &f : out.flavours)
        if (f.description.isEmpty())
            f.description = topDescription;
    return out;
}

} // namespace vines
