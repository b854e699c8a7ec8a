#include "NsView.h"
#include "StateLabels.h"
#include "Confirm.h"
#include "CoalescedReload.h"
#include "ems/EmsLink.h"
#include "nfvo/NsHealth.h"
#include <QStyle>
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "nfvo/ChainMeasurementJob.h"
#include "nfvo/Nfvo.h"
#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QShortcut>
#include <QLineEdit>
#include "lifecycle/Vnfm.h"
#include <QRegularExpression>
#include <QVBoxLayout>

namespace vines {

NsView::NsView(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    setObjectName("nsView");
    m_nsds = new QTreeWidget(this);
    m_nsds->setObjectName("nsdTable");
    m_nsds->setHeaderLabels({tr("NSD"), tr("Version"), tr("Form"), tr("Chain")});
    m_nsds->setRootIsDecorated(true);   // each NSD expands to its paths, classifiers and data-plane notes
    m_nss = new QTreeWidget(this);
    m_nss->setObjectName("nsTable");
    m_nss->setHeaderLabels({tr("Network service"), tr("State"), tr("Health"), tr("Public address"), tr("Diverted by"), tr("Chain"), tr("Last operation")});
    m_nss->setRootIsDecorated(true);   // each service unfolds to its chain: one row per member VNF, live
    for (QTreeWidget *t : {m_nsds, m_nss}) {
        t->setSortingEnabled(true);
        t->sortByColumn(0, Qt::AscendingOrder);
    }
    m_filter = new QLineEdit(this);
    m_filter->setObjectName("nsFilter");
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter NSDs and network services: name, state, health, address, VNF… (Ctrl+F)"));
    connect(m_filter, &QLineEdit::textChanged, this, &NsView::applyFilter);
    auto *find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filter, [this]() {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_nss, &QTreeWidget::itemCollapsed, this, [this](QTreeWidgetItem *i) { m_collapsed.insert(i->data(0, Qt::UserRole).toString()); });
    connect(m_nss, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *i) { m_collapsed.remove(i->data(0, Qt::UserRole).toString()); });
    m_results = new QTableWidget(0, 7, this);
    m_results->setObjectName("measurementTable");
    m_results->setHorizontalHeaderLabels({tr("Path"), tr("VNFs"), tr("p50 ms"), tr("p95 ms"), tr("p99 ms"), tr("Mbit/s"), tr("Failures")});
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->hide();

    auto *bar = new QToolBar(this);
    auto add = [&](const QString &name, const QString &text) {
        QAction *a = bar->addAction(text);
        a->setObjectName(name);
        m_actions.insert(name, a);
        return a;
    };
    add("importNsd", tr("Import NSD…"));
    add("design", tr("Open in designer"));
    add("instantiateNs", tr("Instantiate"));
    bar->addSeparator();
    add("terminateNs", tr("Terminate"));
    add("deleteNs", tr("Delete"));
    bar->addSeparator();
    add("measure", tr("Measure latency && throughput"));
    add("exportCsv", tr("Export CSV…"));

