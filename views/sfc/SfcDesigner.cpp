#include "SfcDesigner.h"
#include "LcmActions.h"
#include "Confirm.h"
#include "SfcScene.h"
#include "SfcView.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/Nfvo.h"
#include "nfvo/NsdParser.h"
#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QUndoStack>
#include "SfcCommands.h"
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSaveFile>
#include <QSplitter>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUuid>
#include <QVBoxLayout>

namespace vines {

namespace {
constexpr int RefRole = Qt::UserRole;
constexpr int KindRole = Qt::UserRole + 1;

// Palette entries drag as VNF package or VNF instance references.
class Palette : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;
protected:
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override
    {
        if (items.isEmpty() || items.first()->data(0, RefRole).toString().isEmpty())
            return nullptr;
        auto *m = new QMimeData;
        const bool pkg = items.first()->data(0, KindRole).toString() == QLatin1String("package");
        m->setData(pkg ? SfcScene::PackageMime : SfcScene::VnfMime, items.first()->data(0, RefRole).toString().toUtf8());
        return m;
    }
};
} // namespace

SfcDesigner::SfcDesigner(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    setObjectName("sfcDesigner");
    m_undo = new QUndoStack(this);
    m_scene = new SfcScene(m_design, *m_undo, this);
    m_view = new SfcView(m_scene, this);
    m_palette = new Palette(this);
    m_palette->setObjectName("sfcPalette");
    m_palette->setHeaderLabels({tr("Drag onto the canvas")});
    m_palette->setDragEnabled(true);
    m_palette->setDragDropMode(QAbstractItemView::DragOnly);
    m_name = new QLineEdit("my-chain", this);
    m_name->setObjectName("sfcName");
    m_name->setMinimumWidth(160);
    m_name->setMaximumWidth(240);
    m_issues = new QLabel(this);
    m_issues->setObjectName("sfcIssues");
    m_issues->setWordWrap(true);

    auto *editBar = new QToolBar(this);
    editBar->setObjectName("designerEditBar");
    QToolBar *bar = editBar;
    auto add = [&](const QString &name, const QString &text, const QKeySequence &key = {}) {
        QAction *a = bar->addAction(text);
        a->setObjectName(name);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        m_actions.insert(name, a);
        return a;
    };
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setObjectName("undo");
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setObjectName("redo");
    redo->setShortcut(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    // Fixed labels (the toolbar never shifts); what would be undone or redone is in the tooltip.
    connect(m_undo, &QUndoStack::undoTextChanged, undo, [undo](const QString &t) {
        undo->setText(tr("Undo"));
        undo->setToolTip(t.isEmpty() ? tr("Nothing to undo") : tr("Undo %1").arg(t));
    });
    connect(m_undo, &QUndoStack::redoTextChanged, redo, [redo](const QString &t) {
        redo->setText(tr("Redo"));
        redo->setToolTip(t.isEmpty() ? tr("Nothing to redo") : tr("Redo %1").arg(t));
    });
    bar->addAction(undo);
    bar->addAction(redo);
    m_actions.insert("undo", undo);
    m_actions.insert("redo", redo);
    add("delete", tr("Delete"));
    bar->addSeparator();
    add("zoomIn", tr("Zoom in"), QKeySequence::ZoomIn);
    add("zoomOut", tr("Zoom out"), QKeySequence::ZoomOut);
    add("fit", tr("Fit"));
    add("arrange", tr("Arrange"))->setToolTip(tr("Lay the chain out left to right on the grid (undoable)"));
    // The design as a document on a second row: both rows fit 1280x720 (and 2x) without overflowing.
    auto *docBar = new QToolBar(this);
    docBar->setObjectName("designerDocumentBar");
    docBar->addWidget(new QLabel(tr(" Name: "), this));
    docBar->addWidget(m_name);
    bar = docBar;
    add("save", tr("Save to NS catalog"), QKeySequence::Save);
    add("exportSol001", tr("Export NSD…"));
    add("exportTacker", tr("Export Tacker VNFFGD…"));
    add("instantiate", tr("Instantiate"));
    add("clear", tr("New"));
    // The shortcuts work wherever the focus is in the designer (canvas, view, palette), not only in
    // the toolbar: the designer itself carries the actions too.
    for (QAction *a : std::as_const(m_actions))
        if (!a->shortcut().isEmpty())
            addAction(a);

    connect(m_actions["delete"], &QAction::triggered, m_scene, &SfcScene::deleteSelection);
    connect(m_actions["zoomIn"], &QAction::triggered, this, [this]() { m_view->zoomBy(1.2); });
    connect(m_actions["zoomOut"], &QAction::triggered, this, [this]() { m_view->zoomBy(1 / 1.2); });
    connect(m_actions["fit"], &QAction::triggered, m_view, &SfcView::fit);
    connect(m_actions["arrange"], &QAction::triggered, this, &SfcDesigner::arrange);
    connect(m_scene, &SfcScene::contextMenuWanted, this, &SfcDesigner::showContextMenu);
    connect(m_actions["save"], &QAction::triggered, this, &SfcDesigner::saveToCatalog);
    connect(m_actions["exportSol001"], &QAction::triggered, this, [this]() { exportAs("sol001"); });
    connect(m_actions["exportTacker"], &QAction::triggered, this, [this]() { exportAs("tacker"); });
    connect(m_actions["instantiate"], &QAction::triggered, this, &SfcDesigner::instantiate);
    connect(m_actions["clear"], &QAction::triggered, this, [this]() {
        auto reset = [this]() {
            m_design.clear();
            m_undo->clear();
            m_bound.clear();
            m_ns.clear();
            m_savedNsd.clear();
        };
        if (m_design.nodes().isEmpty())
            return reset();
        // New discards the canvas (and its undo history): say what, ask first.
        askFirst(this, "confirmNewDesign", tr("New design"),
                 tr("Discard the design %1 (%n VNF(s), %2 forwarding step(s)) and its undo history? %3", nullptr, int(m_design.nodes().size()))
                     .arg(m_name->text().isEmpty() ? tr("on the canvas") : m_name->text())
                     .arg(m_design.edges().size())
                     .arg(m_savedNsd.isEmpty() ? tr("It was not saved to the NS catalog.") : tr("Its saved NSD stays in the NS catalog.")),
                 reset);
    });

    m_scene->setResolver([this](const QString &kind, const QString &ref, SfcNode *out, QString *why) { return resolve(kind, ref, out, why); });
    m_scene->setStatusProvider([this](const SfcNode &n) -> std::optional<NfState> {
        const QString instance = n.kind == QLatin1String("vnf") ? n.ref : m_bound.value(n.id);
        if (instance.isEmpty())
            return std::nullopt;
        return m_s.vnfm.nfStatus(instance).state;
    });
    connect(m_scene, &SfcScene::message, this, &SfcDesigner::message);
    connect(&m_design, &SfcDesign::changed, this, &SfcDesigner::updateIssues);
    connect(&m_s.vnfm, &Vnfm::nfStatusChanged, m_scene, [this]() { m_scene->refreshStatus(); });
    connect(&m_s.packages, &PackageCatalog::changed, this, &SfcDesigner::refreshPackages);
    connect(&m_s.instances, &InstanceStore::changed, this, [this]() { m_paletteReload.request(); });
    connect(&m_s.nfvo, &Nfvo::operationFinished, this, [this](const QString &op, OpState state, const QString &error) {
        if (op != m_nsOp)
            return;
        if (state != OpState::Completed)
            return Q_EMIT message(tr("Network service %1: %2 — %3").arg(m_name->text(), text(state), error), true);
        NsInstanceRecord r;
        m_s.nsCatalog.instance(m_ns, &r);
        const QStringList order = m_design.chainOrder();
        for (int i = 0; i < order.size() && i < r.vnfInstanceIds.size(); ++i)
            m_bound.insert(order[i], r.vnfInstanceIds[i]);
        m_scene->refreshStatus();
        Q_EMIT message(tr("Network service %1 runs: send traffic to %2:%3").arg(r.name, r.publicAddress).arg(r.servicePort), false);
    });

    auto *split = new QSplitter(this);
    split->addWidget(m_palette);
    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_view, 1);
    rl->addWidget(m_issues);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 900});
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(editBar);
    lay->addWidget(docBar);
    lay->addWidget(split, 1);
    refreshPalette();
    updateIssues();
}

