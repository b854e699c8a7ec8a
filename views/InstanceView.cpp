#include "InstanceView.h"
#include "LcmActions.h"
#include "catalog/PackageCatalog.h"
#include <QInputDialog>
#include <QKeySequence>
#include "TableFilter.h"
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include "VnfLogDialog.h"
#include "nfvo/NsHealth.h"
#include "InstanceTableModel.h"
#include <QTimer>
#include "catalog/InstanceStore.h"
#include "lifecycle/Vnfm.h"
#include "vim/Vim.h"
#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace vines {

InstanceView::InstanceView(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    m_model = new InstanceTableModel(m_s.vnfm, this);
    m_table = new QTableView(this);
    m_table->setObjectName("instanceTable");
    m_filter = new TableFilter(m_table, m_model, this, tr("Filter VNFs by any column: name, state, package, address… (Ctrl+F)"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);   // lifecycle actions apply to every selected VNF
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setWordWrap(false);

    auto *bar = new QToolBar(tr("VNF lifecycle"), this);
    QAction *inst = bar->addAction(QIcon::fromTheme("list-add"), tr("Instantiate…"));
    inst->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+N")));
    connect(inst, &QAction::triggered, this, &InstanceView::instantiateRequested);
    bar->addSeparator();
    // The lifecycle operations, from their table: one action each (objectName actionSTART, …).
    for (const LcmKind &k : LcmKinds::all()) {
        if (k.op == LcmOp::Instantiate)
            continue;   // its own dialog, above
        auto *a = new QAction(QIcon::fromTheme(QString::fromLatin1(k.icon)), k.displayName(), this);
        a->setObjectName(QStringLiteral("action%1").arg(QLatin1String(k.name)));
        if (k.shortcut)
            a->setShortcut(QKeySequence(QString::fromLatin1(k.shortcut)));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        m_actions.insert(QString::fromLatin1(k.name), a);
        if (k.toolbar)
            bar->addAction(a);
        if (k.op != LcmOp::Scale && k.op != LcmOp::ChangeVnfpkg)   // those ask which aspect, flavour or package first
            connect(a, &QAction::triggered, this, [this, op = k.op]() { run(op); });
    }
    connect(m_actions.value(QStringLiteral("CHANGE_VNFPKG")), &QAction::triggered, this, &InstanceView::changePackage);
    // Also in the context menu: the VNF's log, through the EMS.
    QAction *logs = new QAction(QIcon::fromTheme("text-x-generic"), tr("Logs…"), this);
    logs->setObjectName("actionLOGS");
    m_actions.insert(QStringLiteral("LOGS"), logs);
    connect(logs, &QAction::triggered, this, [this]() {
        const QString id = selectedInstance();
        if (id.isEmpty())
            return;
        auto *dlg = new VnfLogDialog(m_s, id, this);
        dlg->setAttribute(Qt::WA_DeleteOnClose);
        dlg->show();
    });
    m_scaleMenu = new QMenu(this);
    m_scaleMenu->setObjectName("scaleMenu");
    connect(m_scaleMenu, &QMenu::aboutToShow, this, &InstanceView::fillScaleMenu);
    m_actions["SCALE"]->setMenu(m_scaleMenu);
    if (auto *b = qobject_cast<QToolButton *>(bar->widgetForAction(m_actions["SCALE"])))
        b->setPopupMode(QToolButton::InstantPopup);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_filter->edit());
    layout->addWidget(m_table);

    connect(m_table, &QWidget::customContextMenuRequested, this, [this, inst](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(inst);
        menu.addSeparator();
        for (const LcmKind &k : LcmKinds::all())
            if (k.op != LcmOp::Instantiate && k.toolbar)
                menu.addAction(m_actions.value(QString::fromLatin1(k.name)));
        menu.addSeparator();
        menu.addAction(m_actions.value(QStringLiteral("LOGS")));
        for (const LcmKind &k : LcmKinds::all())
            if (k.op != LcmOp::Instantiate && !k.toolbar)
                menu.addAction(m_actions.value(QString::fromLatin1(k.name)));
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    // The model updates rows in place, so the selection (several VNFs may be selected) stays by itself.
    connect(m_model, &InstanceTableModel::synced, this, [this]() {
        const QString pending = std::exchange(m_pendingSelection, QString());
        if (!pending.isEmpty() && m_model->rowOf(pending) >= 0)
            selectInstance(pending);
        updateActions();
        // Fit columns when rows come or go, not on every progress tick (that measures every cell).
        if (m_model->rowCount() != m_sizedRows) {
            m_table->resizeColumnsToContents();
            m_sizedRows = m_model->rowCount();
        }
    });
    // The NF status grows after the rows came ("running" becomes "running · kernel" at the first poll):
    // that column is fitted again, once per burst of changes.
    connect(&m_s.vnfm, &Vnfm::nfStatusChanged, this, [this]() {
        if (std::exchange(m_fitNfStatus, true))
            return;
        QTimer::singleShot(200, this, [this]() {
            m_fitNfStatus = false;
            m_table->resizeColumnToContents(InstanceTableModel::NfStatus);
        });
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InstanceView::updateActions);
    updateActions();
}

QString InstanceView::selectedInstance() const
{
    const int row = m_filter->selectedSourceRow();
    return row < 0 ? QString() : m_model->record(row).id;
}

QStringList InstanceView::selectedInstances() const
{
    QStringList ids;
    for (int row : m_filter->selectedSourceRows())
        ids << m_model->record(row).id;
    return ids;
}

void InstanceView::selectInstance(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_filter->selectSourceRow(row);
    m_pendingSelection = row >= 0 ? QString() : id;   // a new VNF's row comes with the model's next reload
}

// Scale by aspect (out/in one step, within the aspect's max level) for the selected VNF's
// deployment flavour, then the compute flavours (vertical scaling), rebuilt on every opening.
void InstanceView::fillScaleMenu()
{
    m_scaleMenu->clear();
    const QString id = selectedInstance();
    InstanceRecord r;
    m_s.vnfm.instances().get(id, &r);
    const std::optional<DeploymentFlavour> f = m_s.vnfm.deploymentFlavourOf(id);
    auto run = [this](const QJsonObject &request) {
        runLifecycle(this, m_s, LcmKinds::get(LcmOp::Scale), {selectedInstance()}, request, [this](const QStringList &errors) {
            if (!errors.isEmpty())
                Q_EMIT message(errors.join('\n'), true);
        });
    };
    if (f && !f->aspects.isEmpty()) {
        m_scaleMenu->addSection(tr("Scale by aspect (%1)").arg(f->id));
        for (const ScalingAspect &a : f->aspects) {
            const int level = r.deployment.scaleStatus.value(a.id);
            QAction *out = m_scaleMenu->addAction(tr("Scale %1 out (level %2 → %3 of %4)").arg(a.id).arg(level).arg(level + 1).arg(a.maxScaleLevel));
            out->setObjectName(QStringLiteral("scaleOut_%1").arg(a.id));
            out->setEnabled(level < a.maxScaleLevel);
            connect(out, &QAction::triggered, this, [run, aspect = a.id]() {
                run({{"type", "SCALE_OUT"}, {"aspectId", aspect}, {"numberOfSteps", 1}});
            });
            // At level 0 there is nothing to take away: the item says so instead of a level -1.
            QAction *in = m_scaleMenu->addAction(level > 0 ? tr("Scale %1 in (level %2 → %3)").arg(a.id).arg(level).arg(level - 1)
                                                           : tr("Scale %1 in (at its lowest level, 0)").arg(a.id));
            in->setObjectName(QStringLiteral("scaleIn_%1").arg(a.id));
            in->setEnabled(level > 0);
            connect(in, &QAction::triggered, this, [run, aspect = a.id]() {
                run({{"type", "SCALE_IN"}, {"aspectId", aspect}, {"numberOfSteps", 1}});
            });
        }
    }
    m_scaleMenu->addSection(tr("Compute flavour"));
    for (const Flavour &fl : m_s.vnfm.vim().flavours()) {
        QAction *a = m_scaleMenu->addAction(QStringLiteral("%1 (%2 vCPU, %3 MB)").arg(fl.name).arg(fl.cpus).arg(fl.memoryMb));
        a->setData(fl.name);
        a->setCheckable(true);
        a->setChecked(fl.name == r.flavour);
        connect(a, &QAction::triggered, this, [run, name = fl.name]() {
            run({{"additionalParams", QJsonObject{{"computeFlavour", name}}}});
        });
    }
}

void InstanceView::updateActions()
{
    const QStringList ids = selectedInstances();
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it) {
        const LcmKind *kind = LcmKinds::byName(it.key());
        // Logs are always readable, of one VNF.
        const QString why = kind ? whyNotOn(m_s, *kind, ids)
                          : ids.size() == 1 ? QString() : ids.isEmpty() ? tr("Select a VNF instance") : tr("Select one VNF instance for this");
        int able = 0;
        if (kind && ids.size() > 1)
            for (const QString &id : ids)
                able += m_s.vnfm.mayRun(kind->op, id).ok();
        it.value()->setEnabled(why.isEmpty());
        it.value()->setToolTip(!why.isEmpty() ? why
                               : ids.size() > 1 ? tr("%1: %2 of the %3 selected VNFs").arg(it.value()->text()).arg(able).arg(ids.size())
                                                : it.value()->text());
    }
}

void InstanceView::run(LcmOp op)
{
    runLifecycle(this, m_s, LcmKinds::get(op), selectedInstances(), {}, [this](const QStringList &errors) {
        if (!errors.isEmpty())
            Q_EMIT message(errors.join('\n'), true);
        updateActions();
    });
}

// Another package of the same product to move the VNF to (SOL003 change current VNF package).
void InstanceView::changePackage()
{
    const QString id = selectedInstance();
    InstanceRecord r;
    PackageRecord current;
    if (!m_s.vnfm.instances().get(id, &r) || !m_s.packages.get(r.packageId, &current))
        return;
    QStringList choices;
    QStringList vnfds;
    for (const PackageRecord &p : m_s.packages.list())
        if (p.id != current.id && p.operationalState == OperationalState::Enabled && p.package.vnfd.exp.platform == current.package.vnfd.exp.platform) {
            choices << tr("%1 %2 (VNFD %3, %4)").arg(p.package.vnfd.productName, p.package.vnfd.descriptorVersion, p.package.vnfd.descriptorId,
                                                    p.createdAt.toLocalTime().toString("yyyy-MM-dd HH:mm"));
            vnfds << p.package.vnfd.descriptorId;
        }
    if (choices.isEmpty())
        return Q_EMIT message(tr("No other enabled package to move %1 to: onboard the new version first").arg(r.name), true);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Change package of %1").arg(r.name), tr("Move to"), choices, 0, false, &ok);
    if (!ok)
        return;
    const QString vnfdId = vnfds.value(int(choices.indexOf(chosen)));
    runLifecycle(this, m_s, LcmKinds::get(LcmOp::ChangeVnfpkg), {id}, {{"vnfdId", vnfdId}}, [this](const QStringList &errors) {
        if (!errors.isEmpty())
            Q_EMIT message(errors.join('\n'), true);
    });
}

} // namespace vines
