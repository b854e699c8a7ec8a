#include "MainWindow.h"
#include "StateLabels.h"
#include "ColorScheme.h"
#include <QActionGroup>
#include "AlarmsView.h"
#include "NsView.h"
#include "catalog/NsCatalog.h"
#include "OperationTableModel.h"
#include "dash/DashboardsView.h"
#include "sfc/SfcDesigner.h"
#include <QTabWidget>
#include "CatalogView.h"
#include "ems/EmsLink.h"
#include "InstanceView.h"
#include "InstantiateDialog.h"
#include "OperationsView.h"
#include "TableFilter.h"
#include <QVBoxLayout>
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "package/PackageOnboarder.h"
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QHeaderView>
#include <QGuiApplication>
#include <QScreen>
#include <QSet>
#include <algorithm>

namespace vines {

namespace {
constexpr int LayoutVersion = 2;   // bump when docks are added or removed
}

MainWindow::MainWindow(ConsoleServices services, const QString &vimName, QWidget *parent) : QMainWindow(parent), m_s(services)
{
    setObjectName("mainWindow");
    setWindowTitle(tr("Vines Console"));
    setAcceptDrops(true);
    m_instances = new InstanceView(m_s, this);
    m_designer = new SfcDesigner(m_s, this);
    m_ns = new NsView(m_s, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("centralTabs");
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_instances, tr("VNFs"));
    m_tabs->addTab(m_ns, tr("Network services"));
    m_tabs->addTab(m_designer, tr("SFC designer"));
    m_dash = new DashboardsView(m_s, this);
    m_tabs->addTab(m_dash, tr("Dashboards"));
    setCentralWidget(m_tabs);
    connect(m_designer, &SfcDesigner::message, this, &MainWindow::showMessage);
    connect(m_designer, &SfcDesigner::openVnfDashboard, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_dash);
        m_dash->openVnf(id);
    });
    connect(m_ns, &NsView::message, this, &MainWindow::showMessage);
    connect(m_ns, &NsView::openInDesigner, this, [this](const QString &nsdId) {
        m_designer->loadNsd(nsdId);
        m_tabs->setCurrentWidget(m_designer);
    });

    m_catalog = new CatalogView(m_s, this);
    auto *catalogDock = new QDockWidget(tr("VNF catalog"), this);
    catalogDock->setObjectName("catalogDock");
    catalogDock->setWidget(m_catalog);
    addDockWidget(Qt::LeftDockWidgetArea, catalogDock);

    m_operations = new OperationsView(m_s.operations, m_s.instances, m_s.vnfm, this);
    m_operations->operations()->setExtraNames([this]() {
        QHash<QString, QString> names;
        for (const NsInstanceRecord &r : m_s.nsCatalog.instances())
            names.insert(r.id, tr("NS %1").arg(r.name));
        return names;
    });
    auto *opsDock = new QDockWidget(tr("Operations"), this);
    opsDock->setObjectName("operationsDock");
    auto *opsPage = new QWidget(opsDock);
    auto *opsFilter = new TableFilter(m_operations, m_operations->operations(), opsPage, tr("Filter operations: VNF, operation, state, error… (Ctrl+F)"));
    auto *opsLayout = new QVBoxLayout(opsPage);
    opsLayout->setContentsMargins(0, 0, 0, 0);
    opsLayout->setSpacing(0);
    opsLayout->addWidget(opsFilter->edit());
    opsLayout->addWidget(m_operations);
    opsDock->setWidget(opsPage);
    addDockWidget(Qt::BottomDockWidgetArea, opsDock);

    m_alarms = new AlarmsView(m_s.ems, m_s.instances, &m_s.serviceAlarms, this);
    auto *alarmDock = new QDockWidget(tr("Alarms"), this);
    alarmDock->setObjectName("alarmsDock");
    alarmDock->setWidget(m_alarms);
    addDockWidget(Qt::BottomDockWidgetArea, alarmDock);
    tabifyDockWidget(opsDock, alarmDock);
    opsDock->raise();
    connect(m_alarms, &AlarmsView::message, this, &MainWindow::showMessage);
    // From alarm to action: the VNF's row, its dashboard, its heal (through the VNFs tab's own action and checks).
    connect(m_alarms, &AlarmsView::showVnf, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_instances);
        m_instances->selectInstance(id);
    });
    connect(m_alarms, &AlarmsView::openVnfDashboard, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_dash);
        m_dash->openVnf(id);
    });
    connect(m_alarms, &AlarmsView::healVnf, this, [this](const QString &id) {
        m_tabs->setCurrentWidget(m_instances);
        m_instances->selectInstance(id);
        QAction *heal = m_instances->action(QStringLiteral("HEAL"));
        if (heal->isEnabled())
            heal->trigger();
        else
            showMessage(heal->toolTip(), true);
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_catalog->onboardAction());
    m_catalog->onboardAction()->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // The platform's Quit key where it has one (some have none, e.g. without a desktop theme): Ctrl+Q.
    quit->setShortcut(QKeySequence::keyBindings(QKeySequence::Quit).value(0, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    QMenu *vnf = menuBar()->addMenu(tr("&VNF"));
    vnf->addAction(m_catalog->instantiateAction());
    for (const char *op : {"START", "STOP", "RESTART", "SCALE", "HEAL", "TERMINATE", "DELETE"})
        vnf->addAction(m_instances->action(QString::fromLatin1(op)));
    vnf->addSeparator();
    vnf->addAction(m_instances->action(QStringLiteral("LOGS")));
    vnf->addAction(m_instances->action(QStringLiteral("ROTATE_CREDENTIALS")));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(catalogDock->toggleViewAction());
    view->addAction(opsDock->toggleViewAction());
    view->addAction(alarmDock->toggleViewAction());

    m_vimLabel = new QLabel(tr("VIM: %1").arg(vimName), this);
    m_counts = new QLabel(this);
    m_emsLabel = new QLabel(this);
    m_emsLabel->setObjectName("emsStatus");
    m_onboardProgress = new QProgressBar(this);
    m_onboardProgress->setMaximumWidth(180);
    m_onboardProgress->setRange(0, 100);
    m_onboardProgress->hide();
    statusBar()->addPermanentWidget(m_onboardProgress);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_emsLabel);
    statusBar()->addPermanentWidget(m_vimLabel);

    connect(m_catalog, &CatalogView::onboardRequested, this, &MainWindow::chooseAndOnboard);
    connect(m_catalog, &CatalogView::instantiateRequested, this, &MainWindow::openInstantiateDialog);
    connect(m_instances, &InstanceView::instantiateRequested, this, [this]() { openInstantiateDialog(m_catalog->selectedPackage()); });
    connect(m_catalog, &CatalogView::message, this, &MainWindow::showMessage);
    connect(m_instances, &InstanceView::message, this, &MainWindow::showMessage);
    connect(&m_s.onboarder, &PackageOnboarder::progress, this, [this](const QString &path, int pct, const QString &stage) {
        m_onboardProgress->setVisible(pct < 100);
        m_onboardProgress->setValue(pct);
        statusBar()->showMessage(tr("Onboarding %1: %2").arg(QFileInfo(path).fileName(), stage), 4000);
    });
    connect(&m_s.onboarder, &PackageOnboarder::onboarded, this, [this](const QString &path, const QString &id) {
        m_onboardProgress->hide();
        showMessage(tr("Onboarded %1").arg(QFileInfo(path).fileName()), false);
        m_catalog->selectPackage(id);
    });
    connect(&m_s.onboarder, &PackageOnboarder::failed, this, [this](const QString &path, const QString &error) {
        m_onboardProgress->hide();
        showMessage(tr("%1 was not onboarded:\n%2").arg(QFileInfo(path).fileName(), error), true);
    });
    connect(&m_s.vnfm, &Vnfm::operationFinished, this, [this](const QString &, OpState state, const QString &error) {
        if (!error.isEmpty())
            statusBar()->showMessage(tr("Operation %1: %2").arg(label(state), error), 10000);
        updateStatus();
    });
    // Counted by the database, a few times a second at most however many records change.
    connect(&m_s.instances, &InstanceStore::changed, this, [this]() { m_countsReload.request(); });
    connect(&m_s.ems, &EmsLink::stateChanged, this, &MainWindow::updateEmsStatus);
    connect(&m_s.ems, &EmsLink::alarmsChanged, this, [this, alarmDock]() {
        updateEmsStatus();
        const int active = m_s.ems.activeAlarmCount();
        alarmDock->setWindowTitle(active ? tr("Alarms (%1 active)").arg(active) : tr("Alarms"));
    });
    updateEmsStatus();
    updateStatus();

    QSettings settings;
    // The default layout, on any screen: at most 1400x860, never beyond the screen's free area.
    auto defaultLayout = [this, catalogDock, opsDock]() {
        const QScreen *scr = screen() ? screen() : QGuiApplication::primaryScreen();
        const QSize room = scr ? scr->availableGeometry().size() * 0.95 : QSize(1400, 860);
        resize(QSize(1400, 860).boundedTo(room));
        resizeDocks({catalogDock}, {qMin(470, width() / 3)}, Qt::Horizontal);
        resizeDocks({opsDock}, {qMin(230, height() / 4)}, Qt::Vertical);
    };
    defaultLayout();
    const QByteArray defaultState = saveState(LayoutVersion);
    QAction *reset = view->addAction(tr("&Reset layout"));
    reset->setObjectName("resetLayout");
    connect(reset, &QAction::triggered, this, [this, defaultLayout, defaultState, catalogDock, opsDock, alarmDock]() {
        restoreState(defaultState, LayoutVersion);
        for (QDockWidget *d : {catalogDock, opsDock, alarmDock}) {
            d->setFloating(false);
            d->show();
        }
        if (isMaximized() || isFullScreen())
            showNormal();
        defaultLayout();
    });
    // View > Appearance: follow the desktop's light or dark scheme, or choose one.
    QMenu *appearance = view->addMenu(tr("&Appearance"));
    auto *schemes = new QActionGroup(this);
    for (const auto &[label, choice] : {std::pair{tr("Follow the &desktop"), colorscheme::Choice::System},
                                        std::pair{tr("&Light"), colorscheme::Choice::Light}, std::pair{tr("&Dark"), colorscheme::Choice::Dark}}) {
        QAction *a = appearance->addAction(label);
        a->setCheckable(true);
        a->setChecked(colorscheme::saved() == choice);
        a->setObjectName(QStringLiteral("scheme%1").arg(int(choice)));
        schemes->addAction(a);
        connect(a, &QAction::triggered, this, [choice = choice]() {
            colorscheme::save(choice);
            colorscheme::apply(choice);
        });
    }
    addHelpMenu();
    restoreGeometry(settings.value("mainWindow/geometry").toByteArray());
    restoreState(settings.value("mainWindow/state").toByteArray(), LayoutVersion);   // a layout from before the alarms dock is ignored
    m_operations->horizontalHeader()->restoreState(settings.value("mainWindow/operationColumns").toByteArray());
}

void MainWindow::addHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"));
    keys->setObjectName("shortcutHelp");
    keys->setShortcut(QKeySequence::keyBindings(QKeySequence::HelpContents).value(0, QKeySequence(Qt::Key_F1)));
    connect(keys, &QAction::triggered, this, [this]() {
        // Every action of the window that has a shortcut, as the menus and views declare them.
        QStringList rows;
        QSet<QString> seen;
        for (QAction *a : findChildren<QAction *>()) {
            if (a->shortcut().isEmpty() || a->text().isEmpty())
                continue;
            const QString text = a->text().remove('&').remove(QStringLiteral("…"));
            const QString row = QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                                    .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(), text.toHtmlEscaped());
            if (!seen.contains(row)) {
                seen.insert(row);
                rows << row;
            }
        }
        std::sort(rows.begin(), rows.end());
        auto *box = new QMessageBox(QMessageBox::Information, tr("Keyboard shortcuts"),
                                    QStringLiteral("<table cellspacing=6>%1</table>").arg(rows.join(QString())), QMessageBox::Close, this);
        box->setObjectName("shortcutList");
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    QAction *about = help->addAction(tr("&About Vines Console"));
    about->setObjectName("about");
    connect(about, &QAction::triggered, this, [this]() {
        QMessageBox::about(this, tr("About Vines Console"),
                           tr("<h3>Vines Console %1</h3><p>NFV management and orchestration (ETSI NFV-MANO) on Apache CloudStack and on "
                              "this machine: a VNF Manager and an NFV Orchestrator, VNF Package onboarding (SOL004/SOL001), service "
                              "function chains, live dashboards, and the vines-ems and vines-leaf daemons.</p><p>Qt %2</p>")
                               .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateStatus()
{
    const InstanceStore::Counts n = m_s.instances.counts();
    m_counts->setText(tr("%1 VNFs, %2 started").arg(n.total).arg(n.started));
}

void MainWindow::updateEmsStatus()
{
    m_emsLabel->setText(m_s.ems.statusText());
    const bool bad = m_s.ems.state() == EmsLink::State::Unreachable;
    const bool alarmed = m_s.ems.activeAlarmCount() > 0;
    m_emsLabel->setStyleSheet(bad ? "color: #c62828; font-weight: bold;" : alarmed ? "color: #e65100;" : QString());
}

void MainWindow::showMessage(const QString &text, bool error)
{
    statusBar()->showMessage(text.section('\n', 0, 0) + (text.contains('\n') ? " " + text.section('\n', 1) : QString()), 10000);
    if (!error)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Vines Console"), text, QMessageBox::Ok, this);
    box->setObjectName("errorBox");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();   // window-modal, never blocks the event loop
}

void MainWindow::openInstantiateDialog(const QString &packageId)
{
    auto *dlg = new InstantiateDialog(m_s.vnfm, packageId, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QDialog::accepted, this, [this, dlg]() {
        const InstantiateRequest req{dlg->packageId(), dlg->vnfName(), dlg->flavour(), dlg->deploymentFlavour(),
                                     dlg->instantiationLevel(), dlg->config()};
        if (const Result<LcmStarted> started = m_s.vnfm.instantiate(req); !started)
            showMessage(started.errorMessage(), true);
        else
            m_instances->selectInstance(started->instanceId);
    });
    dlg->open();
}

void MainWindow::chooseAndOnboard()
{
    auto *dlg = new QFileDialog(this, tr("Onboard VNF Package"), QString(), tr("VNF Packages (*.csar *.zip);;All files (*)"));
    dlg->setFileMode(QFileDialog::ExistingFiles);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &QFileDialog::filesSelected, this, [this](const QStringList &files) {
        for (const QString &f : files)
            m_s.onboarder.onboard(f);
    });
    dlg->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    for (const QUrl &u : e->mimeData()->urls())
        if (u.isLocalFile() && PackageOnboarder::looksLikePackage(u.toLocalFile())) {
            e->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent *e)
{
    for (const QUrl &u : e->mimeData()->urls())
        if (u.isLocalFile() && PackageOnboarder::looksLikePackage(u.toLocalFile()))
            m_s.onboarder.onboard(u.toLocalFile());
    e->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    QSettings settings;
    settings.setValue("mainWindow/geometry", saveGeometry());
    settings.setValue("mainWindow/state", saveState(LayoutVersion));
    settings.setValue("mainWindow/operationColumns", m_operations->horizontalHeader()->saveState());
    QMainWindow::closeEvent(e);
}

} // namespace vines