QAction *SfcDesigner::action(const QString &name) const { return m_actions.value(name); }

void SfcDesigner::refreshPalette()
{
    refreshPackages();
    refreshRunning();
}

QTreeWidgetItem *SfcDesigner::paletteGroup(int index, const QString &title)
{
    while (m_palette->topLevelItemCount() <= index)
        new QTreeWidgetItem(m_palette, {QString()});
    QTreeWidgetItem *group = m_palette->topLevelItem(index);
    group->setText(0, title);
    return group;
}

void SfcDesigner::refreshPackages()
{
    QTreeWidgetItem *pkgs = paletteGroup(0, tr("VNF packages"));
    qDeleteAll(pkgs->takeChildren());
    for (const PackageRecord &p : m_s.packages.list()) {
        if (p.package.vnfd.exp.nfType == QLatin1String("router"))
            continue;   // internal to the NFVO
        auto *i = new QTreeWidgetItem(pkgs, {QStringLiteral("%1  (%2)").arg(p.package.vnfd.productName, p.package.vnfd.exp.nfType)});
        i->setData(0, RefRole, p.id);
        i->setData(0, KindRole, "package");
        i->setToolTip(0, tr("%1 %2 by %3, on %4").arg(p.package.vnfd.productName, p.package.vnfd.softwareVersion,
                                                     p.package.vnfd.provider, p.package.vnfd.exp.platform));
    }
    pkgs->setExpanded(true);
}

