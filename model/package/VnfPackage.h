#pragma once
// The parsed content of an onboarded VNF Package (ETSI SOL004 CSAR with a SOL001 VNFD).
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace vines {

struct Vdu {
    QString nodeName;      // node template name
    QString name;          // properties.name
    QString description;
    int numCpus = 0;
    int memoryMb = 0;
    int minInstances = 1;
    int maxInstances = 1;
    QString swImage;       // artifact path inside the package, if any
};

struct VduCp {
    QString nodeName;
    QString vdu;           // requirements.virtual_binding
    QString virtualLink;   // requirements.virtual_link (may be empty)
    QStringList layerProtocols;
    int order = 0;
};

struct VirtualLink {
    QString nodeName;
    QString description;
    QStringList layerProtocols;
};

struct ExtCp {
    QString nodeName;
    QString internalVirtualLink;
    QString externalVirtualLink;
    QStringList layerProtocols;
};

struct Artifact {
    QString path;
    QString kind;          // definition, manifest, meta, script, file, image, other
    qint64 size = 0;
    QString sha256;
};

// Vines extension: the VNF execution platform (VNF-ExP) the VNF runs on.
struct VnfExp {
    QString platform;      // leaf, click-on-osv, coven, generic-ssh
    QString nfType;        // for leaf: forwarder, firewall, monitor, echo, exec
    QJsonObject config;    // default NF configuration
};

struct VnfDescriptor {
    QString nodeName;
    QString descriptorId;
    QString provider;
    QString productName;
    QString softwareVersion;
    QString descriptorVersion;
    QString flavourId;
    QString flavourDescription;
    QStringList vnfmInfo;
    VnfExp exp;
    QList<Vdu> vdus;
    QList<VduCp> vduCps;
    QList<VirtualLink> virtualLinks;
    QList<ExtCp> extCps;
};

struct VnfPackage {
    QString metaFileVersion;
    QString csarVersion;
    QString createdBy;
    QString entryDefinitions;
    QString manifestFile;           // empty when the package has none
    bool manifestVerified = false;
    VnfDescriptor vnfd;
    QList<Artifact> artifacts;
    QString archiveSha256;
    qint64 archiveSize = 0;

    QJsonObject toJson() const;
    static VnfPackage fromJson(const QJsonObject &o);
    QStringList scripts() const;    // paths under Scripts/
};

QStringList supportedPlatforms();
QStringList leafNfTypes();

} // namespace vines
