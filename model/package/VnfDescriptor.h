#pragma once
// A SOL001 VNFD as the console uses it: the VNF's identity (from the top-level VNF node, falling
// back to its type's defaults) and one entry per deployment flavour (each flavour's own topology:
// VDUs, storage, connection points, virtual links, scaling aspects and instantiation levels).
// Node templates and policies of types the console does not interpret are kept and shown.
#include <QJsonObject>
#include <QList>
#include <QMap>
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
    int initialInstances = 1;  // VduInitialDelta (defaults to min_number_of_instances)
    QString swImage;       // artifact path inside the package, if any
    QStringList storages;  // requirements.virtual_storage
};

struct VirtualStorage {
    QString nodeName;
    QString type;          // node type (e.g. tosca.nodes.nfv.Vdu.VirtualBlockStorage)
    int sizeGb = 0;        // virtual_block_storage_data.size_of_storage (GiB, rounded up)
    QString swImage;
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

struct ExtCp {             // tosca.nodes.nfv.VnfExtCp node templates
    QString nodeName;
    QString internalVirtualLink;
    QString externalVirtualLink;
    QStringList layerProtocols;
};

struct ExternalPoint {     // substitution_mappings.requirements: VNF requirement -> [node, requirement]
    QString requirement;
    QString node;
    QString nodeRequirement;
};

struct ScalingAspect {
    QString id;
    QString name;
    QString description;
    int maxScaleLevel = 0;
    QStringList stepDeltas;                        // delta id per step (the last repeats)
    QMap<QString, QMap<QString, int>> vduDeltas;   // VDU -> delta id -> number_of_instances

    // Instances a VDU gains going from level 0 to `level`.
    int vduInstancesAt(const QString &vdu, int level) const;
};

struct InstantiationLevel {
    QString id;
    QString description;
    QMap<QString, int> scaleLevels;                // aspect -> scale_level
    QMap<QString, int> vduInstances;               // VduInstantiationLevels: VDU -> number_of_instances
};

struct ToscaEntity {       // a node template or policy kept as is (type not interpreted)
    QString name;
    QString type;
    QString kind;          // node or policy
    QStringList targets;
};

struct DeploymentFlavour {
    QString id;
    QString description;
    QString file;          // the definitions file that holds this flavour's topology
    QList<Vdu> vdus;
    QList<VirtualStorage> storages;
    QList<VduCp> vduCps;
    QList<VirtualLink> virtualLinks;
    QList<ExtCp> extCps;
    QList<ExternalPoint> externalPoints;
    QList<ScalingAspect> aspects;
    QList<InstantiationLevel> levels;
    QString defaultLevel;
    QList<ToscaEntity> others;

    const ScalingAspect *aspect(const QString &id) const;
    const InstantiationLevel *level(const QString &id) const;
    ScalingAspect *aspect(const QString &id);
    InstantiationLevel *level(const QString &id);
    const Vdu *vdu(const QString &node) const;
    // The level to instantiate with when none is chosen: default_level, else the first, else none.
    QString initialLevel() const;
    // Scale level of each aspect at an instantiation level (0 for aspects it does not name).
    QMap<QString, int> scaleLevelsAt(const QString &levelId) const;
    // VDU instance counts for a set of aspect scale levels.
    QMap<QString, int> vduInstances(const QMap<QString, int> &scaleLevels) const;

    QJsonObject toJson() const;
    static DeploymentFlavour fromJson(const QJsonObject &o);
};

// Vines extension: the VNF execution platform (VNF-ExP) the VNF runs on.
struct VnfExp {
    QString platform;      // leaf, click-on-osv, coven, generic-ssh
    QString nfType;        // for leaf: forwarder, firewall, monitor, echo, exec, router
    QJsonObject config;    // default NF configuration
};

struct VnfDescriptor {
    QString nodeName;
    QString descriptorId;
    QString provider;
    QString productName;
    QString softwareVersion;
    QString descriptorVersion;
    QStringList vnfmInfo;
    VnfExp exp;
    QList<DeploymentFlavour> flavours;   // at least one; the first is the default

    const DeploymentFlavour *flavour(const QString &id) const;
    const DeploymentFlavour &defaultFlavour() const;
    QStringList flavourIds() const;

    QJsonObject toJson() const;
    static VnfDescriptor fromJson(const QJsonObject &o);
};

} // namespace vines