// Running VNFs from the store's summaries (no descriptors decoded), rebuilt only when the list of
// them changed: with hundreds of VNFs, every lifecycle step changes the store.
void SfcDesigner::refreshRunning()
{
    QList<std::pair<QString, QString>> running;   // id, name
    for (const InstanceRecord &r : m_s.instances.listSummaries())
        if (r.instantiated() && r.name != QLatin1String(Nfvo::RouterName))
            running.append({r.id, r.name});
    QTreeWidgetItem *vnfs = paletteGroup(1, tr("Running VNFs"));
    QList<std::pair<QString, QString>> shown;
    for (int i = 0; i < vnfs->childCount(); ++i)
        shown.append({vnfs->child(i)->data(0, RefRole).toString(), vnfs->child(i)->text(0)});
    if (running == shown)
        return;
    qDeleteAll(vnfs->takeChildren());
    for (const auto &[id, name] : running) {
        auto *i = new QTreeWidgetItem(vnfs, {name});
        i->setData(0, RefRole, id);
        i->setData(0, KindRole, "vnf");
    }
    vnfs->setExpanded(true);
}

bool SfcDesigner::resolve(const QString &kind, const QString &ref, SfcNode *out, QString *why) const
{
    QString packageId = ref;
    SfcNode n;
    n.kind = kind;
    n.ref = ref;
    if (kind == QLatin1String("vnf")) {
        InstanceRecord r;
        if (!m_s.instances.get(ref, &r)) {
            *why = tr("that VNF no longer exists");
            return false;
        }
        packageId = r.packageId;
        n.label = r.name;
    }
    PackageRecord p;
    if (!m_s.packages.get(packageId, &p)) {
        *why = tr("that package is no longer in the catalog");
        return false;
    }
    n.vnfd = p.package.vnfd.descriptorId;
    if (n.label.isEmpty())
        n.label = p.package.vnfd.productName;
    n.platform = p.package.vnfd.exp.platform;
    n.nfType = p.package.vnfd.exp.nfType;
    *out = n;
    return true;
}

