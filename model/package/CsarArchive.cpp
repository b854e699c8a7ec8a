#include "CsarArchive.h"
#include "PackageError.h"
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <quazip.h>
#include <quazipfile.h>

namespace vines {

QString CsarArchive::normalise(const QString &path)
{
    if (path.isEmpty() || path.startsWith('/') || path.contains('\\') || path.contains(QChar(0))
        || (path.size() > 1 && path.at(1) == ':'))
        return {};
    QStringList out;
    for (const QString &seg : path.split('/', Qt::SkipEmptyParts)) {
        if (seg == QLatin1String("."))
            continue;
        if (seg == QLatin1String("..")) {
            if (out.isEmpty())
                return {};
            out.removeLast();
            continue;
        }
        out << seg;
    }
    return out.join('/');
}

CsarArchive CsarArchive::read(const QString &path, const ArchiveLimits &limits)
{
    const QString base = QFileInfo(path).fileName();
    QFileInfo fi(path);
    if (!fi.exists())
        packageFail(base, {}, 0, QStringLiteral("file not found: %1").arg(path));
    if (fi.size() > limits.maxArchiveBytes)
        packageFail(base, {}, 0, QStringLiteral("archive is %1 bytes, above the %2 byte limit").arg(fi.size()).arg(limits.maxArchiveBytes));

    CsarArchive a;
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            packageFail(base, {}, 0, QStringLiteral("cannot read: %1").arg(f.errorString()));
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(&f);
        a.m_sha256 = QString::fromLatin1(h.result().toHex());
        a.m_size = fi.size();
    }

    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip))
        packageFail(base, {}, 0, QStringLiteral("not a readable zip archive (error %1)").arg(zip.getZipError()));
    if (zip.getEntriesCount() > limits.maxEntries)
        packageFail(base, {}, 0, QStringLiteral("archive has %1 entries, above the limit of %2").arg(zip.getEntriesCount()).arg(limits.maxEntries));

    qint64 total = 0, compressedSoFar = 0;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info))
            packageFail(base, {}, 0, "corrupt central directory entry");
        const QString raw = info.name;
        if (raw.endsWith('/'))
            continue;  // directory entry
        const QString name = normalise(raw);
        if (name.isEmpty() || raw.split('/').contains(QLatin1String("..")))
            packageFail(raw, {}, 0, "entry path escapes the package root (zip slip): refused");
        const quint32 unixMode = (info.externalAttr >> 16) & 0xF000;
        if (unixMode == 0xA000)
            packageFail(name, {}, 0, "symbolic links are not allowed in a package");
        if (a.m_files.contains(name))
            packageFail(name, {}, 0, "duplicate entry in archive");
        if (static_cast<qint64>(info.uncompressedSize) > limits.maxEntryBytes)
            packageFail(name, {}, 0, QStringLiteral("entry declares %1 bytes, above the %2 byte limit").arg(info.uncompressedSize).arg(limits.maxEntryBytes));

        QuaZipFile zf(&zip);
        if (!zf.open(QIODevice::ReadOnly))
            packageFail(name, {}, 0, QStringLiteral("cannot inflate entry (error %1)").arg(zf.getZipError()));
        QByteArray data;
        char buf[65536];
        const qint64 compressed = qMax<qint64>(1, static_cast<qint64>(info.compressedSize));
        for (;;) {
            const qint64 n = zf.read(buf, sizeof buf);
            if (n < 0)
                packageFail(name, {}, 0, "corrupt compressed data");
            if (n == 0)
                break;
            data.append(buf, n);
            if (data.size() > limits.maxEntryBytes)
                packageFail(name, {}, 0, QStringLiteral("entry inflates beyond the %1 byte limit (zip bomb?)").arg(limits.maxEntryBytes));
            if (total + data.size() > limits.maxTotalBytes)
                packageFail(name, {}, 0, QStringLiteral("package inflates beyond the %1 byte limit (zip bomb?)").arg(limits.maxTotalBytes));
            if (data.size() > 1024 * 1024 && data.size() / compressed > limits.maxRatio)
                packageFail(name, {}, 0, QStringLiteral("compression ratio above %1:1 (zip bomb?)").arg(limits.maxRatio));
            // Many small, highly compressed entries: the package as a whole is held to the same ratio,
            // against the compressed bytes of the entries read so far (not the whole archive's size,
            // which would let a small archive inflate to 200 times itself before anyone noticed).
            if (total + data.size() > 16 * 1024 * 1024 && (total + data.size()) / (compressedSoFar + compressed) > limits.maxRatio)
                packageFail(name, {}, 0, QStringLiteral("the package inflates to more than %1 times the %2 compressed bytes read so far (zip bomb?)")
                                             .arg(limits.maxRatio).arg(compressedSoFar + compressed));
        }
        zf.close();
        if (zf.getZipError() != 0)
            packageFail(name, {}, 0, QStringLiteral("CRC or stream error while inflating (error %1)").arg(zf.getZipError()));
        total += data.size();
        compressedSoFar += compressed;
        a.m_files.insert(name, data);
    }
    if (zip.getZipError() != 0)
        packageFail(base, {}, 0, QStringLiteral("zip read error %1").arg(zip.getZipError()));
    return a;
}

