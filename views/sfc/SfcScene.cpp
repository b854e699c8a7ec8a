#include "SfcScene.h"
#include <QGraphicsSceneContextMenuEvent>
#include "SfcCommands.h"
#include <QGraphicsRectItem>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QUndoStack>
#include <cmath>

namespace vines {

namespace {
constexpr qreal W = 170, H = 64, PortR = 7;

QColor statusColour(NfState s)
{
    switch (s) {
    case NfState::Running: return QColor(0xc8, 0xe6, 0xc9);
    case NfState::Stopped:
    case NfState::Installed: return QColor(0xff, 0xe0, 0xb2);
    case NfState::Failed:
    case NfState::Unreachable: return QColor(0xff, 0xcd, 0xd2);
    default: return QColor(0xee, 0xee, 0xee);
    }
}

QPainterPath arrow(const QPointF &a, const QPointF &b)
{
    QPainterPath p(a);
    const qreal dx = qMax<qreal>(40, std::abs(b.x() - a.x()) / 2);
    p.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    // Arrowhead at b, pointing right (edges enter the ingress port from the left).
    p.moveTo(b);
    p.lineTo(b + QPointF(-10, -5));
    p.moveTo(b);
    p.lineTo(b + QPointF(-10, 5));
    return p;
}
} // namespace

class NodeItem : public QGraphicsRectItem {
public:
    NodeItem(SfcScene *scene, const SfcNode &n) : QGraphicsRectItem(0, 0, W, H), m_scene(scene), m_id(n.id)
    {
        setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
        setPos(n.pos);
        setData(0, n.id);
        auto *title = new QGraphicsSimpleTextItem(n.label, this);
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        title->setPos(12, 8);
        auto *sub = new QGraphicsSimpleTextItem(QStringLiteral("%1 / %2%3").arg(n.platform, n.nfType, n.kind == QLatin1String("vnf") ? QStringLiteral(" · running VNF") : QString()), this);
        sub->setPos(12, 34);
        sub->setBrush(QColor(0x55, 0x55, 0x55));
        m_in = new QGraphicsEllipseItem(-PortR, H / 2 - PortR, 2 * PortR, 2 * PortR, this);
        m_out = new QGraphicsEllipseItem(W - PortR, H / 2 - PortR, 2 * PortR, 2 * PortR, this);
        m_in->setBrush(QColor(0x90, 0xa4, 0xae));
        m_out->setBrush(SfcDesign::forwards(n.platform, n.nfType) ? QColor(0x19, 0x76, 0xd2) : QColor(0xbd, 0xbd, 0xbd));
        m_in->setData(1, "in");
        m_out->setData(1, "out");
        m_in->setToolTip(QObject::tr("ingress"));
        m_out->setToolTip(SfcDesign::forwards(n.platform, n.nfType) ? QObject::tr("egress: drag to the next VNF")
                                                                     : QObject::tr("this NF cannot forward: it ends the chain"));
    }
    QString id() const { return m_id; }
    QPointF ingress() const { return mapToScene(QPointF(0, H / 2)); }
    QPointF egress() const { return mapToScene(QPointF(W, H / 2)); }
    void setLook(const QColor &fill, const QStringList &problems)
    {
        setBrush(fill);
        setPen(problems.isEmpty() ? QPen(QColor(0x60, 0x60, 0x60), 1.2) : QPen(QColor(0xc6, 0x28, 0x28), 3));
        setToolTip(problems.join('\n'));
    }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override
    {
        if (change == ItemPositionHasChanged && !m_scene->m_rebuilding)
            m_scene->updateEdges();
        return QGraphicsRectItem::itemChange(change, value);
    }

private:
    SfcScene *m_scene;
    QString m_id;
    QGraphicsEllipseItem *m_in, *m_out;
};

SfcScene::SfcScene(SfcDesign &design, QUndoStack &undo, QObject *parent) : QGraphicsScene(parent), m_design(design), m_undo(undo)
{
    setSceneRect(-400, -300, 2400, 1400);
    connect(&m_design, &SfcDesign::changed, this, &SfcScene::rebuild);
    rebuild();
}

QPointF SfcScene::snap(const QPointF &p)
{
    return QPointF(std::round(p.x() / Grid) * Grid, std::round(p.y() / Grid) * Grid);
}

QGraphicsItem *SfcScene::nodeItem(const QString &id) const { return m_nodes.value(id); }
QPointF SfcScene::egressPort(const QString &id) const { return m_nodes.contains(id) ? m_nodes[id]->egress() : QPointF(); }
QPointF SfcScene::ingressPort(const QString &id) const { return m_nodes.contains(id) ? m_nodes[id]->ingress() : QPointF(); }

void SfcScene::rebuild()
{
    m_rebuilding = true;
    QStringList selected;
    for (QGraphicsItem *i : selectedItems())
        selected << i->data(0).toString();
    for (NodeItem *n : std::as_const(m_nodes))
        delete n;
    m_nodes.clear();
    for (QGraphicsPathItem *e : std::as_const(m_edges))
        delete e;
    m_edges.clear();
    for (const SfcNode &n : m_design.nodes()) {
        auto *item = new NodeItem(this, n);
        addItem(item);
        item->setSelected(selected.contains(n.id));
        m_nodes.insert(n.id, item);
    }
    m_rebuilding = false;
    updateEdges();
    refreshStatus();
}

void SfcScene::updateEdges()
{
    for (QGraphicsPathItem *e : std::as_const(m_edges))
        delete e;
    m_edges.clear();
    m_issues = m_design.validate();
    for (const SfcEdge &e : m_design.edges()) {
        if (!m_nodes.contains(e.from) || !m_nodes.contains(e.to))
            continue;
        bool bad = false;
        QString why;
        for (const SfcIssue &i : std::as_const(m_issues))
            if (i.edge == e || i.node == e.from) {
                bad = bad || i.edge == e;
                why = i.message;
            }
        auto *item = addPath(arrow(m_nodes[e.from]->egress(), m_nodes[e.to]->ingress()),
                             bad ? QPen(QColor(0xc6, 0x28, 0x28), 2.5, Qt::DashLine) : QPen(QColor(0x19, 0x76, 0xd2), 2));
        item->setFlag(QGraphicsItem::ItemIsSelectable);
        item->setData(0, QString());
        item->setData(2, QStringList{e.from, e.to});
        item->setToolTip(bad ? why : QObject::tr("%1 forwards to %2").arg(m_design.node(e.from).label, m_design.node(e.to).label));
        item->setZValue(-1);
        m_edges << item;
    }
}

void SfcScene::refreshStatus()
{
    for (NodeItem *item : std::as_const(m_nodes)) {
        const SfcNode n = m_design.node(item->id());
        QStringList problems;
        for (const SfcIssue &i : std::as_const(m_issues))
            if (i.node == n.id)
                problems << i.message;
        const std::optional<NfState> state = m_status ? m_status(n) : std::nullopt;
        const QColor fill = !state ? QColor(0xe3, 0xf2, 0xfd) : statusColour(*state);
        item->setData(3, state ? text(*state) : QString());
        item->setLook(fill, problems);
    }
}

QString SfcScene::nodeAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *i : items(scenePos)) {
        QGraphicsItem *top = i->parentItem() ? i->parentItem() : i;
        if (auto *n = dynamic_cast<NodeItem *>(top))
            return n->id();
    }
    return {};
}

