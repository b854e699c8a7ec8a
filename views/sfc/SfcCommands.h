#pragma once
// Undoable edits of an SfcDesign (QUndoStack commands): add/remove/move VNF nodes, add/remove
// forwarding edges.
#include "nfvo/SfcDesign.h"
#include <QUndoCommand>

namespace vines {

class AddNodeCommand : public QUndoCommand {
public:
    AddNodeCommand(SfcDesign &d, const SfcNode &n);
    void redo() override { m_d.addNode(m_n); }
    void undo() override { m_d.removeNode(m_n.id); }
private:
    SfcDesign &m_d;
    SfcNode m_n;
};

class MoveNodeCommand : public QUndoCommand {
public:
    MoveNodeCommand(SfcDesign &d, const QString &id, const QPointF &from, const QPointF &to);
    void redo() override { m_d.moveNode(m_id, m_to); }
    void undo() override { m_d.moveNode(m_id, m_from); }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;
private:
    SfcDesign &m_d;
    QString m_id;
    QPointF m_from, m_to;
};

class AddEdgeCommand : public QUndoCommand {
public:
    AddEdgeCommand(SfcDesign &d, const SfcEdge &e);
    void redo() override { m_d.addEdge(m_e); }
    void undo() override { m_d.removeEdge(m_e); }
private:
    SfcDesign &m_d;
    SfcEdge m_e;
};

// Removes nodes (with their edges) and edges; undo puts everything back as it was.
class RemoveCommand : public QUndoCommand {
public:
    RemoveCommand(SfcDesign &d, const QStringList &nodeIds, const QList<SfcEdge> &edges);
    void redo() override;
    void undo() override;
private:
    SfcDesign &m_d;
    QList<SfcNode> m_nodes;
    QList<SfcEdge> m_edges;
};

} // namespace vines
