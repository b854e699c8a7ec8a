#pragma once
// The SFC designer's canvas: draws an SfcDesign (VNF nodes with ingress/egress ports, arrows for
// forwarding edges, a snapping grid), turns gestures into undoable commands (drop a palette
// entry, drag from an egress port to another VNF, move, delete), marks what validation finds
// wrong and colours VNFs by their live NF status.
#include "core/States.h"
#include "nfvo/SfcDesign.h"
#include <optional>
#include <QGraphicsScene>
#include <functional>

class QUndoStack;
class QGraphicsPathItem;

namespace vines {

class NodeItem;

class SfcScene : public QGraphicsScene {
    Q_OBJECT
public:
    static constexpr int Grid = 20;
    static constexpr const char *PackageMime = "application/x-vines-package";
    static constexpr const char *VnfMime = "application/x-vines-vnf";
    using Resolver = std::function<bool(const QString &kind, const QString &ref, SfcNode *out, QString *why)>;
    using StatusOf = std::function<std::optional<NfState>(const SfcNode &node)>;   // NF state; none when not deployed

    SfcScene(SfcDesign &design, QUndoStack &undo, QObject *parent = nullptr);
    void setResolver(Resolver r) { m_resolve = std::move(r); }
    void setStatusProvider(StatusOf s) { m_status = std::move(s); refreshStatus(); }
    void refreshStatus();
    void deleteSelection();
    QGraphicsItem *nodeItem(const QString &id) const;   // the node's item (data(3): its NF state)
    QPointF egressPort(const QString &id) const;
    QPointF ingressPort(const QString &id) const;
    static QPointF snap(const QPointF &p);
    QList<SfcIssue> issues() const { return m_issues; }

Q_SIGNALS:
    void message(const QString &text, bool error);
    // Right click on a VNF node (nodeId) or a forwarding edge (edge: from, to), now selected alone.
    void contextMenuWanted(const QString &nodeId, const QStringList &edge, const QPoint &screenPos);

protected:
    void dragEnterEvent(QGraphicsSceneDragDropEvent *e) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *e) override;
    void dropEvent(QGraphicsSceneDragDropEvent *e) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *e) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *e) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent *e) override;
    void drawBackground(QPainter *p, const QRectF &rect) override;

private:
    friend class NodeItem;
    void rebuild();
    void updateEdges();
    QString nodeAt(const QPointF &scenePos) const;

    SfcDesign &m_design;
    QUndoStack &m_undo;
    Resolver m_resolve;
    StatusOf m_status;
    QHash<QString, NodeItem *> m_nodes;
    QList<QGraphicsPathItem *> m_edges;
    QList<SfcIssue> m_issues;
    QString m_connectFrom;
    QGraphicsPathItem *m_rubber = nullptr;
    bool m_rebuilding = false;
};

} // namespace vines
