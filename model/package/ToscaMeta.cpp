#include "ToscaMeta.h"
#include "PackageError.h"
#include <QList>

namespace vines {

ToscaMeta ToscaMeta::parse(const QByteArray &text)
{
    ToscaMeta m;
    const QList<QByteArray> rows = text.split('\n');
    for (int i = 0; i < rows.size(); ++i) {
        const QString line = QString::fromUtf8(rows.at(i)).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const int colon = line.indexOf(':');
        if (colon <= 0)
            packageFail(Path, {}, i + 1, QStringLiteral("expected 'Key: Value', got '%1'").arg(line.left(80)));
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (m.values.contains(key))
            packageFail(Path, key, i + 1, QStringLiteral("key repeated (first on line %1)").arg(m.lines.value(key)));
        m.values.insert(key, value);
        m.lines.insert(key, i + 1);
    }
    for (const char *key : {"TOSCA-Meta-File-Version", "CSAR-Version", "Created-By", "Entry-Definitions"}) {
        const QString k = QString::fromLatin1(key);
        if (!m.values.contains(k))
            packageFail(Path, k, 0, QStringLiteral("required key %1 is missing").arg(k));
        if (m.values.value(k).isEmpty())
            packageFail(Path, k, m.lines.value(k), QStringLiteral("required key %1 is empty").arg(k));
    }
    const QString csarVersion = m.values.value("CSAR-Version");
    if (csarVersion != QLatin1String("1.1") && csarVersion != QLatin1String("1.0"))
        packageFail(Path, "CSAR-Version", m.lines.value("CSAR-Version"),
                    QStringLiteral("unsupported CSAR-Version '%1' (1.0 or 1.1 expected)").arg(csarVersion));
    return m;
}

Manifest Manifest::parse(const QString &file, const QByteArray &text)
{
    Manifest mf;
    const QList<QByteArray> rows = text.split('\n');
    bool inMetadata = false;
    ManifestEntry *current = nullptr;
    for (int i = 0; i < rows.size(); ++i) {
        const QString raw = QString::fromUtf8(rows.at(i));
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line == QLatin1String("metadata:")) {
            inMetadata = true;
            continue;
        }
        const int colon = line.indexOf(':');
        if (colon <= 0)
            packageFail(file, {}, i + 1, QStringLiteral("expected 'Key: Value', got '%1'").arg(line.left(80)));
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (inMetadata && raw.startsWith(' ')) {
            mf.metadata.insert(key, value);
            continue;
        }
        inMetadata = false;
        if (key == QLatin1String("Source")) {
            mf.entries.append({value, {}, {}, i + 1});
            current = &mf.entries.last();
        } else if (key == QLatin1String("Algorithm") || key == QLatin1String("Hash")) {
            if (!current)
                packageFail(file, key, i + 1, QStringLiteral("%1 appears before any Source").arg(key));
            (key == QLatin1String("Hash") ? current->hash : current->algorithm) = value;
        } else if (key != QLatin1String("Signature") && key != QLatin1String("Certificate")) {
            packageFail(file, key, i + 1, QStringLiteral("unknown manifest key '%1'").arg(key));
        }
    }
    for (const ManifestEntry &e : std::as_const(mf.entries)) {
        if (e.algorithm.isEmpty() || e.hash.isEmpty())
            packageFail(file, "Source", e.line, QStringLiteral("entry for %1 lacks Algorithm or Hash").arg(e.source));
    }
    return mf;
}

} // namespace vines
