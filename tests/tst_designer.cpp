// The SFC designer driven through real widget events (offscreen): drop VNF packages from the
// palette, draw a forwarding edge from an egress port, undo/redo, validation markers for a
// loop and a non-forwarding NF, delete, move with snap to grid, zoom, save as NSD, and
// instantiate the design to see live NF status colours and real traffic through the chain.
#include "ConsoleFixture.h"
#include "MainWindow.h"
#include "NsView.h"
#include <QAbstractButton>
#include <QTreeWidget>
#include "catalog/OperationStore.h"
#include "catalog/InstanceStore.h"
#include <QMessageBox>
#include <QTcpServer>
#include "TestSupport.h"
#include "catalog/NsCatalog.h"
#include "catalog/PackageCatalog.h"
#include "nfvo/Nfvo.h"
#include "sfc/SfcDesigner.h"
#include "sfc/SfcScene.h"
#include "sfc/SfcView.h"
#include <QAction>
#include <QApplication>
#include <QTimer>
#include <QMenu>
#include <QGraphicsItem>
#include <QLabel>
#include <QLineEdit>
#include <cmath>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace vines;
using namespace vines::test;

class TstDesigner : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<ConsoleCore> m_core;
    std::unique_ptr<MainWindow> m_win;
    SfcDesigner *m_d = nullptr;
    QHash<QString, QString> m_pkg;

    QWidget *viewport() const { return m_d->view()->viewport(); }
    QPoint at(const QPointF &scenePos) const { return m_d->view()->mapFromScene(scenePos); }
    void dropPackage(const QString &product, const QPoint &pos)
    {
        QMimeData mime;
        mime.setData(SfcScene::PackageMime, m_pkg.value(product).toUtf8());
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &enter);
        QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &move);
        QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(viewport(), &drop);
    }
    void drag(const QPointF &fromScene, const QPointF &toScene)
    {
        QTest::mousePress(viewport(), Qt::LeftButton, {}, at(fromScene));
        QTest::mouseMove(viewport(), at((fromScene + toScene) / 2));
        QTest::mouseMove(viewport(), at(toScene));
        QTest::mouseRelease(viewport(), Qt::LeftButton, {}, at(toScene));
    }
    QString issues() const { return m_d->findChild<QLabel *>("sfcIssues")->text(); }
    QString nodeId(const QString &label) const
    {
        for (const SfcNode &n : m_d->design().nodes())
            if (n.label == label)
                return n.id;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings(m_tmp.filePath("settings"));
        m_core = std::make_unique<ConsoleCore>(consoleOptions(m_tmp.filePath("data"), "127.85", "127.86.0"));
        QString error;
        VERIFY_OK(openCore(*m_core));
        const auto samples = onboardSamples(*m_core, {"echo", "forwarder", "router"});
        QVERIFY2(samples.ok(), qPrintable(samples.errorMessage()));
        for (const PackageRecord &p : *samples)
            m_pkg.insert(p.package.vnfd.productName, p.id);
        m_win = std::make_unique<MainWindow>(m_core->services(), "Local VIM");
        m_win->resize(1400, 900);
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
        m_d = m_win->designer();
        m_win->tabs()->setCurrentWidget(m_d);
        QVERIFY(QTest::qWaitForWindowExposed(m_d->view()));
    }

    void dropConnectUndoRedo()
    {
        QVERIFY(issues().contains("drop VNF packages"));
        dropPackage("Forwarder", QPoint(150, 150));
        dropPackage("Echo Sink", QPoint(450, 150));
        QCOMPARE(m_d->design().nodes().size(), 2);
        const QString fwd = nodeId("Forwarder"), echo = nodeId("Echo Sink");
        QVERIFY(!fwd.isEmpty() && !echo.isEmpty());
        QVERIFY(issues().contains("is not connected"));
        QVERIFY(!m_d->action("save")->isEnabled());
        // Positions snap to the grid.
        for (const SfcNode &n : m_d->design().nodes()) {
            QCOMPARE(std::fmod(n.pos.x(), double(SfcScene::Grid)), 0.0);
            QCOMPARE(std::fmod(n.pos.y(), double(SfcScene::Grid)), 0.0);
        }
        drag(m_d->scene()->egressPort(fwd), m_d->scene()->ingressPort(echo) + QPointF(20, 0));
        QCOMPARE(m_d->design().edges().size(), 1);
        QCOMPARE(m_d->design().chainOrder(), QStringList({fwd, echo}));
        QVERIFY2(issues().contains("router → Forwarder → Echo Sink"), qPrintable(issues()));
        QVERIFY(m_d->action("save")->isEnabled());

        m_d->action("undo")->trigger();
        QCOMPARE(m_d->design().edges().size(), 0);
        m_d->action("redo")->trigger();
        QCOMPARE(m_d->design().edges().size(), 1);
        QCOMPARE(m_d->undoStack()->count(), 3);   // two drops and one connection
        // The toolbar does not shift: Undo keeps its label, what it undoes is in the tooltip.
        QCOMPARE(m_d->action("undo")->text(), QString("Undo"));
        QVERIFY2(m_d->action("undo")->toolTip().startsWith("Undo ") && m_d->action("undo")->toolTip().size() > 5,
                 qPrintable(m_d->action("undo")->toolTip()));
        // Arrange: the chain left to right on the grid, in one undoable step.
        const QPointF fwdAt = m_d->design().node(fwd).pos, echoAt = m_d->design().node(echo).pos;
        m_d->action("arrange")->trigger();
        QVERIFY2(m_d->design().node(fwd).pos.x() < m_d->design().node(echo).pos.x(), "ingress first");
        QCOMPARE(m_d->design().node(fwd).pos.y(), m_d->design().node(echo).pos.y());
        QCOMPARE(std::fmod(m_d->design().node(echo).pos.x(), double(SfcScene::Grid)), 0.0);
        QCOMPARE(m_d->undoStack()->count(), 4);
        m_d->action("undo")->trigger();
        QCOMPARE(m_d->design().node(fwd).pos, fwdAt);
        QCOMPARE(m_d->design().node(echo).pos, echoAt);
        m_d->action("redo")->trigger();
    }

    void validationMarksLoopsAndNonForwardingNfs()
    {
        const QString fwd = nodeId("Forwarder"), echo = nodeId("Echo Sink");
        drag(m_d->scene()->egressPort(echo), m_d->scene()->ingressPort(fwd) + QPointF(20, 0));
        QCOMPARE(m_d->design().edges().size(), 2);
        QVERIFY2(issues().contains("cannot forward traffic"), qPrintable(issues()));
        QVERIFY2(issues().contains("loops back"), qPrintable(issues()));
        QVERIFY(!m_d->action("save")->isEnabled());
        QVERIFY(m_d->scene()->nodeItem(echo)->toolTip().contains("cannot forward"));   // marker on the node itself
        // A VNF cannot forward to itself.
        drag(m_d->scene()->egressPort(fwd), m_d->scene()->ingressPort(fwd) + QPointF(20, 0));
        QCOMPARE(m_d->design().edges().size(), 2);
        m_d->action("undo")->trigger();
        QCOMPARE(m_d->design().edges().size(), 1);
        QVERIFY(m_d->action("save")->isEnabled());
    }

    void deleteMoveAndZoom()
    {
        const QString echo = nodeId("Echo Sink");
        const QPointF before = m_d->design().node(echo).pos;
        // Move: drag the node's body; it lands on the grid.
        const QPointF body = m_d->scene()->nodeItem(echo)->sceneBoundingRect().center();
        drag(body, body + QPointF(47, 63));
        const QPointF after = m_d->design().node(echo).pos;
        QVERIFY(after != before);
        QCOMPARE(std::fmod(after.x(), double(SfcScene::Grid)), 0.0);
        QCOMPARE(std::fmod(after.y(), double(SfcScene::Grid)), 0.0);
        m_d->action("undo")->trigger();
        QCOMPARE(m_d->design().node(echo).pos, before);
        // Delete the selected node with the Delete key: its edge goes too; undo brings both back.
        m_d->scene()->clearSelection();
        m_d->scene()->nodeItem(echo)->setSelected(true);
        m_d->view()->setFocus();
        QTest::keyClick(m_d->view(), Qt::Key_Delete);
        QCOMPARE(m_d->design().nodes().size(), 1);
        QCOMPARE(m_d->design().edges().size(), 0);
        m_d->action("undo")->trigger();
        QCOMPARE(m_d->design().nodes().size(), 2);
        QCOMPARE(m_d->design().edges().size(), 1);
        const double z = m_d->view()->zoom();
        m_d->action("zoomIn")->trigger();
        QVERIFY(m_d->view()->zoom() > z);
        m_d->action("zoomOut")->trigger();
        QVERIFY(qAbs(m_d->view()->zoom() - z) < 1e-6);
        // The same by keyboard with the focus on the canvas (worked only in the Name field before).
        m_d->window()->activateWindow();
        m_d->view()->setFocus();
        QTRY_VERIFY(m_d->view()->hasFocus());
        m_d->scene()->clearSelection();
        m_d->scene()->nodeItem(echo)->setSelected(true);
        QTest::keyClick(m_d->view(), Qt::Key_Delete);
        QCOMPARE(m_d->design().nodes().size(), 1);
        QTest::keySequence(m_d->view(), QKeySequence::Undo);
        QCOMPARE(m_d->design().nodes().size(), 2);
        QTest::keySequence(m_d->view(), QKeySequence::ZoomIn);
        QVERIFY(m_d->view()->zoom() > z);
        QTest::keySequence(m_d->view(), QKeySequence::ZoomOut);
        QVERIFY(qAbs(m_d->view()->zoom() - z) < 1e-6);
    }

    void saveAndInstantiateWithLiveStatus()
    {
        QLineEdit *name = m_d->findChild<QLineEdit *>("sfcName");
        name->setText("designed");
        m_d->action("save")->trigger();
        QVERIFY(!m_d->savedNsdId().isEmpty());
        NsdRecord r;
        QVERIFY(m_core->nsCatalog().descriptor(m_d->savedNsdId(), &r));
        QCOMPARE(r.nsd.chain().size(), 2);
        QCOMPARE(r.nsd.chain().at(0).label, QString("Forwarder"));
        QCOMPARE(r.nsd.chain().at(1).label, QString("Echo Sink"));
        m_d->action("instantiate")->trigger();
        QVERIFY(!m_d->instantiatedNs().isEmpty());
        NsInstanceRecord ns;
        QTRY_VERIFY_WITH_TIMEOUT(m_core->nsCatalog().instance(m_d->instantiatedNs(), &ns) && ns.instantiated(), 30000);
        QCOMPARE(tcpExchange(ns.publicAddress, 9000, "designed chain"), QByteArray("designed chain"));
        // Live status: both nodes show their NF as running.
        for (const SfcNode &n : m_d->design().nodes())
            QTRY_COMPARE_WITH_TIMEOUT(m_d->scene()->nodeItem(n.id)->data(3).toString(), QString("running"), 5000);
        // A deployed node's context menu acts on its VNF: Stop, then Start (Start is refused while it runs).
        const QString sinkNode = m_d->design().chainOrder().last();
        auto fromMenu = [&](const QString &label, bool *enabled) {
            QTimer::singleShot(200, this, [label, enabled]() {
                auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                if (!menu)
                    return;
                for (QAction *a : menu->actions())
                    if (a->text() == label) {
                        *enabled = a->isEnabled();
                        if (a->isEnabled())
                            a->trigger();
                    }
                menu->close();
            });
            Q_EMIT m_d->scene()->contextMenuWanted(sinkNode, {}, m_d->mapToGlobal(QPoint(200, 200)));
        };
        bool enabled = true;
        fromMenu("Start", &enabled);
        QVERIFY(!enabled);
        fromMenu("Stop", &enabled);
        QVERIFY(enabled);
        // It carries the chain's traffic: asked first, as in the VNFs view, naming the service it interrupts.
        QMessageBox *askStop = nullptr;
        QTRY_VERIFY((askStop = m_win->findChild<QMessageBox *>("confirmStop")));
        QVERIFY2(askStop->text().contains(ns.name), qPrintable(askStop->text()));
        askStop->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_d->scene()->nodeItem(sinkNode)->data(3).toString(), QString("stopped"), 15000);
        fromMenu("Start", &enabled);
        QVERIFY(enabled);
        QTRY_COMPARE_WITH_TIMEOUT(m_d->scene()->nodeItem(sinkNode)->data(3).toString(), QString("running"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_core->operations().activeFor(ns.vnfInstanceIds.last()).isEmpty(), 15000);
        // Network services > Terminate asks first, naming the service and its VNFs; Cancel keeps it.
        auto *nsView = m_win->findChild<NsView *>();
        m_win->tabs()->setCurrentWidget(nsView);
        for (int i = 0; i < nsView->instances()->topLevelItemCount(); ++i)
            if (nsView->instances()->topLevelItem(i)->data(0, Qt::UserRole).toString() == ns.id)
                nsView->instances()->setCurrentItem(nsView->instances()->topLevelItem(i));
        nsView->action("terminateNs")->trigger();
        QMessageBox *confirm = nullptr;
        QTRY_VERIFY((confirm = m_win->findChild<QMessageBox *>("confirmTerminateNs")));
        QVERIFY2(confirm->text().contains("designed") && confirm->text().contains("2 VNF"), qPrintable(confirm->text()));
        confirm->button(QMessageBox::Cancel)->click();
        QTest::qWait(200);
        QVERIFY(m_core->nsCatalog().instance(ns.id, &ns) && ns.instantiated());
        // The service unfolds to its chain, one live row per member; the filter finds it by a member's name.
        QTreeWidgetItem *row = nsView->instances()->currentItem();
        QVERIFY(row && row->data(0, Qt::UserRole).toString() == ns.id);
        QCOMPARE(row->childCount(), 2);
        InstanceRecord first;
        QVERIFY(m_core->instances().get(ns.vnfInstanceIds.first(), &first));
        QVERIFY2(row->child(0)->text(0).contains(first.name), qPrintable(row->child(0)->text(0)));
        QTRY_COMPARE_WITH_TIMEOUT(nsView->instances()->currentItem()->child(1)->text(2), QString("running"), 5000);
        QVERIFY(row->isExpanded());
        m_win->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_win.get()));
        nsView->instances()->setFocus();
        QTest::keySequence(nsView->instances(), QKeySequence::keyBindings(QKeySequence::Find).value(0, QKeySequence(Qt::CTRL | Qt::Key_F)));
        QTRY_VERIFY(nsView->filter()->hasFocus());
        QTest::keyClicks(nsView->filter(), "no-such-service");
        QVERIFY(nsView->instances()->currentItem()->isHidden());
        nsView->filter()->setText(first.name.toUpper());   // case-insensitive, matched in the member rows
        QVERIFY(!nsView->instances()->currentItem()->isHidden());
        nsView->filter()->clear();
        m_win->tabs()->setCurrentWidget(m_d);
        QString error;
        const QString op = must(m_core->nfvo().terminate(ns.id));
        QVERIFY2(!op.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->nsCatalog().instance(ns.id, &ns) && !ns.instantiated(), 30000);
    }

    // A network service the NFVO cannot make is reported once, by the designer that asked for it
    // (the Network services tab used to show a second, identical error box).
    void failedInstantiationIsReportedOnce()
    {
        for (QMessageBox *b : m_win->findChildren<QMessageBox *>("errorBox"))
            b->close();   // what earlier tests left open
        QList<QTcpServer *> hogs;   // something else serves every public address of the pool
        for (int i = 1; i < 255; ++i) {
            auto *h = new QTcpServer(this);
            if (h->listen(QHostAddress(QStringLiteral("127.86.0.%1").arg(i)), 0))
                hogs << h;
        }
        QVERIFY(hogs.size() > 200);
        m_d->findChild<QLineEdit *>("sfcName")->setText("crowded");
        m_d->action("instantiate")->trigger();
        const QString nsId = m_d->instantiatedNs();
        QVERIFY(!nsId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT([&]() {
            for (const OperationRecord &o : m_core->operations().forInstance(nsId))
                if (isFinal(o.state))
                    return true;
            return false;
        }(), 30000);
        QTest::qWait(300);
        int boxes = 0;
        QString text;
        for (QMessageBox *b : m_win->findChildren<QMessageBox *>("errorBox"))
            if (b->isVisible()) {
                ++boxes;
                text = b->text();
                b->close();
            }
        QCOMPARE(boxes, 1);
        QVERIFY2(text.contains("crowded") && text.contains("exhausted"), qPrintable(text));
        qDeleteAll(hogs);
    }

    // New discards the canvas only after asking, naming what goes; an empty canvas is not asked about.
    void newAsksBeforeDiscarding()
    {
        if (m_d->design().nodes().isEmpty())
            dropPackage("Forwarder", QPoint(150, 150));
        const int nodes = int(m_d->design().nodes().size());
        auto answer = [&](QMessageBox::StandardButton b) {
            m_d->action("clear")->trigger();
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = m_win->findChild<QMessageBox *>("confirmNewDesign")));
            QVERIFY2(box->text().contains(QStringLiteral("%1 VNF").arg(nodes)), qPrintable(box->text()));
            box->button(b)->click();
            QTRY_VERIFY(!m_win->findChild<QMessageBox *>("confirmNewDesign"));
        };
        answer(QMessageBox::Cancel);
        QCOMPARE(int(m_d->design().nodes().size()), nodes);
        answer(QMessageBox::Yes);
        QVERIFY(m_d->design().nodes().isEmpty());
        m_d->action("clear")->trigger();
        QTest::qWait(100);
        QVERIFY(!m_win->findChild<QMessageBox *>("confirmNewDesign"));
    }

    void cleanupTestCase()
    {
        m_win.reset();
        m_core.reset();
    }
};

QTEST_MAIN(TstDesigner)
#include "tst_designer.moc"