void SfcScene::dragEnterEvent(QGraphicsSceneDragDropEvent *e)
{
    e->setAccepted(e->mimeData()->hasFormat(PackageMime) || e->mimeData()->hasFormat(VnfMime));
}

void SfcScene::dragMoveEvent(QGraphicsSceneDragDropEvent *e) { dragEnterEvent(e); }

void SfcScene::dropEvent(QGraphicsSceneDragDropEvent *e)
{
    const bool pkg = e->mimeData()->hasFormat(PackageMime);
    const QString ref = QString::fromUtf8(e->mimeData()->data(pkg ? PackageMime : VnfMime));
    SfcNode n;
    QString why;
    if (!m_resolve || !m_resolve(pkg ? "package" : "vnf", ref, &n, &why)) {
        Q_EMIT message(why.isEmpty() ? tr("cannot place this here") : why, true);
        return;
    }
    n.id = m_design.uniqueId(n.label);
    n.pos = snap(e->scenePos() - QPointF(W / 2, H / 2));
    m_undo.push(new AddNodeCommand(m_design, n));
    e->acceptProposedAction();
}

void SfcScene::mousePressEvent(QGraphicsSceneMouseEvent *e)
{
    if (e->button() == Qt::LeftButton) {
        for (QGraphicsItem *i : items(e->scenePos()))
            if (i->data(1).toString() == QLatin1String("out")) {
                m_connectFrom = i->parentItem()->data(0).toString();
                m_rubber = addPath(arrow(egressPort(m_connectFrom), e->scenePos()), QPen(QColor(0x19, 0x76, 0xd2), 2, Qt::DotLine));
                return;
            }
    }
    QGraphicsScene::mousePressEvent(e);
}