void SfcDesigner::updateIssues()
{
    const QList<SfcIssue> issues = m_design.validate();
    QStringList lines;
    for (const SfcIssue &i : issues)
        lines << QStringLiteral("• ") + i.message;
    const QStringList order = m_design.chainOrder();
    QStringList labels;
    for (const QString &id : order)
        labels << m_design.node(id).label;
    m_issues->setText(issues.isEmpty() ? tr("Chain: public address → router → %1").arg(labels.join(QStringLiteral(" → "))) : lines.join('\n'));
    m_issues->setStyleSheet(issues.isEmpty() ? "color: #2e7d32; padding: 4px;" : "color: #c62828; padding: 4px;");
    m_actions["save"]->setEnabled(issues.isEmpty());
    m_actions["exportSol001"]->setEnabled(issues.isEmpty());
    m_actions["exportTacker"]->setEnabled(issues.isEmpty());
    m_actions["instantiate"]->setEnabled(issues.isEmpty());
}

bool SfcDesigner::saveToCatalog()
{
    const QList<SfcIssue> issues = m_design.validate();
    if (!issues.isEmpty()) {
        Q_EMIT message(tr("The design is not a valid chain yet: %1").arg(issues.first().message), true);
        return false;
    }
    if (!m_savedNsd.isEmpty() && m_savedAt == m_undo->index())
        return true;   // unchanged since saved
    const QString name = m_name->text().trimmed();
    const Result<QString> id = m_s.nsCatalog.add(m_design.toNsd(name, QUuid::createUuid().toString(QUuid::WithoutBraces)));
    if (!id) {
        Q_EMIT message(tr("Could not save %1: %2").arg(name, id.errorMessage()), true);
        return false;
    }
    m_savedNsd = *id;
    m_savedAt = m_undo->index();
    Q_EMIT message(tr("Saved %1 to the NS catalog").arg(name), false);
    return true;
}

void SfcDesigner::loadNsd(const QString &nsdId)
{
    NsdRecord r;
    if (!m_s.nsCatalog.descriptor(nsdId, &r))
        return;
    m_design.load(r.nsd, [this](const NsdVnf &v) {
        SfcNode n;
        QString why;
        resolve("package", m_s.nsCatalog.resolvePackage(v.vnfd), &n, &why);
        n.vnfd = v.vnfd;
        return n;
    });
    m_undo->clear();
    m_name->setText(r.nsd.name);
    // If this NSD runs, show its VNFs' live status.
    m_bound.clear();
    for (const NsInstanceRecord &ns : m_s.nsCatalog.instances())
        if (ns.nsdId == nsdId && ns.instantiated()) {
            const QStringList order = m_design.chainOrder();
            for (int i = 0; i < order.size() && i < ns.vnfInstanceIds.size(); ++i)
                m_bound.insert(order[i], ns.vnfInstanceIds[i]);
            m_ns = ns.id;
            break;
        }
    m_scene->refreshStatus();
    m_savedNsd = nsdId;
    m_savedAt = m_undo->index();
    m_view->fit();
}

