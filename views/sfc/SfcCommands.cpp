#include "SfcCommands.h"
#include <QCoreApplication>

namespace vines {

AddNodeCommand::AddNodeCommand(SfcDesign &d, const SfcNode &n) : m_d(d), m_n(n)
{
    setText(QCoreApplication::translate("SfcDesigner", "add %1").arg(n.label));
}

MoveNodeCommand::MoveNodeCommand(SfcDesign &d, const QString &id, const QPointF &from, const QPointF &to)
    : m_d(d), m_id(id), m_from(from), m_to(to)
{
    setText(QCoreApplication::translate("SfcDesigner", "move %1").arg(d.node(id).label));
}

bool MoveNodeCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveNodeCommand *>(other);
    if (o->m_id != m_id)
        return false;
    m_to = o->m_to;
    return true;
}

AddEdgeCommand::AddEdgeCommand(SfcDesign &d, const SfcEdge &e) : m_d(d), m_e(e)
{
    setText(QCoreApplication::translate("SfcDesigner", "connect %1 → %2").arg(d.node(e.from).label, d.node(e.to).label));
}

RemoveCommand::RemoveCommand(SfcDesign &d, const QStringList &nodeIds, const QList<SfcEdge> &edges) : m_d(d)
{
    for (const QString &id : nodeIds)
        if (d.hasNode(id))
            m_nodes << d.node(id);
    for (const SfcEdge &e : d.edges())
        if (edges.contains(e) || nodeIds.contains(e.from) || nodeIds.contains(e.to))
            m_edges << e;
    setText(QCoreApplication::translate("SfcDesigner", "delete %n item(s)", nullptr, int(m_nodes.size() + m_edges.size())));
}

void RemoveCommand::redo()
{
    for (const SfcEdge &e : m_edges)
        m_d.removeEdge(e);
    for (const SfcNode &n : m_nodes)
        m_d.removeNode(n.id);
}

void RemoveCommand::undo()
{
    for (const SfcNode &n : m_nodes)
        m_d.addNode(n);
    for (const SfcEdge &e : m_edges)
        m_d.addEdge(e);
}

} // namespace vines