void SfcScene::mouseMoveEvent(QGraphicsSceneMouseEvent *e)
{
    if (m_rubber) {
        m_rubber->setPath(arrow(egressPort(m_connectFrom), e->scenePos()));
        return;
    }
    QGraphicsScene::mouseMoveEvent(e);
}

void SfcScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *e)
{
    if (m_rubber) {
        delete m_rubber;
        m_rubber = nullptr;
        const QString to = nodeAt(e->scenePos());
        const QString from = m_connectFrom;
        m_connectFrom.clear();
        if (to.isEmpty())
            return;
        QString why;
        if (!m_design.canConnect(from, to, &why))
            return Q_EMIT message(why, true);
        m_undo.push(new AddEdgeCommand(m_design, SfcEdge{from, to}));
        return;
    }
    QGraphicsScene::mouseReleaseEvent(e);
    // Record moves (snapped to the grid) as one undoable step.
    QList<QPair<QString, QPointF>> moved;
    for (NodeItem *n : std::as_const(m_nodes))
        if (snap(n->pos()) != m_design.node(n->id()).pos)
            moved << qMakePair(n->id(), snap(n->pos()));
    if (moved.isEmpty())
        return;
    m_undo.beginMacro(tr("move %n VNF(s)", nullptr, int(moved.size())));
    for (const auto &m : moved)
        m_undo.push(new MoveNodeCommand(m_design, m.first, m_design.node(m.first).pos, m.second));
    m_undo.endMacro();
}

void SfcScene::deleteSelection()
{
    QStringList nodes;
    QList<SfcEdge> edges;
    for (QGraphicsItem *i : selectedItems()) {
        if (!i->data(0).toString().isEmpty())
            nodes << i->data(0).toString();
        const QStringList e = i->data(2).toStringList();
        if (e.size() == 2)
            edges << SfcEdge{e[0], e[1]};
    }
    if (!nodes.isEmpty() || !edges.isEmpty())
        m_undo.push(new RemoveCommand(m_design, nodes, edges));
}

void SfcScene::contextMenuEvent(QGraphicsSceneContextMenuEvent *e)
{
    for (QGraphicsItem *i : items(e->scenePos())) {
        QGraphicsItem *top = i;
        while (top->parentItem() && top->data(0).toString().isEmpty())
            top = top->parentItem();
        const QString node = top->data(0).toString();
        const QStringList edge = i->data(2).toStringList();
        if (node.isEmpty() && edge.size() != 2)
            continue;
        clearSelection();
        (node.isEmpty() ? i : top)->setSelected(true);
        Q_EMIT contextMenuWanted(node, node.isEmpty() ? edge : QStringList(), e->screenPos());
        e->accept();
        return;
    }
    QGraphicsScene::contextMenuEvent(e);
}

void SfcScene::keyPressEvent(QKeyEvent *e)
{
    if (e->key() == Qt::Key_Delete || e->key() == Qt::Key_Backspace) {
        deleteSelection();
        return;
    }
    QGraphicsScene::keyPressEvent(e);
}

void SfcScene::drawBackground(QPainter *p, const QRectF &rect)
{
    p->fillRect(rect, QColor(0xfa, 0xfa, 0xfa));
    p->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0));
    const qreal left = std::floor(rect.left() / Grid) * Grid, top = std::floor(rect.top() / Grid) * Grid;
    QVector<QLineF> lines;
    for (qreal x = left; x < rect.right(); x += Grid)
        lines << QLineF(x, rect.top(), x, rect.bottom());
    for (qreal y = top; y < rect.bottom(); y += Grid)
        lines << QLineF(rect.left(), y, rect.right(), y);
    p->drawLines(lines);
}

} // namespace vines
