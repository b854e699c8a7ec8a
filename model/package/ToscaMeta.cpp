#include "ToscaMeta.h"
#include "PackageError.h"
#include <QList>

namespace vines {

ToscaMeta ToscaMeta::parse(const QByteArray &text)
{
    ToscaMeta m;
    const QList<QByteArray> rows = text.split('\n');
    int block = 0;
    bool blockHasKeys = false;
    QHash<QString, int> blockLines;   // keys of the current block, for duplicate checks
    for (int i = 0; i < rows.size(); ++i) {
        const QString line = QString::fromUtf8(rows.at(i)).trimmed();
        if (line.isEmpty()) {
            if (blockHasKeys) {
                ++block;
                blockHasKeys = false;
                blockLines.clear();
            }
            continue;
        }
        if (line.startsWith('#'))
            continue;
        const int colon = line.indexOf(':');
        if (colon <= 0)
            packageFail(Path, {}, i + 1, QStringLiteral("expected 'Key: Value', got '%1'").arg(line.left(80)));
        const QString key = line.left(colon).trimmed();
        const QString lower = key.toLower();
        const QString value = line.mid(colon + 1).trimmed();
        if (blockLines.contains(lower))
            packageFail(Path, key, i + 1, QStringLiteral("key repeated (first on line %1)").arg(blockLines.value(lower)));
        blockLines.insert(lower, i + 1);
        const bool startsArtifact = lower == QLatin1String("name") || lower == QLatin1String("source");
        if (block == 0 && !startsArtifact) {
            m.values.insert(lower, value);
            m.lines.insert(lower, i + 1);
            blockHasKeys = true;
            continue;
        }
        if (block == 0)
            block = 1;   // an artifact block written without a blank line before it
        if (!blockHasKeys && !startsArtifact)
            packageFail(Path, key, i + 1, QStringLiteral("an artifact block must start with Name (got %1)").arg(key));
        if (startsArtifact)
            m.artifacts.append({value, {}, {}, {}, i + 1, 0});
        MetaArtifact &a = m.artifacts.last();
        if (lower == QLatin1String("content-type"))
            a.contentType = value;
        else if (lower == QLatin1String("algorithm"))
            a.algorithm = value;
        else if (lower == QLatin1String("hash")) {
            a.hash = value;
            a.hashLine = i + 1;
        }
        blockHasKeys = true;
    }
    for (const char *key : {"TOSCA-Meta-File-Version", "CSAR-Version", "Created-By", "Entry-Definitions"}) {
        const QString k = QString::fromLatin1(key);
        if (!m.values.contains(k.toLower()))
            packageFail(Path, k, 0, QStringLiteral("required key %1 is missing").arg(k));
        if (m.value(k).isEmpty())
            packageFail(Path, k, m.line(k), QStringLiteral("required key %1 is empty").arg(k));
    }
    const QString csarVersion = m.value("CSAR-Version");
    if (csarVersion != QLatin1String("1.1") && csarVersion != QLatin1String("1.0"))
        packageFail(Path, "CSAR-Version", m.line("CSAR-Version"),
                    QStringLiteral("unsupported CSAR-Version '%1' (1.0 or 1.1 expected)").arg(csarVersion));
    for (const MetaArtifact &a : std::as_const(m.artifacts))
        if (a.algorithm.isEmpty() != a.hash.isEmpty())
            packageFail(Path, a.hash.isEmpty() ? QStringLiteral("Hash") : QStringLiteral("Algorithm"), a.line,
                        QStringLiteral("artifact %1 has %2 without %3").arg(a.name, a.hash.isEmpty() ? "Algorithm" : "Hash",
                                                                          a.hash.isEmpty() ? "Hash" : "Algorithm"));
    return m;
}

Manifest Manifest::parse(const QString &file, const QByteArray &text)
{
    Manifest mf;
    const QList<QByteArray> rows = text.split('\n');
    enum { Top, Metadata, NonMano, Cms } section = Top;
    ManifestEntry *current = nullptr;
    for (int i = 0; i < rows.size(); ++i) {
        const QString raw = QString::fromUtf8(rows.at(i));
        const QString line = raw.trimmed();
        if (section == Cms) {
            if (line.startsWith(QLatin1String("-----END")))
                section = Top;
            continue;
        }
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith(QLatin1String("-----BEGIN"))) {
            section = Cms;
            mf.signed_ = true;
            continue;
        }
        const bool indented = raw.startsWith(' ') || raw.startsWith('\t');
        const int colon = line.indexOf(':');
        if (colon <= 0) {
            if (section == NonMano && indented)
                continue;   // "- path" lines of a non-MANO artifact set
            packageFail(file, {}, i + 1, QStringLiteral("expected 'Key: Value', got '%1'").arg(line.left(80)));
        }
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (indented && section == Metadata) {
            mf.metadata.insert(key, value);
            continue;
        }
        if (indented && section == NonMano)
            continue;
        section = Top;
        if (key == QLatin1String("metadata")) {
            section = Metadata;
        } else if (key == QLatin1String("non_mano_artifact_sets")) {
            section = NonMano;
        } else if (key == QLatin1String("Source")) {
            mf.entries.append({value, {}, {}, i + 1, {}});
            current = &mf.entries.last();
        } else if (key == QLatin1String("Algorithm") || key == QLatin1String("Hash") || key == QLatin1String("Signature")
                   || key == QLatin1String("Certificate")) {
            if (!current)
                packageFail(file, key, i + 1, QStringLiteral("%1 appears before any Source").arg(key));
            if (key == QLatin1String("Hash"))
                current->hash = value;
            else if (key == QLatin1String("Algorithm"))
                current->algorithm = value;
            else {
                current->signature = value;
                mf.signed_ = true;
            }
        } else {
            packageFail(file, key, i + 1, QStringLiteral("unknown manifest key '%1'").arg(key));
        }
    }
    if (section == Cms)
        packageFail(file, {}, rows.size(), "signature block has no -----END line");
    for (const ManifestEntry &e : std::as_const(mf.entries)) {
        if (e.algorithm.isEmpty() || e.hash.isEmpty())
            packageFail(file, "Source", e.line, QStringLiteral("entry for %1 lacks Algorithm or Hash").arg(e.source));
    }
    return mf;
}

} // namespace vines
