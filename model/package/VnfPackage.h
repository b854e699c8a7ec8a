#pragma once
// The parsed content of an onboarded VNF Package (ETSI SOL004 CSAR with a SOL001 VNFD).
#include "VnfDescriptor.h"

namespace vines {

struct Artifact {
    QString path;
    QString kind;          // definition, manifest, meta, script, file, image, other
    qint64 size = 0;
    QString sha256;
    bool digestChecked = false;   // a manifest or TOSCA.meta digest covers it and matched
};

struct VnfPackage {
    QString metaFileVersion;
    QString csarVersion;
    QString createdBy;
    QString entryDefinitions;
    bool hasToscaMetadata = true;   // SOL004 option 1 (TOSCA-Metadata) or option 2 (root YAML)
    QString manifestFile;           // empty when the package has none
    bool manifestVerified = false;  // every file is listed and every listed digest matches
    QStringList findings;           // what onboarding noticed but accepted (unsigned, unlisted files, ...)
    VnfDescriptor vnfd;
    QList<Artifact> artifacts;
    QString archiveSha256;
    qint64 archiveSize = 0;

    QJsonObject toJson() const;
    static VnfPackage fromJson(const QJsonObject &o);
    QStringList scripts() const;    // paths under Scripts/
    // A human-readable outline: flavours with their VDUs, CPs, links, aspects and levels; findings.
    QStringList summaryLines() const;
};

QStringList supportedPlatforms();
QStringList leafNfTypes();

} // namespace vines