QByteArray CsarWriter::manifestFor(const QMap<QString, QByteArray> &files, const QString &manifestName,
                                   const QMap<QString, QString> &metadata)
{
    QByteArray out = "metadata:\n";
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        out += "  " + it.key().toUtf8() + ": " + it.value().toUtf8() + "\n";
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.key() == manifestName)
            continue;
        out += "\nSource: " + it.key().toUtf8() + "\nAlgorithm: SHA-256\nHash: "
               + QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex() + "\n";
    }
    return out;
}

Result<> CsarWriter::write(const QString &zipPath, const QMap<QString, QByteArray> &files)
{
    QDir().mkpath(QFileInfo(zipPath).absolutePath());
    const QString tmp = zipPath + ".part";
    QFile::remove(tmp);
    {
        QuaZip zip(tmp);
        if (!zip.open(QuaZip::mdCreate))
            return Error::unavailable(QStringLiteral("cannot create %1 (zip error %2)").arg(tmp).arg(zip.getZipError()));
        for (auto it = files.begin(); it != files.end(); ++it) {
            QuaZipFile zf(&zip);
            QuaZipNewInfo info(it.key());
            info.setPermissions(it.key().startsWith("Scripts/") || it.key().endsWith(".sh")
                                    ? QFileDevice::Permissions(0x7755) : QFileDevice::Permissions(0x6644));
            if (!zf.open(QIODevice::WriteOnly, info) || zf.write(it.value()) != it.value().size())
                return Error::exhausted(QStringLiteral("cannot write entry %1 (zip error %2)").arg(it.key()).arg(zf.getZipError()));
            zf.close();
        }
        zip.close();
        if (zip.getZipError() != 0)
            return Error::exhausted(QStringLiteral("cannot finish %1 (zip error %2)").arg(tmp).arg(zip.getZipError()));
    }
    QFile::remove(zipPath);
    if (!QFile::rename(tmp, zipPath))
        return Error::internal(QStringLiteral("cannot move %1 into place").arg(zipPath));
    return {};
}

Result<QMap<QString, QByteArray>> CsarWriter::readDirectory(const QString &dir)
{
    // Absolute first: a relative directory's entries would otherwise keep its own name in front
    // ("src/TOSCA-Metadata/TOSCA.meta"), and the archive would have no TOSCA-Metadata at its root.
    const QDir root(QFileInfo(dir).absoluteFilePath());
    if (!root.exists())
        return Error::notFound(QStringLiteral("no directory %1").arg(dir));
    QMap<QString, QByteArray> out;
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        QFile f(p);
        if (!f.open(QIODevice::ReadOnly))
            return Error::unavailable(QStringLiteral("cannot read %1").arg(p));
        out.insert(root.relativeFilePath(p), f.readAll());
    }
    return out;
}

} // namespace vines
