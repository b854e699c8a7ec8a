#include "SfcDesign.h"
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace vines {

bool SfcDesign::forwards(const QString &platform, const QString &nfType)
{
    return platform == QLatin1String("leaf") && QStringList{"forwarder", "firewall", "monitor"}.contains(nfType);
}

int SfcDesign::indexOf(const QString &id) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].id == id)
            return i;
    return -1;
}

QString SfcDesign::uniqueId(const QString &base) const
{
    QString b = base.toLower();
    b.replace(QRegularExpression("[^a-z0-9_]+"), "_");
    if (b.isEmpty() || b[0].isDigit())
        b.prepend("vnf_");
    QString id = b;
    for (int i = 2; hasNode(id); ++i)
        id = QStringLiteral("%1_%2").arg(b).arg(i);
    return id;
}

void SfcDesign::addNode(const SfcNode &n)
{
    m_nodes << n;
    Q_EMIT changed();
}

void SfcDesign::removeNode(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return;
    m_nodes.removeAt(i);
    m_edges.removeIf([&](const SfcEdge &e) { return e.from == id || e.to == id; });
    Q_EMIT changed();
}

void SfcDesign::moveNode(const QString &id, const QPointF &pos)
{
    const int i = indexOf(id);
    if (i < 0 || m_nodes[i].pos == pos)
        return;
    m_nodes[i].pos = pos;
    Q_EMIT changed();
}

bool SfcDesign::canConnect(const QString &from, const QString &to, QString *why) const
{
    if (!hasNode(from) || !hasNode(to)) {
        *why = QStringLiteral("both ends must be VNFs of the design");
        return false;
    }
    if (from == to) {
        *why = QStringLiteral("a VNF cannot forward to itself");
        return false;
    }
    if (m_edges.contains(SfcEdge{from, to})) {
        *why = QStringLiteral("%1 already forwards to %2").arg(node(from).label, node(to).label);
        return false;
    }
    return true;
}

void SfcDesign::addEdge(const SfcEdge &e)
{
    if (m_edges.contains(e))
        return;
    m_edges << e;
    Q_EMIT changed();
}

void SfcDesign::removeEdge(const SfcEdge &e)
{
    if (m_edges.removeAll(e))
        Q_EMIT changed();
}

void SfcDesign::clear()
{
    m_nodes.clear();
    m_edges.clear();
    Q_EMIT changed();
}

QList<SfcIssue> SfcDesign::validate() const
{
    QList<SfcIssue> issues;
    if (m_nodes.isEmpty())
        return {SfcIssue{{}, {}, QStringLiteral("drop VNF packages or running VNFs here to start a chain")}};
    QHash<QString, int> in, out;
    for (const SfcEdge &e : m_edges) {
        ++out[e.from];
        ++in[e.to];
    }
    for (const SfcNode &n : m_nodes) {
        if (m_nodes.size() > 1 && !in.value(n.id) && !out.value(n.id))
            issues << SfcIssue{n.id, {}, QStringLiteral("%1 is not connected to the chain").arg(n.label)};
        if (out.value(n.id) > 1)
            issues << SfcIssue{n.id, {}, QStringLiteral("%1 forwards to %2 VNFs; a chain forwards to one").arg(n.label).arg(out.value(n.id))};
        if (in.value(n.id) > 1)
            issues << SfcIssue{n.id, {}, QStringLiteral("%1 receives from %2 VNFs; a chain has one predecessor").arg(n.label).arg(in.value(n.id))};
        if (out.value(n.id) && !forwards(n.platform, n.nfType))
            issues << SfcIssue{n.id, {}, QStringLiteral("%1 (%2 on %3) cannot forward traffic").arg(n.label, n.nfType, n.platform)};
        if (n.nfType == QLatin1String("router"))
            issues << SfcIssue{n.id, {}, QStringLiteral("the virtual router is managed by the NFVO, not part of a chain")};
    }
    // Cycles: walk from every node following the (first) outgoing edge.
    QHash<QString, QString> next;
    for (const SfcEdge &e : m_edges)
        next.insert(e.from, e.to);
    QSet<QString> reported;
    for (const SfcNode &n : m_nodes) {
        QSet<QString> seen;
        QString cur = n.id;
        while (next.contains(cur) && !seen.contains(cur)) {
            seen.insert(cur);
            cur = next.value(cur);
        }
        if (next.contains(cur) && seen.contains(cur) && !reported.contains(cur)) {
            QString c = cur;
            do {
                reported.insert(c);
                issues << SfcIssue{{}, SfcEdge{c, next.value(c)}, QStringLiteral("the path loops back through %1").arg(node(c).label)};
                c = next.value(c);
            } while (c != cur);
        }
    }
    const int starts = int(std::count_if(m_nodes.begin(), m_nodes.end(), [&](const SfcNode &n) { return !in.value(n.id); }));
    if (issues.isEmpty() && starts != 1)
        issues << SfcIssue{{}, {}, QStringLiteral("the design has %1 separate paths; connect them into one chain").arg(starts)};
    return issues;
}

QStringList SfcDesign::chainOrder() const
{
    if (!validate().isEmpty())
        return {};
    QHash<QString, QString> next;
    QSet<QString> hasIn;
    for (const SfcEdge &e : m_edges) {
        next.insert(e.from, e.to);
        hasIn.insert(e.to);
    }
    QString cur;
    for (const SfcNode &n : m_nodes)
        if (!hasIn.contains(n.id))
            cur = n.id;
    QStringList order;
    while (!cur.isEmpty()) {
        order << cur;
        cur = next.value(cur);
    }
    return order;
}

NsDescriptor SfcDesign::toNsd(const QString &name, const QString &descriptorId) const
{
    NsDescriptor d;
    d.descriptorId = descriptorId;
    d.name = name;
    d.description = QStringLiteral("Service chain designed in Vines Console");
    Vnffg g{name + "_vnffg", d.description, name + "_path", {}};
    for (const QString &id : chainOrder()) {
        const SfcNode n = node(id);
        d.vnfs << NsdVnf{n.id, n.vnfd, n.label, n.pos};
        g.path << NsdHop{n.id, {}};
    }
    d.vnffgs << g;
    return d;
}

void SfcDesign::load(const NsDescriptor &nsd, const std::function<SfcNode(const NsdVnf &)> &resolve)
{
    m_nodes.clear();
    m_edges.clear();
    for (const NsdVnf &v : nsd.vnfs) {
        SfcNode n = resolve(v);
        n.id = v.node;
        n.pos = v.position;
        m_nodes << n;
    }
    for (const Vnffg &g : nsd.vnffgs)
        for (int i = 0; i + 1 < g.path.size(); ++i)
            m_edges << SfcEdge{g.path[i].node, g.path[i + 1].node};
    Q_EMIT changed();
}

} // namespace vines