    connect(m_actions["importNsd"], &QAction::triggered, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import NSD or VNFFGD"), {}, tr("TOSCA YAML (*.yaml *.yml)"));
        if (path.isEmpty())
            return;
        if (const Result<QString> imported = m_s.nsCatalog.importFile(path); !imported)
            Q_EMIT message(tr("Not imported:\n%1").arg(imported.errorMessage()), true);
        else
            Q_EMIT message(tr("Imported %1").arg(path), false);
    });
    connect(m_actions["design"], &QAction::triggered, this, [this]() { Q_EMIT openInDesigner(selectedNsd()); });
    connect(m_actions["instantiateNs"], &QAction::triggered, this, [this]() {
        NsdRecord r;
        if (!m_s.nsCatalog.descriptor(selectedNsd(), &r))
            return;
        QString name = r.nsd.name;
        name.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
        for (int i = 2; [&]() { for (const auto &n : m_s.nsCatalog.instances()) if (n.name == name) return true; return false; }(); ++i)
            name = r.nsd.name.left(36) + QStringLiteral("-%1").arg(i);
        const Result<Nfvo::Started> made = m_s.nfvo.instantiate(r.id, name);
        if (!made)
            return Q_EMIT message(tr("Cannot instantiate %1: %2").arg(r.nsd.name, made.errorMessage()), true);
        m_started.insert(made->operationId);
    });
    connect(m_actions["terminateNs"], &QAction::triggered, this, [this]() {
        // Destructive: say what goes, ask without blocking the event loop.
        const QString id = selectedNs();
        NsInstanceRecord r;
        if (!m_s.nsCatalog.instance(id, &r))
            return;
        const QStringList vnfs = vnfNames(r.vnfInstanceIds);
        askFirst(this, "confirmTerminateNs", tr("Terminate network service"),
                 tr("Terminate network service %1? Its %n VNF(s) (%2) are terminated and deleted and %3 stops answering.", nullptr, int(vnfs.size()))
                     .arg(r.name, vnfs.join(QStringLiteral(", ")),
                          r.publicAddress.isEmpty() ? tr("its public address") : QStringLiteral("%1:%2").arg(r.publicAddress).arg(r.servicePort)),
                 [this, id]() {
                     const Result<QString> op = m_s.nfvo.terminate(id);
                     if (!op)
                         return Q_EMIT message(op.errorMessage(), true);
                     m_started.insert(*op);
                 });
    });
    connect(m_actions["deleteNs"], &QAction::triggered, this, [this]() {
        if (const Result<> deleted = m_s.nfvo.deleteNs(selectedNs()); !deleted)
            Q_EMIT message(deleted.errorMessage(), true);
    });
    connect(m_actions["measure"], &QAction::triggered, this, &NsView::measure);
    connect(m_actions["exportCsv"], &QAction::triggered, this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export measurements"), "chain-measurements.csv", tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        QSaveFile f(path);
        const QByteArray csv = ChainMeter::toCsv(m_last);
        if (!f.open(QIODevice::WriteOnly) || f.write(csv) != csv.size() || !f.commit())
            return Q_EMIT message(tr("Could not write %1: %2").arg(path, f.errorString()), true);
        Q_EMIT message(tr("Wrote %1").arg(path), false);
    });

    connect(&m_s.nsCatalog, &NsCatalog::descriptorsChanged, this, &NsView::reload);
    connect(&m_s.nsCatalog, &NsCatalog::instanceChanged, this, &NsView::reload);
    // Health follows the members: their records and the EMS's alarms (which change often: one
    // reload for a burst, a few times a second at most).
    m_healthReload = std::make_unique<CoalescedReload>(this, [this]() { reload(); }, 300);
    connect(&m_s.instances, &InstanceStore::changed, this, [this]() { m_healthReload->request(); });
    connect(&m_s.ems, &EmsLink::alarmsChanged, this, [this]() { m_healthReload->request(); });
    connect(&m_s.vnfm, &Vnfm::nfStatusChanged, this, [this]() { m_healthReload->request(); });   // members' NF status, live
    connect(&m_s.nfvo, &Nfvo::operationFinished, this, [this](const QString &op, OpState state, const QString &error) {
        reload();
        // Only operations started here: the designer reports its own (one error box, not two).
        if (m_started.remove(op) && state != OpState::Completed)
            Q_EMIT message(tr("Network service operation %1: %2").arg(label(state), error), true);
    });
    connect(&m_s.operations, &OperationStore::changed, this, [this](const QString &opId) {
        OperationRecord op;
        if (m_s.operations.get(opId, &op) && isNsOperation(op.operation))
            m_reload.request();
    });
    connect(m_nsds, &QTreeWidget::itemSelectionChanged, this, &NsView::updateActions);
    connect(m_nss, &QTreeWidget::itemSelectionChanged, this, &NsView::updateActions);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto box = [&](const QString &title, QWidget *w) {
        auto *c = new QWidget(this);
        auto *l = new QVBoxLayout(c);
        l->setContentsMargins(4, 4, 4, 0);
        l->addWidget(new QLabel("<b>" + title + "</b>", c));
        l->addWidget(w);
        return c;
    };
    // Small minimums: on a short screen the three lists shrink (and scroll) instead of growing the window.
    for (QAbstractScrollArea *list : std::initializer_list<QAbstractScrollArea *>{m_nsds, m_nss, m_results})
        list->setMinimumHeight(40);
    split->addWidget(box(tr("NS catalog"), m_nsds));
    split->addWidget(box(tr("Network services"), m_nss));
    split->addWidget(box(tr("Chain measurements"), m_results));
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(bar);
    lay->addWidget(m_filter);
    lay->addWidget(split, 1);
    lay->addWidget(m_progress);
    reload();
}

QAction *NsView::action(const QString &name) const { return m_actions.value(name); }
QString NsView::selectedNsd() const { return m_nsds->currentItem() ? m_nsds->currentItem()->data(0, Qt::UserRole).toString() : QString(); }
QString NsView::selectedNs() const { return m_nss->currentItem() ? m_nss->currentItem()->data(0, Qt::UserRole).toString() : QString(); }

QStringList NsView::vnfNames(const QStringList &ids) const
{
    QStringList names;
    for (const QString &id : ids) {
        InstanceRecord v;
        names << (m_s.instances.get(id, &v) ? v.name : id.left(8));   // a VNF gone meanwhile: its id's start
    }
    return names;
}

