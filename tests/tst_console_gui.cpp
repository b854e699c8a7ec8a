// The console's widgets, headless, on the real stack: a package dropped on the window is
// onboarded, a bad one is refused with a message, a VNF is instantiated through the dialog
// and driven through the toolbar with real Leaf processes behind it.
#include "CatalogView.h"
#include "AlarmTableModel.h"
#include "AlarmsView.h"
#include "ConsoleCore.h"
#include "catalog/InstanceStore.h"
#include "lifecycle/Vnfm.h"
#include "vim/LocalVim.h"
#include <QCheckBox>
#include <QLabel>
#include <csignal>
#include "InstanceTableModel.h"
#include "InstanceView.h"
#include "InstantiateDialog.h"
#include "MainWindow.h"
#include <QMenuBar>
#include <QLibraryInfo>
#include <QTranslator>
#include "ColorScheme.h"
#include "dash/LiveChart.h"
#include <QChart>
#include "VnfLogDialog.h"
#include <QPlainTextEdit>
#include <QHeaderView>
#include "catalog/OperationStore.h"
#include "dash/DashboardsView.h"
#include <QTabWidget>
#include "OperationTableModel.h"
#include "OperationsView.h"
#include "PackageDetailsView.h"
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QComboBox>
#include <QMenu>
#include <QTest>

using namespace vines;
using namespace vines::test;

