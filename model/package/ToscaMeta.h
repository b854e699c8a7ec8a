#pragma once
// TOSCA-Metadata/TOSCA.meta: "Key: Value" block (SOL004 §4.2). Keys keep their line numbers
// so every later error can point at the right line.
#include <QByteArray>
#include <QHash>
#include <QString>

namespace vines {

struct ToscaMeta {
    static constexpr const char *Path = "TOSCA-Metadata/TOSCA.meta";
    QHash<QString, QString> values;
    QHash<QString, int> lines;

    // Throws PackageException for syntax errors and missing required keys.
    static ToscaMeta parse(const QByteArray &text);
    QString value(const QString &key) const { return values.value(key); }
};

// A SOL004 manifest (.mf): metadata block and Source/Algorithm/Hash entries.
struct ManifestEntry {
    QString source;
    QString algorithm;
    QString hash;
    int line = 0;
};

struct Manifest {
    QHash<QString, QString> metadata;
    QList<ManifestEntry> entries;
    static Manifest parse(const QString &file, const QByteArray &text);
};

} // namespace vines
