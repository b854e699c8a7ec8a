// vines-pack: builds a SOL004 CSAR from one or more source directories (later ones add or
// override files), writes the SOL004 manifest with SHA-256 digests, then reads the result
// back through the onboarding checks so a broken sample fails the build, not the operator.
#include "package/CsarArchive.h"
#include "package/PackageReader.h"
#include "package/ToscaMeta.h"
#include "nfvo/NsdParser.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <cstdio>

using namespace vines;

namespace {

bool checkNsd(const QString &path)
{
    try {
        const NsDescriptor d = NsdParser::parseFile(path);
        std::printf("OK   %s\n  NSD %s (%s form), %lld VNFs, %lld forwarding graphs\n", qPrintable(path), qPrintable(d.name),
                    qPrintable(d.format), static_cast<long long>(d.vnfs.size()), static_cast<long long>(d.vnffgs.size()));
        for (const QString &line : d.summaryLines())
            std::printf("  %s\n", qPrintable(line));
        return true;
    } catch (const PackageException &e) {
        std::printf("FAIL %s\n  %s\n", qPrintable(path), qPrintable(e.error().toString()));
        return false;
    }
}

// vines-pack --check FILE...: the full onboarding validation, headless, for package authors and CI.
int checkPackages(const QStringList &paths)
{
    if (paths.isEmpty()) {
        std::fprintf(stderr, "usage: vines-pack --check PACKAGE.csar|NSD.yaml [...]\n");
        return 2;
    }
    int failed = 0;
    for (const QString &path : paths) {
        if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))) {
            if (!checkNsd(path))
                ++failed;
            continue;
        }
        const Result<VnfPackage> r = PackageReader::read(path);
        if (!r) {
            ++failed;
            std::printf("FAIL %s\n  %s\n", qPrintable(path), qPrintable(r.errorMessage()));
            continue;
        }
        const VnfDescriptor &d = r->vnfd;
        std::printf("OK   %s\n  %s %s %s (descriptor %s, version %s)\n", qPrintable(path), qPrintable(d.provider),
                    qPrintable(d.productName), qPrintable(d.softwareVersion), qPrintable(d.descriptorId),
                    qPrintable(d.descriptorVersion));
        for (const QString &line : r->summaryLines())
            std::printf("  %s\n", qPrintable(line));
    }
    std::printf("%lld checked, %d failed\n", static_cast<long long>(paths.size()), failed);
    return failed ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (!args.isEmpty() && args.first() == QLatin1String("--check"))
        return checkPackages(args.mid(1));
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: vines-pack OUT.csar SOURCE_DIR [SOURCE_DIR...]\n");
        return 2;
    }
    QMap<QString, QByteArray> files;
    for (const QString &dir : args.mid(1)) {
        const auto more = CsarWriter::readDirectory(dir);
        if (!more) {
            std::fprintf(stderr, "vines-pack: %s\n", qPrintable(more.errorMessage()));
            return 1;
        }
        for (auto it = more->begin(); it != more->end(); ++it)
            files.insert(it.key(), it.value());
    }
    if (!files.contains(ToscaMeta::Path)) {
        std::fprintf(stderr, "vines-pack: no %s in the sources\n", ToscaMeta::Path);
        return 1;
    }
    try {
        const ToscaMeta meta = ToscaMeta::parse(files.value(ToscaMeta::Path));
        QString mf = meta.value("ETSI-Entry-Manifest");
        if (mf.isEmpty())
            mf = QFileInfo(meta.value("Entry-Definitions")).completeBaseName() + ".mf";
        files.remove(mf);
        files.insert(mf, CsarWriter::manifestFor(files, mf, {{"vnf_provider_id", meta.value("Created-By")},
                                                             {"vnf_package_version", "1.0"},
                                                             {"vnf_release_date_time", "2026-11-25T00:00:00+00:00"}}));
    } catch (const PackageException &e) {
        std::fprintf(stderr, "vines-pack: %s\n", qPrintable(e.error().toString()));
        return 1;
    }
    const QString out = args.at(0);
    if (const Result<> written = CsarWriter::write(out, files); !written) {
        std::fprintf(stderr, "vines-pack: %s\n", qPrintable(written.errorMessage()));
        return 1;
    }
    const Result<VnfPackage> r = PackageReader::read(out);
    if (!r) {
        std::fprintf(stderr, "vines-pack: %s does not onboard: %s\n", qPrintable(out), qPrintable(r.errorMessage()));
        QFile::remove(out);
        return 1;
    }
    std::printf("vines-pack: %s (%s %s, %lld files)\n", qPrintable(out), qPrintable(r->vnfd.productName),
                qPrintable(r->vnfd.descriptorVersion), static_cast<long long>(files.size()));
    return 0;
}
