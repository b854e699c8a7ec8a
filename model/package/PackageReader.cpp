#include "PackageReader.h"
#include "ToscaMeta.h"
#include "VnfdParser.h"
#include <QCryptographicHash>
#include <QFileInfo>

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

void verifyManifest(const CsarArchive &a, VnfPackage &p)
{
    const Manifest mf = Manifest::parse(p.manifestFile, a.file(p.manifestFile));
    for (const ManifestEntry &e : mf.entries) {
        const QString src = CsarArchive::normalise(e.source);
        if (src.isEmpty() || !a.contains(src))
            packageFail(p.manifestFile, "Source", e.line, QStringLiteral("listed file %1 is not in the package").arg(e.source));
        QCryptographicHash::Algorithm alg;
        const QString name = e.algorithm.toUpper().remove('-');
        if (name == QLatin1String("SHA256")) alg = QCryptographicHash::Sha256;
        else if (name == QLatin1String("SHA512")) alg = QCryptographicHash::Sha512;
        else if (name == QLatin1String("SHA384")) alg = QCryptographicHash::Sha384;
        else packageFail(p.manifestFile, "Algorithm", e.line + 1, QStringLiteral("unsupported digest algorithm '%1'").arg(e.algorithm));
        const QString actual = QString::fromLatin1(QCryptographicHash::hash(a.file(src), alg).toHex());
        if (actual.compare(e.hash, Qt::CaseInsensitive) != 0)
            packageFail(src, "Hash", e.line, QStringLiteral("checksum mismatch: manifest %1 says %2, content is %3")
                                                 .arg(p.manifestFile, e.hash.left(16) + "…", actual.left(16) + "…"));
    }
    p.manifestVerified = true;
}

} // namespace

VnfPackage PackageReader::inspect(const CsarArchive &a, const Progress &progress)
{
    VnfPackage p;
    p.archiveSha256 = a.sha256();
    p.archiveSize = a.size();
    if (!a.contains(ToscaMeta::Path))
        packageFail(ToscaMeta::Path, {}, 0, "TOSCA-Metadata/TOSCA.meta is missing: not a SOL004 CSAR");
    const ToscaMeta meta = ToscaMeta::parse(a.file(ToscaMeta::Path));
    p.metaFileVersion = meta.value("TOSCA-Meta-File-Version");
    p.csarVersion = meta.value("CSAR-Version");
    p.createdBy = meta.value("Created-By");
    p.entryDefinitions = CsarArchive::normalise(meta.value("Entry-Definitions"));
    if (p.entryDefinitions.isEmpty() || !a.contains(p.entryDefinitions))
        packageFail(ToscaMeta::Path, "Entry-Definitions", meta.lines.value("Entry-Definitions"),
                    QStringLiteral("entry definitions file '%1' is not in the package").arg(meta.value("Entry-Definitions")));

    QString mf = meta.value("ETSI-Entry-Manifest");
    if (mf.isEmpty()) {
        for (const QString &n : a.names())
            if (!n.contains('/') && n.endsWith(QLatin1String(".mf")))
                mf = n;
    } else if (!a.contains(CsarArchive::normalise(mf))) {
        packageFail(ToscaMeta::Path, "ETSI-Entry-Manifest", meta.lines.value("ETSI-Entry-Manifest"),
                    QStringLiteral("manifest '%1' is not in the package").arg(mf));
    }
    p.manifestFile = CsarArchive::normalise(mf);
    if (progress) progress(40, QStringLiteral("verifying manifest"));
    if (!p.manifestFile.isEmpty())
        verifyManifest(a, p);

    if (progress) progress(60, QStringLiteral("parsing VNFD"));
    VnfdParser parser(a);
    p.vnfd = parser.parse(p.entryDefinitions);

    if (progress) progress(85, QStringLiteral("indexing artifacts"));
    for (const QString &n : a.names()) {
        const QByteArray data = a.file(n);
        p.artifacts.append({n, artifactKind(n, p), data.size(),
                            QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())});
    }
    return p;
}

PackageReadResult PackageReader::read(const QString &path, const ArchiveLimits &limits, const Progress &progress)
{
    PackageReadResult r;
    try {
        if (progress) progress(5, QStringLiteral("reading archive"));
        const CsarArchive a = CsarArchive::read(path, limits);
        r.package = inspect(a, progress);
        r.ok = true;
        if (progress) progress(100, QStringLiteral("validated"));
    } catch (const PackageException &e) {
        r.error = e.error();
    } catch (const std::exception &e) {
        r.error = PackageError{QFileInfo(path).fileName(), {}, 0, QString::fromUtf8(e.what())};
    }
    return r;
}

} // namespace vines