void SfcDesigner::exportAs(const QString &format)
{
    if (m_design.chainOrder().isEmpty())
        return;
    const NsDescriptor nsd = m_design.toNsd(m_name->text().trimmed(), QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString path = QFileDialog::getSaveFileName(this, format == QLatin1String("tacker") ? tr("Export Tacker VNFFGD") : tr("Export NSD"),
                                                      nsd.name + ".yaml", tr("TOSCA YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    const QByteArray yaml = format == QLatin1String("tacker") ? NsdParser::toTacker(nsd) : NsdParser::toSol001(m_s.nsCatalog.withVnfIdentity(nsd));
    if (!f.open(QIODevice::WriteOnly) || f.write(yaml) != yaml.size() || !f.commit())
        return Q_EMIT message(tr("Could not write %1: %2").arg(path, f.errorString()), true);
    Q_EMIT message(tr("Exported %1").arg(path), false);
}

void SfcDesigner::instantiate()
{
    if (!saveToCatalog())
        return;
    const Result<Nfvo::Started> made = m_s.nfvo.instantiate(m_savedNsd, m_name->text().trimmed());
    if (!made)
        return Q_EMIT message(tr("Cannot instantiate: %1").arg(made.errorMessage()), true);
    m_nsOp = made->operationId;
    m_ns = made->nsId;
    m_bound.clear();
    Q_EMIT message(tr("Instantiating network service %1…").arg(m_name->text()), false);
}

QString SfcDesigner::instanceOf(const QString &nodeId) const
{
    const SfcNode n = m_design.node(nodeId);
    return n.kind == QLatin1String("vnf") ? n.ref : m_bound.value(nodeId);
}

void SfcDesigner::arrange()
{
    // Columns by distance from an ingress (a node nothing forwards to), rows within a column.
    QHash<QString, int> column;
    QStringList queue;
    for (const SfcNode &n : m_design.nodes()) {
        bool fed = false;
        for (const SfcEdge &e : m_design.edges())
            fed = fed || e.to == n.id;
        if (!fed) {
            column.insert(n.id, 0);
            queue << n.id;
        }
    }
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        for (const SfcEdge &e : m_design.edges())
            if (e.from == id && !column.contains(e.to)) {
                column.insert(e.to, column.value(id) + 1);
                queue << e.to;
            }
    }
    QHash<int, int> rows;
    m_undo->beginMacro(tr("arrange"));
    for (const SfcNode &n : m_design.nodes()) {
        const int c = column.value(n.id, 0);   // a loop with no ingress: first column
        const QPointF to = SfcScene::snap(QPointF(40 + c * 200, 40 + rows[c]++ * 120));
        if (to != n.pos)
            m_undo->push(new MoveNodeCommand(m_design, n.id, n.pos, to));
    }
    m_undo->endMacro();
    m_view->fit();
}

void SfcDesigner::showContextMenu(const QString &nodeId, const QStringList &edge, const QPoint &at)
{
    QMenu menu(this);
    if (!nodeId.isEmpty()) {
        const QString instance = instanceOf(nodeId);
        if (!instance.isEmpty()) {   // a deployed VNF: act on it as the VNFs tab does, asking what it asks
            for (const LcmOp op : {LcmOp::Start, LcmOp::Stop, LcmOp::Restart, LcmOp::Heal}) {
                const LcmKind &kind = LcmKinds::get(op);
                QAction *a = menu.addAction(kind.displayName(), this, [this, instance, &kind]() {
                    runLifecycle(this, m_s, kind, {instance}, {}, [this, &kind](const QStringList &errors) {
                        if (!errors.isEmpty())
                            Q_EMIT message(tr("%1: %2").arg(kind.displayName(), errors.join('\n')), true);
                    });
                });
                a->setObjectName(QStringLiteral("nodeAction%1").arg(QLatin1String(kind.name)));
                const QString why = m_s.vnfm.whyNot(op, instance);
                a->setEnabled(why.isEmpty());
                a->setToolTip(why);
            }
            menu.addAction(tr("Open dashboard"), this, [this, instance]() { Q_EMIT openVnfDashboard(instance); });
            menu.addSeparator();
        }
        menu.addAction(tr("Delete from the design"), m_scene, &SfcScene::deleteSelection);
    } else if (edge.size() == 2) {
        menu.addAction(tr("Delete this forwarding step"), m_scene, &SfcScene::deleteSelection);
    }
    menu.exec(at);
}

} // namespace vines
