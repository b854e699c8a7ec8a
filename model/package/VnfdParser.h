#pragma once
// Parses a SOL001 TOSCA-YAML VNFD (the entry definitions file and its imports, resolved inside
// the archive relative to the file that names them) into a VnfDescriptor:
//   - identity from the top-level tosca.nodes.nfv.VNF node template, falling back to the
//     defaults (or single valid value) of its type;
//   - one deployment flavour per template with substitution_mappings (flavour_id from
//     substitution_mappings.properties, else the flavour's VNF node), or a single flavour from
//     the top-level topology when no file substitutes the VNF;
//   - per flavour: VDUs, virtual storage, VduCps, virtual links, VnfExtCps, external points and
//     the scaling / instantiation-level policies; other node and policy types are kept as is.
// Every refusal is a PackageException naming the file, the dotted field path and the YAML line.
#include "VnfDescriptor.h"
#include <QHash>
#include <QMap>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace vines {

class CsarArchive;

class VnfdParser {
public:
    explicit VnfdParser(const CsarArchive &archive);
    VnfDescriptor parse(const QString &entryPath);
    // A value of the entry definitions' `metadata` block (after parse), e.g. template_author.
    QString entryMetadata(const char *key) const;

    // "512 MB", "2 GiB" ... -> MiB; returns -1 when not a size.
    static int sizeToMb(const QString &text);

    struct Doc { QString path; YAML::Node root; };

private:
    VnfDescriptor parseEntry(const QString &entryPath);
    void load(const QString &path, const QString &from, int fromLine);
    bool isA(const QString &type, const QString &base) const;
    YAML::Node property(const YAML::Node &tmpl, const QString &type, const char *name) const;
    QString identity(const Doc &d, const YAML::Node &tmpl, const QString &type, const QString &node, const char *name) const;
    void parseVnf(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out);
    QString flavourIdOf(const Doc &d, const QString &vnfType) const;
    DeploymentFlavour parseFlavour(const Doc &d, const QString &id, const QString &vnfType) const;
    void parseVdu(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, DeploymentFlavour &out) const;
    void parsePolicies(const Doc &d, DeploymentFlavour &out) const;
    QString artifactPath(const Doc &d, const QString &field, const YAML::Node &artifact) const;

    const CsarArchive &m_archive;
    QMap<QString, Doc> m_docs;
    QString m_entry;
    QStringList m_order;
    QSet<QString> m_loading;
    QHash<QString, QString> m_derivedFrom;
    QHash<QString, YAML::Node> m_typeNodes;
};

} // namespace vines
