#pragma once
// The model behind the SFC designer canvas: VNF nodes (from catalog packages or running VNF
// instances) and forwarding edges between them, with the checks an operator needs before a
// design can become a VNFFG (a single linear path, no cycles, nothing left unconnected, only
// forwarding NFs before the end), and conversion to and from an NSD.
#include "NsDescriptor.h"
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>

namespace vines {

struct SfcNode {
    QString id;          // unique in the design; becomes the NSD node name
    QString kind;        // "package" or "vnf"
    QString ref;         // package id or VNF instance id
    QString vnfd;        // VNFD descriptor id
    QString label;
    QString platform;    // VNF-ExP
    QString nfType;
    QPointF pos;
};

struct SfcEdge {
    QString from;
    QString to;
    bool operator==(const SfcEdge &o) const { return from == o.from && to == o.to; }
};

struct SfcIssue {
    QString node;        // or empty
    SfcEdge edge;        // or empty
    QString message;
};

class SfcDesign : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    QList<SfcNode> nodes() const { return m_nodes; }
    QList<SfcEdge> edges() const { return m_edges; }
    bool hasNode(const QString &id) const { return indexOf(id) >= 0; }
    SfcNode node(const QString &id) const { const int i = indexOf(id); return i >= 0 ? m_nodes[i] : SfcNode{}; }
    QString uniqueId(const QString &base) const;

    void addNode(const SfcNode &n);
    void removeNode(const QString &id);           // and its edges
    void moveNode(const QString &id, const QPointF &pos);
    bool canConnect(const QString &from, const QString &to, QString *why) const;
    void addEdge(const SfcEdge &e);
    void removeEdge(const SfcEdge &e);
    void clear();

    QList<SfcIssue> validate() const;
    QStringList chainOrder() const;               // node ids from ingress to egress; empty if not one path
    NsDescriptor toNsd(const QString &name, const QString &descriptorId) const;
    // Replaces the design with an NSD's VNFs and path; resolve maps a VNFD reference to a node template.
    void load(const NsDescriptor &nsd, const std::function<SfcNode(const NsdVnf &)> &resolve);

    static bool forwards(const QString &platform, const QString &nfType);

Q_SIGNALS:
    void changed();

private:
    int indexOf(const QString &id) const;
    QList<SfcNode> m_nodes;
    QList<SfcEdge> m_edges;
};

} // namespace vines