class TstConsoleGui : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<ConsoleCore> m_core;
    std::unique_ptr<MainWindow> m_win;

    void drop(const QString &file)
    {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        const QPoint at(200, 200);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_win.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEv(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_win.get(), &dropEv);
    }

    QString cell(QTableView *t, int row, int col) { return t->model()->index(row, col).data().toString(); }

    template <typename T> T *waitForWidget(const QString &name)
    {
        T *w = nullptr;
        [&]() { QTRY_VERIFY_WITH_TIMEOUT((w = m_win->findChild<T *>(name)) && w->isVisible(), 5000); }();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath("settings"));
        QCoreApplication::setOrganizationName("VinesTest");
        QCoreApplication::setApplicationName("tst_console_gui");
        ConsoleCore::Options o;
        o.dataDir = m_tmp.filePath("data");
        o.leafBinary = leafBinary();
        o.keepVnfsRunning = false;
        o.guestPrefix = "127.41";
        o.emsPollIntervalMs = 300;
        m_core = std::make_unique<ConsoleCore>(o);
        QString error;
        VERIFY_OK(openCore(*m_core));
        m_win = std::make_unique<MainWindow>(m_core->services(), "Local VIM");
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
    }

    void dropOnboardsPackage()
    {
        QTableView *packages = m_win->catalog()->table();
        QCOMPARE(packages->model()->rowCount(), 0);
        drop(samplePackage("echo"));
        QTRY_COMPARE_WITH_TIMEOUT(packages->model()->rowCount(), 1, 10000);
        QCOMPARE(cell(packages, 0, 0), QString("Echo Sink"));
        QCOMPARE(cell(packages, 0, 3), QString("leaf / echo"));
        QTRY_VERIFY(!m_win->catalog()->selectedPackage().isEmpty());   // the new package is selected
        auto *details = m_win->findChild<PackageDetailsView *>();
        QVERIFY(details->topLevelItemCount() >= 5);
        QCOMPARE(details->topLevelItem(2)->text(0), QString("Deployment flavour simple"));
        QCOMPARE(details->topLevelItem(0)->child(0)->text(1), QString("Echo Sink"));
    }

    void badDropIsRefusedWithMessage()
    {
        auto f = sampleSources("forwarder");
        f["Scripts/stop.sh"] += "tampered\n";
        drop(writeZip(m_tmp.path(), "tampered.csar", f));
        auto *box = waitForWidget<QMessageBox>("errorBox");
        QVERIFY2(box->text().contains("tampered.csar") && box->text().contains("Scripts/stop.sh") && box->text().contains("digest of Scripts/stop.sh is wrong"),
                 qPrintable(box->text()));
        box->button(QMessageBox::Ok)->click();
        QCOMPARE(m_win->catalog()->table()->model()->rowCount(), 1);
    }

    void instantiateThroughDialogAndDriveLifecycle()
    {
        m_win->catalog()->instantiateAction()->trigger();
        auto *dlg = waitForWidget<InstantiateDialog>("instantiateDialog");
        auto *name = dlg->findChild<QLineEdit *>("vnfName");
        QCOMPARE(name->text(), QString("echo-sink-1"));   // proposed free name
        QTest::keyClicks(name, "x");
        name->setText("gui-echo");
        QPushButton *ok = dlg->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        QTableView *table = m_win->instances()->table();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, InstanceTableModel::Instantiation), QString("INSTANTIATED"), 20000);
        QCOMPARE(cell(table, 0, InstanceTableModel::Name), QString("gui-echo"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, InstanceTableModel::NfStatus), QString("running"), 5000);
        const QString address = cell(table, 0, InstanceTableModel::Address).section(':', 0, 0);
        QCOMPARE(tcpExchange(address, 9000, "from the gui"), QByteArray("from the gui"));

        QTableView *ops = m_win->operations();
        QCOMPARE(cell(ops, 0, OperationTableModel::Operation), QString("INSTANTIATE"));
        QCOMPARE(cell(ops, 0, OperationTableModel::State), QString("COMPLETED"));
        QCOMPARE(ops->model()->index(0, OperationTableModel::Progress).data(OperationTableModel::ProgressRole).toInt(), 100);

        m_win->instances()->selectInstance(table->model()->index(0, 0).data(Qt::UserRole).toString());
        QAction *start = m_win->instances()->action("START");
        QAction *stop = m_win->instances()->action("STOP");
        QTRY_VERIFY(stop->isEnabled());
        QVERIFY(!start->isEnabled());
        QVERIFY2(start->toolTip().contains("START needs STOPPED"), qPrintable(start->toolTip()));
        stop->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, InstanceTableModel::VnfState), QString("STOPPED"), 10000);
        QTRY_VERIFY(start->isEnabled());

        m_win->instances()->action("TERMINATE")->trigger();
        auto *confirm = waitForWidget<QMessageBox>("confirmTerminate");
        confirm->button(QMessageBox::Yes)->click();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, InstanceTableModel::Instantiation), QString("NOT_INSTANTIATED"), 15000);
        QVERIFY(tcpExchange(address, 9000, "gone", {}, 300).isEmpty());
        QTRY_VERIFY(m_win->instances()->action("DELETE")->isEnabled());
        m_win->instances()->action("DELETE")->trigger();
        QTRY_COMPARE(table->model()->rowCount(), 0);
    }

    void instantiateAtALevelAndScaleByAspect()
    {
        drop(samplePackage("forwarder"));
        QTRY_COMPARE_WITH_TIMEOUT(m_win->catalog()->table()->model()->rowCount(), 2, 10000);
        PackageRecord fwd;
        for (const PackageRecord &p : m_core->packages().list())
            if (p.package.vnfd.productName == QLatin1String("Forwarder"))
                fwd = p;
        QVERIFY(!fwd.id.isEmpty());
        // The details view lists both deployment flavours with the scalable one's aspect and levels.
        auto *details = m_win->findChild<PackageDetailsView *>();
        QStringList groups;
        for (int i = 0; i < details->topLevelItemCount(); ++i)
            groups << details->topLevelItem(i)->text(0);
        if (m_win->catalog()->selectedPackage() == fwd.id) {
            QVERIFY2(groups.contains("Deployment flavour simple") && groups.contains("Deployment flavour scalable"), qPrintable(groups.join('|')));
        }

        m_win->openInstantiateDialog(fwd.id);
        auto *dlg = waitForWidget<InstantiateDialog>("instantiateDialog");
        auto *flavour = dlg->findChild<QComboBox *>("deploymentFlavour");
        auto *level = dlg->findChild<QComboBox *>("instantiationLevel");
        auto *shape = dlg->findChild<QLabel *>("deploymentShape");
        QCOMPARE(flavour->count(), 2);
        QCOMPARE(flavour->currentData().toString(), QString("simple"));
        QVERIFY(!level->isEnabled());                                   // simple declares no levels
        flavour->setCurrentIndex(flavour->findData("scalable"));
        QVERIFY(level->isEnabled());
        QCOMPARE(level->currentData().toString(), QString("single"));   // the default level
        level->setCurrentIndex(level->findData("triple"));
        QVERIFY2(shape->text().contains("3 × forwarder_vdu") && shape->text().contains("relays (up to level 2)"), qPrintable(shape->text()));
        auto *name = dlg->findChild<QLineEdit *>("vnfName");
        QPushButton *ok = dlg->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        name->setText("bad name!");
        QVERIFY(!ok->isEnabled());                                     // checked before the dialog closes
        name->setText("gui-fwd");
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        QString id;
        QTest::qWait(200);
        if (auto *box = m_win->findChild<QMessageBox *>("errorBox"))
            QFAIL(qPrintable(box->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!(id = m_win->instances()->selectedInstance()).isEmpty(), 5000);
        InstanceRecord r;
        QTRY_VERIFY_WITH_TIMEOUT(m_core->instances().get(id, &r) && r.instantiated(), 20000);
        QCOMPARE(r.deployment.instantiationLevel, QString("triple"));
        QCOMPARE(r.deployment.extraVnfcs.size(), 2);

        // The Scale menu offers the aspect: out is at its max, in is possible.
        QMenu *menu = m_win->instances()->findChild<QMenu *>("scaleMenu");
        Q_EMIT menu->aboutToShow();
        QAction *out = menu->findChild<QAction *>("scaleOut_relays");
        QAction *in = menu->findChild<QAction *>("scaleIn_relays");
        QVERIFY(out && in);
        QVERIFY(!out->isEnabled());
        QVERIFY(in->isEnabled());
        in->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_core->instances().get(id, &r) && r.deployment.scaleStatus.value("relays") == 1
                                 && r.deployment.extraVnfcs.size() == 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_core->vnfm().whyNot(LcmOp::Terminate, id).isEmpty(), 10000);
        VERIFY_OK(m_core->vnfm().terminate(id));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->instances().get(id, &r) && !r.instantiated(), 20000);
        QVERIFY(r.deployment.extraVnfcs.isEmpty());
    }

    void alarmsFromTheEmsAppearAndCanBeAcknowledged()
    {
        auto *ems = m_win->findChild<QLabel *>("emsStatus");
        QTRY_VERIFY2_WITH_TIMEOUT(ems->text().contains("VNFs monitored"), qPrintable(ems->text()), 5000);
        QString error, id;
        const QString pkg = m_win->catalog()->selectedPackage();
        const auto opResult = instantiateVnf(m_core->vnfm(), pkg, "alarm-echo", {}, {}, &id);
        VERIFY_OK(opResult);
        const QString op = *opResult;
        QTRY_COMPARE_WITH_TIMEOUT(m_core->vnfm().nfStatus(id).state, NfState::Running, 20000);
        InstanceRecord r;
        m_core->instances().get(id, &r);
        // The platform dies behind everyone's back: the EMS notices and pushes an alarm.
        ::kill(pid_t(m_core->localVim().pidOf(r.vimInstanceId)), SIGKILL);
        QTableView *alarms = m_win->alarms()->table();
        QTRY_COMPARE_WITH_TIMEOUT(alarms->model()->rowCount(), 1, 5000);
        QCOMPARE(cell(alarms, 0, AlarmTableModel::Severity), QString("MAJOR"));
        QCOMPARE(cell(alarms, 0, AlarmTableModel::State), QString("Active"));
        QCOMPARE(cell(alarms, 0, AlarmTableModel::Vnf), QString("alarm-echo"));
        QCOMPARE(cell(alarms, 0, AlarmTableModel::Type), QString("VNF_UNREACHABLE"));
        QVERIFY(!cell(alarms, 0, AlarmTableModel::Raised).isEmpty());
        QTRY_VERIFY2(ems->text().contains("1 active alarms"), qPrintable(ems->text()));
        QTRY_COMPARE_WITH_TIMEOUT(m_core->vnfm().nfStatus(id).state, NfState::Unreachable, 5000);

        alarms->selectRow(0);
        QAction *ack = m_win->alarms()->acknowledgeAction();
        QVERIFY(ack->isEnabled());
        ack->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cell(alarms, 0, AlarmTableModel::Ack), QString("yes"), 5000);

        // From the alarm to its VNF: double-click selects it in the VNFs tab; the dashboard opens.
        m_win->tabs()->setCurrentIndex(1);
        alarms->selectRow(0);
        QVERIFY(m_win->alarms()->goToVnfAction()->isEnabled());
        emit alarms->doubleClicked(alarms->model()->index(0, 0));
        QCOMPARE(m_win->tabs()->currentWidget(), static_cast<QWidget *>(m_win->instances()));
        QCOMPARE(m_win->instances()->selectedInstance(), id);
        QVERIFY(m_win->alarms()->dashboardAction()->isEnabled());
        m_win->alarms()->dashboardAction()->trigger();
        QCOMPARE(m_win->tabs()->currentWidget(), static_cast<QWidget *>(m_win->dashboards()));
        QTabWidget *dashTabs = m_win->dashboards()->tabs();
        QCOMPARE(dashTabs->tabText(dashTabs->currentIndex()), QString("VNF alarm-echo"));
        delete dashTabs->currentWidget();
        // The VNF's log (through the EMS) says what its platform said, or why it cannot be read now.
        QAction *logs = m_win->instances()->action("LOGS");
        QVERIFY(logs->isEnabled());
        logs->trigger();
        VnfLogDialog *log = nullptr;
        QTRY_VERIFY((log = m_win->findChild<VnfLogDialog *>("vnfLog")));
        QTRY_VERIFY_WITH_TIMEOUT(!log->status()->text().contains("fetching"), 15000);
        QVERIFY2(log->status()->text().contains("could not fetch the log"), qPrintable(log->status()->text()));   // its platform is dead
        log->close();
        // Healing from the alarm brings the platform back; the EMS clears the alarm by itself.
        m_win->tabs()->setCurrentIndex(1);
        alarms->selectRow(0);
        const int opsBefore = int(m_core->operations().forInstance(id).size());
        QVERIFY(m_win->alarms()->healAction()->isEnabled());
        m_win->alarms()->healAction()->trigger();
        QCOMPARE(m_win->tabs()->currentWidget(), static_cast<QWidget *>(m_win->instances()));
        QTRY_VERIFY(int(m_core->operations().forInstance(id).size()) == opsBefore + 1);
        QCOMPARE(m_core->operations().forInstance(id).last().operation, QString("HEAL"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(alarms, 0, AlarmTableModel::State), QString("Cleared"), 20000);
        // Healed: its log has the agent's lines again.
        m_win->instances()->selectInstance(id);
        logs->trigger();
        QTRY_VERIFY((log = m_win->findChild<VnfLogDialog *>("vnfLog")));
        QTRY_VERIFY_WITH_TIMEOUT(log->text()->toPlainText().contains("[leaf]"), 15000);
        QVERIFY2(log->status()->text().contains("line"), qPrintable(log->status()->text()));
        log->close();
        QVERIFY(!cell(alarms, 0, AlarmTableModel::Cleared).isEmpty());
        m_win->alarms()->findChild<QCheckBox *>("activeOnly")->setChecked(true);
        QCOMPARE(alarms->model()->rowCount(), 0);
        QTRY_VERIFY(m_core->vnfm().whyNot(LcmOp::Terminate, id).isEmpty());
        VERIFY_OK(m_core->vnfm().terminate(id));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->vnfm().whyNot(LcmOp::Delete, id).isEmpty(), 15000);
        VERIFY_OK(m_core->vnfm().deleteInstance(id));
    }

    // Several VNFs selected: lifecycle actions apply to each one that can take them; terminating
    // them asks once, naming them all.
    void bulkActionsOnSelectedVnfs()
    {
        QString error;
        const QString pkg = m_win->catalog()->selectedPackage();
        QStringList ids;
        for (const char *name : {"bulk-a", "bulk-b"}) {
            QString id;
            VERIFY_OK(instantiateVnf(m_core->vnfm(), pkg, QString::fromLatin1(name), {}, {}, &id));
            ids << id;
        }
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(m_core->vnfm().nfStatus(id).state, NfState::Running, 20000);
        QTableView *table = m_win->instances()->table();
        table->clearSelection();
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (cell(table, r, InstanceTableModel::Name).startsWith("bulk-"))
                table->selectionModel()->select(table->model()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(m_win->instances()->selectedInstances().size(), 2);
        QAction *stop = m_win->instances()->action("STOP");
        QVERIFY(stop->isEnabled());
        QVERIFY2(stop->toolTip().contains("2 of the 2"), qPrintable(stop->toolTip()));
        QVERIFY(!m_win->instances()->action("SCALE")->isEnabled());   // one VNF at a time
        stop->trigger();
        for (const QString &id : ids)
            QTRY_VERIFY_WITH_TIMEOUT([&]() { InstanceRecord r; return m_core->instances().get(id, &r) && r.vnfState == VnfState::Stopped; }(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_win->instances()->action("TERMINATE")->toolTip().contains("2 of the 2"), 10000);
        m_win->instances()->action("TERMINATE")->trigger();
        auto *confirm = waitForWidget<QMessageBox>("confirmTerminate");
        QVERIFY2(confirm->text().contains("2 VNFs") && confirm->text().contains("bulk-a") && confirm->text().contains("bulk-b"), qPrintable(confirm->text()));
        confirm->button(QMessageBox::Yes)->click();
        for (const QString &id : ids)
            QTRY_VERIFY_WITH_TIMEOUT(m_core->vnfm().whyNot(LcmOp::Delete, id).isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_win->instances()->action("DELETE")->toolTip().contains("2 of the 2"), 10000);
        m_win->instances()->action("DELETE")->trigger();
        waitForWidget<QMessageBox>("confirmDelete")->button(QMessageBox::Yes)->click();
        for (const QString &id : ids)
            QTRY_VERIFY([&]() { InstanceRecord gone; return !m_core->instances().get(id, &gone); }());
    }

    // Every word typed in a table's filter line must match some cell of a row; Ctrl+F puts the
    // cursor there; header clicks sort; asking for a row the filter hides shows it again.
    void tablesFilterAndSort()
    {
        QTableView *packages = m_win->catalog()->table();
        auto *filter = m_win->catalog()->findChild<QLineEdit *>("packageTableFilter");
        QVERIFY(filter);
        const int all = packages->model()->rowCount();
        QVERIFY(all >= 2);
        const QString first = packages->model()->index(0, 0).data().toString();
        m_win->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_win.get()));
        packages->setFocus();
        QTest::keySequence(packages, QKeySequence::keyBindings(QKeySequence::Find).value(0, QKeySequence(Qt::CTRL | Qt::Key_F)));
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, "no-such-package-anywhere");
        QCOMPARE(packages->model()->rowCount(), 0);
        filter->setText(first.toUpper() + " 1.0");   // case-insensitive, every word
        QCOMPARE(packages->model()->rowCount(), 1);
        QCOMPARE(packages->model()->index(0, 0).data().toString(), first);
        filter->clear();
        QCOMPARE(packages->model()->rowCount(), all);
        // Sorting by a header click, both ways.
        packages->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
        const QString top = packages->model()->index(0, 0).data().toString();
        const QString next = packages->model()->index(1, 0).data().toString();
        QVERIFY2(top.compare(next, Qt::CaseInsensitive) >= 0, qPrintable(top + " / " + next));
        packages->horizontalHeader()->setSortIndicator(0, Qt::AscendingOrder);
        QVERIFY(packages->model()->index(0, 0).data().toString().compare(packages->model()->index(1, 0).data().toString(), Qt::CaseInsensitive) <= 0);
        // The selection still names the right package through the sorted, filtered view.
        packages->selectRow(0);
        const QString selected = m_win->catalog()->selectedPackage();
        PackageRecord rec;
        QVERIFY(m_core->packages().get(selected, &rec));
        QCOMPARE(rec.package.vnfd.productName, packages->model()->index(0, 0).data().toString());
        // The operations log filters the same way: only rows of one operation kind.
        QTableView *ops = m_win->operations();
        auto *opsFilter = m_win->findChild<QLineEdit *>("operationsTableFilter");
        QVERIFY(opsFilter);
        const int opsAll = ops->model()->rowCount();
        opsFilter->setText("terminate");
        QVERIFY(ops->model()->rowCount() >= 1 && ops->model()->rowCount() < opsAll);
        for (int r = 0; r < ops->model()->rowCount(); ++r)
            QCOMPARE(ops->model()->index(r, OperationTableModel::Operation).data().toString(), QString("TERMINATE"));
        opsFilter->clear();
        QCOMPARE(ops->model()->rowCount(), opsAll);
        filter->setText("no-such-package-anywhere");
        m_win->catalog()->selectPackage(selected);
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(m_win->catalog()->selectedPackage(), selected);
    }

    void layoutIsRemembered()
    {
        m_win->resize(1111, 777);
        m_win->close();
        MainWindow again(m_core->services(), "Local VIM");
        QCOMPARE(again.size(), QSize(1111, 777));
    }

    // View > Appearance: the desktop's preference (here forced through VINES_COLOR_SCHEME, as a
    // portal or gsettings would say it) or the operator's choice; dashboards made afterwards follow.
    void appearanceFollowsTheDesktopOrTheChoice()
    {
        auto lightness = []() { return QApplication::palette().color(QPalette::Window).lightness(); };
        qputenv("VINES_COLOR_SCHEME", "dark");
        QVERIFY(colorscheme::desktopPrefersDark());
        m_win->findChild<QAction *>("scheme0")->trigger();   // follow the desktop
        QVERIFY(colorscheme::dark());
        QVERIFY2(lightness() < 90, qPrintable(QString::number(lightness())));
        QCOMPARE(colorscheme::saved(), colorscheme::Choice::System);
        LiveChart chart("t", "x", "y", LiveChart::XAxis::Time);
        QCOMPARE(chart.chart()->theme(), QChart::ChartThemeDark);
        m_win->findChild<QAction *>("scheme1")->trigger();   // light, whatever the desktop says
        QVERIFY(!colorscheme::dark());
        QVERIFY2(lightness() > 150, qPrintable(QString::number(lightness())));
        QCOMPARE(colorscheme::saved(), colorscheme::Choice::Light);
        m_win->findChild<QAction *>("scheme2")->trigger();
        QVERIFY(colorscheme::dark() && lightness() < 90);
        qputenv("VINES_COLOR_SCHEME", "light");
        m_win->findChild<QAction *>("scheme0")->trigger();
        QVERIFY(!colorscheme::dark() && lightness() > 150);
        qunsetenv("VINES_COLOR_SCHEME");
    }

    // Deleting a package asks first, naming it; Cancel keeps it, Yes deletes it.
    void deletingAPackageAsksFirst()
    {
        QString error;
        const auto idResult = m_core->packages().onboardFile(samplePackage("firewall"));
        VERIFY_OK(idResult);
        const QString id = *idResult;
        VERIFY_OK(m_core->packages().setOperationalState(id, OperationalState::Disabled));   // only a disabled package may go
        QTRY_VERIFY(m_win->catalog()->table()->model()->rowCount() >= 2);
        auto answer = [&](QMessageBox::StandardButton b) {
            m_win->catalog()->selectPackage(id);
            QTRY_COMPARE(m_win->catalog()->selectedPackage(), id);
            QTRY_VERIFY(m_win->catalog()->deleteAction()->isEnabled());
            m_win->catalog()->deleteAction()->trigger();
            QMessageBox *box = nullptr;
            QTRY_VERIFY((box = m_win->findChild<QMessageBox *>("confirmDeletePackage")));
            QVERIFY2(box->text().contains("Firewall"), qPrintable(box->text()));
            box->button(b)->click();
            QTRY_VERIFY(!m_win->findChild<QMessageBox *>("confirmDeletePackage"));
        };
        PackageRecord p;
        answer(QMessageBox::Cancel);
        QVERIFY(m_core->packages().get(id, &p));
        answer(QMessageBox::Yes);
        QVERIFY(!m_core->packages().get(id, &p));
    }

    // Brazilian Portuguese, built by lrelease next to the binaries: a window made with it installed
    // speaks it (menus, tabs, docks), Qt's own texts too; without it, English.
    void speaksBrazilianPortuguese()
    {
        QTranslator vines, qtbase;
        QVERIFY2(vines.load(QLocale("pt_BR"), "vines", "_", QStringLiteral(VINES_BIN_DIR "/translations")), "vines_pt_BR.qm was built");
        QCoreApplication::installTranslator(&vines);
        if (qtbase.load(QLocale("pt_BR"), "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&qtbase);
        {
            MainWindow pt(m_core->services(), "Local VIM");
            QStringList tabs, menus;
            for (int i = 0; i < pt.tabs()->count(); ++i)
                tabs << pt.tabs()->tabText(i);
            for (QAction *a : pt.menuBar()->actions())
                menus << a->text();
            QVERIFY2(tabs.contains("Serviços de rede") && tabs.contains("Editor de SFC") && tabs.contains("Painéis"), qPrintable(tabs.join(", ")));
            QVERIFY2(menus.contains("&Arquivo") && menus.contains("&Exibir") && menus.contains("Aj&uda"), qPrintable(menus.join(", ")));
        }
        QCoreApplication::removeTranslator(&vines);
        QCoreApplication::removeTranslator(&qtbase);
        MainWindow en(m_core->services(), "Local VIM");
        QCOMPARE(en.tabs()->tabText(1), QString("Network services"));
    }

    void cleanupTestCase()
    {
        m_win.reset();
        m_core.reset();
    }
};

QTEST_MAIN(TstConsoleGui)
#include "tst_console_gui.moc"
