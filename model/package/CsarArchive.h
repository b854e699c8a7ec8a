#pragma once
// Reads a CSAR/zip into memory with the guards an onboarding service needs: entry-name
// sanitising (zip slip), entry count, per-entry, total and ratio limits (zip bombs) enforced
// on the bytes actually inflated, not on what the headers claim.
#include "util/Result.h"
#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace vines {

struct ArchiveLimits {
    int maxEntries = 4096;
    qint64 maxEntryBytes = 128LL * 1024 * 1024;
    qint64 maxTotalBytes = 512LL * 1024 * 1024;
    qint64 maxArchiveBytes = 1024LL * 1024 * 1024;
    int maxRatio = 200;               // inflated / compressed, per entry
};

class CsarArchive {
public:
    // Throws PackageException naming the archive entry at fault.
    static CsarArchive read(const QString &path, const ArchiveLimits &limits = {});

    bool contains(const QString &name) const { return m_files.contains(name); }
    QByteArray file(const QString &name) const { return m_files.value(name); }
    QStringList names() const { return m_files.keys(); }
    const QMap<QString, QByteArray> &files() const { return m_files; }
    QString sha256() const { return m_sha256; }
    qint64 size() const { return m_size; }

    // Normalises an archive path ("a/./b/../c" -> "a/c"); returns empty if it escapes the root.
    static QString normalise(const QString &path);

private:
    QMap<QString, QByteArray> m_files;
    QString m_sha256;
    qint64 m_size = 0;
};

// Writes a CSAR (zip) from a map of archive paths to contents, adding a SOL004 manifest with
// SHA-256 digests of every other file when manifestName is non-empty.
class CsarWriter {
public:
    static QByteArray manifestFor(const QMap<QString, QByteArray> &files, const QString &manifestName,
                                  const QMap<QString, QString> &metadata);
    static Result<> write(const QString &zipPath, const QMap<QString, QByteArray> &files);
    // Reads every regular file below dir (absolute, or relative to the working directory) into a
    // map keyed by its path relative to dir.
    static Result<QMap<QString, QByteArray>> readDirectory(const QString &dir);
};

} // namespace vines
