#pragma once
// TOSCA-Metadata/TOSCA.meta (SOL004 §4.3, TOSCA CSAR): a first block of "Key: Value" lines,
// then optional blocks (separated by blank lines) that describe one artifact each
// (Name or Source, Content-Type, and optionally Algorithm and Hash). Keys are matched without
// regard to case, as packages in the wild write both "Created-By" and "Created-by". Keys keep
// their line numbers so every later error can point at the right line.
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace vines {

struct MetaArtifact {
    QString name;
    QString contentType;
    QString algorithm;
    QString hash;
    int line = 0;          // line of the Name/Source key
    int hashLine = 0;
};

struct ToscaMeta {
    static constexpr const char *Path = "TOSCA-Metadata/TOSCA.meta";
    QHash<QString, QString> values;   // first block, keys lower-cased
    QHash<QString, int> lines;
    QList<MetaArtifact> artifacts;    // later blocks

    // Throws PackageException for syntax errors and missing required keys.
    static ToscaMeta parse(const QByteArray &text);
    QString value(const QString &key) const { return values.value(key.toLower()); }
    int line(const QString &key) const { return lines.value(key.toLower()); }
};

// A SOL004 manifest (.mf): metadata block, Source/Algorithm/Hash entries, optional
// non_mano_artifact_sets and a CMS signature block.
struct ManifestEntry {
    QString source;
    QString algorithm;
    QString hash;
    int line = 0;
    QString signature;     // per-artifact Signature (not verified)
};

struct Manifest {
    QHash<QString, QString> metadata;
    QList<ManifestEntry> entries;
    bool signed_ = false;  // a CMS signature block or per-artifact signatures are present
    static Manifest parse(const QString &file, const QByteArray &text);
};

} // namespace vines
