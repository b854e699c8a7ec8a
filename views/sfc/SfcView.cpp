#include "SfcView.h"
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

namespace vines {

SfcView::SfcView(QGraphicsScene *scene, QWidget *parent) : QGraphicsView(scene, parent)
{
    setObjectName("sfcView");
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setAcceptDrops(true);
}

void SfcView::zoomBy(double factor)
{
    const double z = zoom() * factor;
    if (z < 0.2 || z > 4)
        return;
    scale(factor, factor);
}

void SfcView::fit()
{
    const QRectF r = scene()->itemsBoundingRect();
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
    if (zoom() > 1.5)
        setTransform(QTransform::fromScale(1.5, 1.5));
}

void SfcView::wheelEvent(QWheelEvent *e)
{
    if (e->modifiers() & Qt::ControlModifier) {
        zoomBy(e->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        e->accept();
        return;
    }
    QGraphicsView::wheelEvent(e);
}

void SfcView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::MiddleButton) {
        setDragMode(QGraphicsView::ScrollHandDrag);
        // ScrollHandDrag pans with the left button: replay the press as one.
        QMouseEvent fake(e->type(), e->position(), e->scenePosition(), e->globalPosition(), Qt::LeftButton, Qt::LeftButton, e->modifiers());
        QGraphicsView::mousePressEvent(&fake);
        return;
    }
    QGraphicsView::mousePressEvent(e);
}

void SfcView::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() == Qt::MiddleButton) {
        QMouseEvent fake(e->type(), e->position(), e->scenePosition(), e->globalPosition(), Qt::LeftButton, Qt::NoButton, e->modifiers());
        QGraphicsView::mouseReleaseEvent(&fake);
        setDragMode(QGraphicsView::RubberBandDrag);
        return;
    }
    QGraphicsView::mouseReleaseEvent(e);
}

void SfcView::keyPressEvent(QKeyEvent *e)
{
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
        setDragMode(QGraphicsView::ScrollHandDrag);
        return;
    }
    QGraphicsView::keyPressEvent(e);
}

void SfcView::keyReleaseEvent(QKeyEvent *e)
{
    if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
        setDragMode(QGraphicsView::RubberBandDrag);
        return;
    }
    QGraphicsView::keyReleaseEvent(e);
}

} // namespace vines
