#pragma once
#include <QGraphicsView>

namespace vines {

// The designer's viewport: Ctrl+wheel zooms around the cursor, the middle button (or Space +
// drag) pans, rubber-band selection otherwise.
class SfcView : public QGraphicsView {
    Q_OBJECT
public:
    explicit SfcView(QGraphicsScene *scene, QWidget *parent = nullptr);
    void zoomBy(double factor);
    void fit();
    double zoom() const { return transform().m11(); }

protected:
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void keyReleaseEvent(QKeyEvent *e) override;
};

} // namespace vines
