#pragma once
// Parses a SOL001 TOSCA-YAML VNFD (with its imports, resolved inside the archive) into a
// VnfDescriptor. Every refusal names the file, the dotted field path and the YAML line.
#include "VnfPackage.h"
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

    // "512 MB", "2 GiB" ... -> MiB; returns -1 when not a size.
    static int sizeToMb(const QString &text);

private:
    struct Doc { QString path; YAML::Node root; };
    VnfDescriptor parseEntry(const QString &entryPath);
    void load(const QString &path, const QString &from, int fromLine);
    bool isA(const QString &type, const QString &base) const;
    YAML::Node property(const YAML::Node &tmpl, const QString &type, const char *name) const;
    QString requiredString(const Doc &d, const YAML::Node &tmpl, const QString &type, const QString &node, const char *name) const;
    void parseVnf(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out);
    void parseVdu(const Doc &d, const QString &node, const YAML::Node &tmpl, const QString &type, VnfDescriptor &out);
    QString requirement(const YAML::Node &tmpl, const char *name) const;

    const CsarArchive &m_archive;
    QMap<QString, Doc> m_docs;
    QStringList m_order;
    QSet<QString> m_loading;
    QHash<QString, QString> m_derivedFrom;
    QHash<QString, YAML::Node> m_typeNodes;
};

int yamlLine(const YAML::Node &n);

} // namespace vines