void NsView::reload()
{
    const QString nsd = selectedNsd(), ns = selectedNs();
    m_nsds->clear();
    for (const NsdRecord &r : m_s.nsCatalog.descriptors()) {
        QStringList chain;
        for (const NsdVnf &v : r.nsd.chain())
            chain << v.label;
        auto *i = new QTreeWidgetItem(m_nsds, {r.nsd.name, r.nsd.version, r.nsd.format, chain.join(QStringLiteral(" → "))});
        i->setData(0, Qt::UserRole, r.id);
        if (r.id == nsd) m_nsds->setCurrentItem(i);
        // Each forwarding path with its classifier, and what the data plane makes of it.
        for (int k = 0; k < r.nsd.vnffgs.size(); ++k) {
            const Vnffg &g = r.nsd.vnffgs[k];
            QStringList hops;
            for (const NsdHop &h : g.path)
                hops << h.node;
            auto *p = new QTreeWidgetItem(i, {QStringLiteral("%1 / %2").arg(g.name, g.pathName), QString(), QString(), hops.join(QStringLiteral(" → "))});
            p->setData(0, Qt::UserRole, r.id);
            for (const FlowCriterion &c : g.criteria) {
                QStringList m;
                for (auto it = c.match.begin(); it != c.match.end(); ++it)
                    m << it.key() + '=' + it.value();
                (new QTreeWidgetItem(p, {tr("classifier %1").arg(c.name), QString(), g.policyType, m.join(", ")}))->setData(0, Qt::UserRole, r.id);
            }
            const QStringList notes = k == 0 ? g.dataPlaneNotes()
                                             : QStringList{tr("kept, not composed: the NFVO builds the first forwarding path on the chain's public address")};
            for (const QString &n : notes)
                (new QTreeWidgetItem(p, {tr("data plane"), QString(), QString(), n}))->setData(0, Qt::UserRole, r.id);
        }
    }
    m_nss->clear();
    for (const NsInstanceRecord &r : m_s.nsCatalog.instances()) {
        const QStringList chain = vnfNames(r.vnfInstanceIds);
        QString last;
        const QList<OperationRecord> ops = m_s.operations.forInstance(r.id);
        if (!ops.isEmpty())
            last = QStringLiteral("%1 %2 %3% %4").arg(ops.last().operation, label(ops.last().state)).arg(ops.last().progress).arg(ops.last().stage);
        const NsHealth health = NsHealth::assess(r, m_s.instances, m_s.ems.alarms());
        auto *i = new QTreeWidgetItem(m_nss, {r.name, label(r.state), health.label(),
                                              r.publicAddress.isEmpty() ? QString() : QStringLiteral("%1:%2").arg(r.publicAddress).arg(r.servicePort),
                                              r.instantiated() ? chainDiversionLabel(r.diversion) : QString(), chain.join(QStringLiteral(" → ")), last});
        i->setData(0, Qt::UserRole, r.id);
        if (health.level == NsHealth::Level::Down || health.level == NsHealth::Level::Degraded) {
            i->setForeground(2, health.level == NsHealth::Level::Down ? QColor(0xc0, 0x1c, 0x28) : QColor(0xb5, 0x83, 0x5a));
            i->setIcon(2, style()->standardIcon(health.level == NsHealth::Level::Down ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning));
            i->setToolTip(2, health.problems.join('\n'));
        } else if (health.level == NsHealth::Level::Healthy) {
            i->setToolTip(2, tr("Every VNF of the chain and its router are instantiated, started and without major alarms."));
        }
        if (r.instantiated())
            i->setToolTip(4, r.diversion == ChainDiversion::NetworkRules
                                 ? tr("The VIM's router sends %1:%2 to the first VNF by port forwarding rules (CloudStack API).").arg(r.publicAddress).arg(r.servicePort)
                                 : tr("A virtual router VNF, managed through the EMS, sends %1:%2 to the first VNF.").arg(r.publicAddress).arg(r.servicePort));
        // The chain, hop by hop: each member's states and what its platform reports now.
        for (int k = 0; k < r.vnfInstanceIds.size(); ++k) {
            const QString vnfId = r.vnfInstanceIds[k];
            InstanceRecord v;
            const bool known = m_s.instances.get(vnfId, &v);
            const NfStatus nf = m_s.vnfm.nfStatus(vnfId);
            auto *m = new QTreeWidgetItem(i, {QStringLiteral("%1. %2").arg(k + 1).arg(known ? v.name : tr("(gone) %1").arg(vnfId.left(8))),
                                              known ? (v.instantiated() ? label(v.vnfState) : label(v.instantiationState)) : tr("deleted"),
                                              label(nf.state), known ? v.mgmtAddress : QString(), QString(),
                                              k == 0 ? tr("ingress") : (k + 1 == r.vnfInstanceIds.size() ? tr("egress") : tr("forwards to %1").arg(k + 2)),
                                              nf.detail});
            m->setData(0, Qt::UserRole, r.id);          // selecting a member selects its service
            m->setData(0, Qt::UserRole + 1, vnfId);
            m->setForeground(2, nf.state == NfState::Running ? QColor(0x26, 0xa2, 0x69) : QColor(0xc0, 0x1c, 0x28));
            m->setToolTip(2, nf.detail);
        }
        i->setExpanded(!m_collapsed.contains(r.id));
        if (r.id == ns) m_nss->setCurrentItem(i);
    }
    for (QTreeWidget *t : {m_nsds, m_nss})
        for (int c = 0; c < t->columnCount(); ++c)
            t->resizeColumnToContents(c);
    applyFilter();
    updateActions();
}

