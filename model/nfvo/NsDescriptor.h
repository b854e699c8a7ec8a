#pragma once
// A Network Service Descriptor with its VNF Forwarding Graph: which VNFs (by VNFD descriptor id
// or product name) and the forwarding path through them, in order. Read from SOL001-style NSDs
// (tosca.nodes.nfv.NS + tosca.groups.nfv.VNFFG + tosca.nodes.nfv.NFP) or legacy Tacker VNFFGDs
// (tosca.nodes.nfv.FP.TackerV2 path), and written back in either form.
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QPointF>
#include <QString>

namespace vines {

struct NsdVnf {
    QString node;        // node template name in the NSD, unique
    QString vnfd;        // VNFD descriptor_id, or a product name (legacy Tacker forwarder names)
    QString label;       // display name
    QPointF position;    // designer layout (Vines metadata; optional)
    // The rest of the VNFD's identity, as SOL001 NSDs state it (filled from the VNF catalog).
    QString provider;
    QString descriptorVersion;
    QString softwareVersion;
    QString flavourId;
    QString flavourDescription;
    QStringList vnfmInfo;
};

struct NsdHop {
    QString node;        // an NsdVnf::node
    QString cp;          // connection point on that VNF the traffic enters (optional)
    QString egressCp;    // where it leaves, when the path names the VNF as an ingress/egress pair
};

// One classifier entry: Tacker's policy.criteria[] ({name, classifier: {...}} or a flat map) or a
// SOL001 NfpRule's properties. Values stay as written ("get_input:x" when bound to an input).
struct FlowCriterion {
    QString name;
    QMap<QString, QString> match;
};

// A forwarding path with its classifier. Paths of one VNFFG group share its name.
struct Vnffg {
    QString name;
    QString description;
    QString pathName;
    QList<NsdHop> path;  // ingress first
    QString policyType;  // e.g. ACL
    QList<FlowCriterion> criteria;
    bool symmetrical = false;
    QString correlation; // e.g. mpls, nsh

    // The transport protocols the classifier selects (tcp/udp from ip_proto); empty = all.
    QStringList protocols() const;
    // What the Vines data plane does with each part of the classifier, one line each.
    QStringList dataPlaneNotes() const;
};

struct NsDescriptor {
    QString descriptorId;
    QString name;
    QString version = QStringLiteral("1.0");
    QString designer = QStringLiteral("Vines");
    QString description;
    QString format = QStringLiteral("sol001");   // sol001 or tacker (what it was read from)
    QList<NsdVnf> vnfs;
    QList<Vnffg> vnffgs;

    const NsdVnf *vnf(const QString &node) const;
    // The VNFs of the first forwarding path, in order.
    QList<NsdVnf> chain() const;
    // An outline for tools and logs: each path with its hops and classifier.
    QStringList summaryLines() const;

    QJsonObject toJson() const;
    static NsDescriptor fromJson(const QJsonObject &o);
};

} // namespace vines
