#include "PackageReader.h"
#include "ToscaMeta.h"
#include "VnfdParser.h"
#include <QCryptographicHash>
#include <QFileInfo>
#include <QSet>

namespace vines {

namespace {

QString artifactKind(const QString &path, const VnfPackage &p)
{
    if (path == QLatin1String(ToscaMeta::Path)) return QStringLiteral("meta");
    if (path == p.manifestFile) return QStringLiteral("manifest");
    if (path.startsWith(QLatin1String("Definitions/")) || path == p.entryDefinitions) return QStringLiteral("definition");
    if (path.startsWith(QLatin1String("Scripts/"))) return QStringLiteral("script");
    if (path.startsWith(QLatin1String("Files/images/"))) return QStringLiteral("image");
    if (path.startsWith(QLatin1String("Files/"))) return QStringLiteral("file");
    return QStringLiteral("other");
}

bool algorithmFor(const QString &text, QCryptographicHash::Algorithm *alg)
{
    const QString name = text.toUpper().remove('-').remove('_');
    if (name == QLatin1String("SHA256")) *alg = QCryptographicHash::Sha256;
    else if (name == QLatin1String("SHA384")) *alg = QCryptographicHash::Sha384;
    else if (name == QLatin1String("SHA512")) *alg = QCryptographicHash::Sha512;
    else return false;
    return true;
}

// Checks one digest; fails naming the file that states it, the field and the line.
void checkDigest(const CsarArchive &a, const QString &statedIn, const QString &source, const QString &algorithm,
                 const QString &hash, int line, int hashLine, QSet<QString> *checked)
{
    const QString src = CsarArchive::normalise(source);
    if (src.isEmpty() || !a.contains(src))
        packageFail(statedIn, "Source", line, QStringLiteral("listed file %1 is not in the package").arg(source));
    QCryptographicHash::Algorithm alg;
    if (!algorithmFor(algorithm, &alg))
        packageFail(statedIn, "Algorithm", line, QStringLiteral("unsupported digest algorithm '%1' for %2 (SHA-256, SHA-384 or SHA-512)")
                                                    .arg(algorithm, source));
    const QString actual = QString::fromLatin1(QCryptographicHash::hash(a.file(src), alg).toHex());
    if (actual.compare(hash.trimmed(), Qt::CaseInsensitive) != 0)
        packageFail(statedIn, "Hash", hashLine ? hashLine : line,
                    QStringLiteral("%1 digest of %2 is wrong: %3 says %4 (%5 hex digits), the file's is %6")
                        .arg(algorithm, src, statedIn, hash.left(16) + QStringLiteral("…")).arg(hash.trimmed().size())
                        .arg(actual.left(16) + QStringLiteral("…")));
    checked->insert(src);
}

// Returns false when the manifest carries a signature the console cannot verify.
bool verifyManifest(const CsarArchive &a, VnfPackage &p, QSet<QString> *checked)
{
    const Manifest mf = Manifest::parse(p.manifestFile, a.file(p.manifestFile));
    if (mf.entries.isEmpty())
        p.findings << QStringLiteral("manifest %1 lists no files: nothing is verified by it").arg(p.manifestFile);
    for (const ManifestEntry &e : mf.entries) {
        if (e.source.contains(QLatin1String("://"))) {
            p.findings << QStringLiteral("manifest lists external artifact %1: not checked").arg(e.source);
            continue;
        }
        checkDigest(a, p.manifestFile, e.source, e.algorithm, e.hash, e.line, e.line + 2, checked);
    }
    if (mf.signed_)
        p.findings << QStringLiteral("manifest %1 carries a signature, which the console does not verify").arg(p.manifestFile);
    return !mf.signed_;
}

// SOL004 option 2: no TOSCA-Metadata; the one YAML file at the root is the entry definitions, and
// a .mf of the same name (if any) the manifest. (Its metadata block is read with the VNFD.)
void readWithoutMetadata(const CsarArchive &a, VnfPackage &p)
{
    QStringList yamls;
    for (const QString &n : a.names())
        if (!n.contains('/') && (n.endsWith(QLatin1String(".yaml")) || n.endsWith(QLatin1String(".yml"))))
            yamls << n;
    if (yamls.isEmpty())
        packageFail(ToscaMeta::Path, {}, 0,
                    "neither TOSCA-Metadata/TOSCA.meta nor a YAML file at the archive root: not a SOL004 CSAR");
    if (yamls.size() > 1)
        packageFail(yamls.join(", "), {}, 0,
                    "without TOSCA-Metadata/TOSCA.meta the root must hold exactly one YAML file (the entry definitions)");
    p.hasToscaMetadata = false;
    p.entryDefinitions = yamls.first();
    const QString mf = QFileInfo(yamls.first()).completeBaseName() + QStringLiteral(".mf");
    if (a.contains(mf))
        p.manifestFile = mf;
    p.csarVersion = QStringLiteral("1.1");
}

} // namespace

VnfPackage PackageReader::inspect(const CsarArchive &a, const Progress &progress)
{
    VnfPackage p;
    p.archiveSha256 = a.sha256();
    p.archiveSize = a.size();
    QSet<QString> checked;
    if (!a.contains(ToscaMeta::Path)) {
        readWithoutMetadata(a, p);
    } else {
        const ToscaMeta meta = ToscaMeta::parse(a.file(ToscaMeta::Path));
        p.metaFileVersion = meta.value("TOSCA-Meta-File-Version");
        p.csarVersion = meta.value("CSAR-Version");
        p.createdBy = meta.value("Created-By");
        p.entryDefinitions = CsarArchive::normalise(meta.value("Entry-Definitions"));
        if (p.entryDefinitions.isEmpty() || !a.contains(p.entryDefinitions))
            packageFail(ToscaMeta::Path, "Entry-Definitions", meta.line("Entry-Definitions"),
                        QStringLiteral("entry definitions file '%1' is not in the package").arg(meta.value("Entry-Definitions")));
        // Per-artifact blocks: every named file must exist, and stated digests must match.
        for (const MetaArtifact &m : meta.artifacts) {
            if (m.name.contains(QLatin1String("://")))
                continue;
            if (!a.contains(CsarArchive::normalise(m.name)))
                packageFail(ToscaMeta::Path, "Name", m.line, QStringLiteral("artifact %1 is not in the package").arg(m.name));
            if (!m.hash.isEmpty())
                checkDigest(a, ToscaMeta::Path, m.name, m.algorithm, m.hash, m.line, m.hashLine, &checked);
        }
        QString mf = meta.value("ETSI-Entry-Manifest");
        if (mf.isEmpty()) {
            // SOL004: the manifest has the entry definitions' name with .mf, at the root.
            const QString sameName = QFileInfo(p.entryDefinitions).completeBaseName() + QStringLiteral(".mf");
            if (a.contains(sameName))
                mf = sameName;
            for (const QString &n : a.names())
                if (mf.isEmpty() && !n.contains('/') && n.endsWith(QLatin1String(".mf")))
                    mf = n;
        } else if (!a.contains(CsarArchive::normalise(mf))) {
            packageFail(ToscaMeta::Path, "ETSI-Entry-Manifest", meta.line("ETSI-Entry-Manifest"),
                        QStringLiteral("manifest '%1' is not in the package").arg(mf));
        }
        p.manifestFile = CsarArchive::normalise(mf);
    }
    if (progress) progress(40, QStringLiteral("verifying manifest"));
    bool unsignedManifest = true;
    if (!p.manifestFile.isEmpty())
        unsignedManifest = verifyManifest(a, p, &checked);
    else
        p.findings << QStringLiteral("no manifest: file digests are not verified");

    if (progress) progress(60, QStringLiteral("parsing VNFD"));
    VnfdParser parser(a);
    p.vnfd = parser.parse(p.entryDefinitions);
    if (!p.hasToscaMetadata) {   // option 2: the entry's metadata names its author and version
        p.createdBy = parser.entryMetadata("template_author");
        p.metaFileVersion = parser.entryMetadata("template_version");
    }

    if (progress) progress(85, QStringLiteral("indexing artifacts"));
    QStringList unlisted;
    for (const QString &n : a.names()) {
        const QByteArray data = a.file(n);
        Artifact art{n, artifactKind(n, p), data.size(),
                     QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()), checked.contains(n)};
        if (!art.digestChecked && n != p.manifestFile && n != QLatin1String(ToscaMeta::Path))
            unlisted << n;
        p.artifacts.append(art);
    }
    p.manifestVerified = !p.manifestFile.isEmpty() && unlisted.isEmpty() && unsignedManifest;
    if (!p.manifestFile.isEmpty() && !unlisted.isEmpty())
        p.findings << QStringLiteral("%1 of %2 files are not covered by a digest (e.g. %3)")
                          .arg(unlisted.size()).arg(a.names().size()).arg(unlisted.first());
    return p;
}

Result<VnfPackage> PackageReader::read(const QString &path, const ArchiveLimits &limits, const Progress &progress)
{
    try {
        if (progress) progress(5, QStringLiteral("reading archive"));
        const CsarArchive a = CsarArchive::read(path, limits);
        VnfPackage package = inspect(a, progress);
        if (progress) progress(100, QStringLiteral("validated"));
        return package;
    } catch (const PackageException &e) {
        return e.error().toError();
    } catch (const std::exception &e) {
        return PackageError{QFileInfo(path).fileName(), {}, 0, QString::fromUtf8(e.what())}.toError();
    }
}

} // namespace vines