void NsView::applyFilter()
{
    const QStringList words = m_filter->text().toLower().split(' ', Qt::SkipEmptyParts);
    std::function<QString(QTreeWidgetItem *)> text = [&text](QTreeWidgetItem *item) {
        QString all;
        for (int c = 0; c < item->columnCount(); ++c)
            all += item->text(c).toLower() + '\n';
        for (int k = 0; k < item->childCount(); ++k)
            all += text(item->child(k));
        return all;
    };
    for (QTreeWidget *t : {m_nsds, m_nss})
        for (int k = 0; k < t->topLevelItemCount(); ++k) {
            QTreeWidgetItem *item = t->topLevelItem(k);
            const QString all = text(item);
            item->setHidden(!std::all_of(words.begin(), words.end(), [&all](const QString &w) { return all.contains(w); }));
        }
}

void NsView::updateActions()
{
    const QString nsd = selectedNsd(), ns = selectedNs();
    m_actions["design"]->setEnabled(!nsd.isEmpty());
    m_actions["instantiateNs"]->setEnabled(!nsd.isEmpty());
    const QString whyTerminate = ns.isEmpty() ? tr("select a network service") : m_s.nfvo.whyNot(NsOp::Terminate, ns);
    m_actions["terminateNs"]->setEnabled(whyTerminate.isEmpty());
    m_actions["terminateNs"]->setToolTip(whyTerminate);
    const QString whyDelete = ns.isEmpty() ? tr("select a network service") : m_s.nfvo.whyNot(NsOp::Delete, ns);
    m_actions["deleteNs"]->setEnabled(whyDelete.isEmpty());
    m_actions["deleteNs"]->setToolTip(whyDelete);
    m_actions["measure"]->setEnabled(whyTerminate.isEmpty() && !m_job);
    m_actions["exportCsv"]->setEnabled(!m_last.isEmpty());
}

void NsView::measure()
{
    NsInstanceRecord r;
    if (!m_s.nsCatalog.instance(selectedNs(), &r) || !r.instantiated())
        return;
    const QString last = m_s.nfvo.dataAddress(r.vnfInstanceIds.last());
    QList<ChainMeasurementJob::Target> targets{
        {QStringLiteral("%1 (chain of %2)").arg(r.name).arg(r.vnfInstanceIds.size()), int(r.vnfInstanceIds.size()), r.publicAddress, quint16(r.servicePort)},
        {QStringLiteral("direct to last VNF"), 0, last.section(':', 0, 0), quint16(last.section(':', 1).toUInt())}};
    m_job = new ChainMeasurementJob(targets, {500, 64, 16 * 1024 * 1024}, this);
    m_progress->setValue(0);
    m_progress->show();
    connect(m_job, &ChainMeasurementJob::progress, this, [this](int pct, const QString &stage) {
        m_progress->setValue(pct);
        m_progress->setFormat(stage + QStringLiteral(" — %p%"));
    });
    connect(m_job, &ChainMeasurementJob::finished, this, [this](const QList<ChainMeasurement> &results) {
        m_last = results;
        m_results->setRowCount(int(results.size()));
        for (int i = 0; i < results.size(); ++i) {
            const ChainMeasurement &m = results[i];
            const QStringList cells{m.label, QString::number(m.chainLength), QString::number(m.latency.percentile(50), 'f', 3),
                                    QString::number(m.latency.percentile(95), 'f', 3), QString::number(m.latency.percentile(99), 'f', 3),
                                    QString::number(m.throughput.mbitPerS(), 'f', 0), QString::number(m.latency.failures)};
            for (int c = 0; c < cells.size(); ++c)
                m_results->setItem(i, c, new QTableWidgetItem(cells[c]));
        }
        m_results->resizeColumnsToContents();
        m_progress->hide();
        m_job->deleteLater();
        m_job = nullptr;
        updateActions();
        Q_EMIT message(tr("Measured %1").arg(results.value(0).label), false);
    });
    m_job->start();
    updateActions();
}

} // namespace vines
