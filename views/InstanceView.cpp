#include "InstanceView.h"
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
    connect(inst, &QAction::triggered, this, &InstanceView::instantiateRequested);
    bar->addSeparator();
    const struct { const char *op; const char *label; const char *icon; } defs[] = {
        {"START", QT_TR_NOOP("Start"), "media-playback-start"}, {"STOP", QT_TR_NOOP("Stop"), "media-playback-stop"},
        {"RESTART", QT_TR_NOOP("Restart"), "view-refresh"},     {"SCALE", QT_TR_NOOP("Scale"), "zoom-in"},
        {"HEAL", QT_TR_NOOP("Heal"), "tools-check-spelling"},   {"TERMINATE", QT_TR_NOOP("Terminate"), "process-stop"},
        {"DELETE", QT_TR_NOOP("Delete"), "edit-delete"},
    };
    for (const auto &d : defs) {
        QAction *a = bar->addAction(QIcon::fromTheme(d.icon), tr(d.label));
        a->setObjectName(QStringLiteral("action%1").arg(QString::fromLatin1(d.op)));
        m_actions.insert(QString::fromLatin1(d.op), a);
        if (QString::fromLatin1(d.op) != QLatin1String("SCALE"))
            connect(a, &QAction::triggered, this, [this, op = QString::fromLatin1(d.op)]() { run(op); });
    }
    // In the context menu only: a new secret for the VNF's platform agent (the old one stops working).
    QAction *rotate = new QAction(QIcon::fromTheme("dialog-password"), tr("Rotate agent secret"), this);
    rotate->setObjectName("actionROTATE_CREDENTIALS");
    m_actions.insert(QStringLiteral("ROTATE_CREDENTIALS"), rotate);
    connect(rotate, &QAction::triggered, this, [this]() { run(QStringLiteral("ROTATE_CREDENTIALS")); });
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
        for (const char *op : {"START", "STOP", "RESTART", "SCALE", "HEAL", "TERMINATE", "DELETE"})
            menu.addAction(m_actions.value(QString::fromLatin1(op)));
        menu.addSeparator();
        menu.addAction(m_actions.value(QStringLiteral("LOGS")));
        menu.addAction(m_actions.value(QStringLiteral("ROTATE_CREDENTIALS")));
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

namespace {
// Operations that make sense on several VNFs at once; the others need exactly one.
bool bulk(const QString &op)
{
    static const QStringList ops{"START", "STOP", "RESTART", "HEAL", "TERMINATE", "DELETE"};
    return ops.contains(op);
}
} // namespace

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
    auto run = [this](std::function<QString(QString *)> call) {
        QString error;
        if (call(&error).isEmpty())
            Q_EMIT message(error, true);
    };
    if (f && !f->aspects.isEmpty()) {
        m_scaleMenu->addSection(tr("Scale by aspect (%1)").arg(f->id));
        for (const ScalingAspect &a : f->aspects) {
            const int level = r.deployment.scaleStatus.value(a.id);
            QAction *out = m_scaleMenu->addAction(tr("Scale %1 out (level %2 → %3 of %4)").arg(a.id).arg(level).arg(level + 1).arg(a.maxScaleLevel));
            out->setObjectName(QStringLiteral("scaleOut_%1").arg(a.id));
            out->setEnabled(level < a.maxScaleLevel);
            connect(out, &QAction::triggered, this, [this, run, id, aspect = a.id]() {
                run([&](QString *e) { return m_s.vnfm.scaleAspect(id, aspect, ScaleDirection::Out, 1, e); });
            });
            QAction *in = m_scaleMenu->addAction(tr("Scale %1 in (level %2 → %3)").arg(a.id).arg(level).arg(level - 1));
            in->setObjectName(QStringLiteral("scaleIn_%1").arg(a.id));
            in->setEnabled(level > 0);
            connect(in, &QAction::triggered, this, [this, run, id, aspect = a.id]() {
                run([&](QString *e) { return m_s.vnfm.scaleAspect(id, aspect, ScaleDirection::In, 1, e); });
            });
        }
    }
    m_scaleMenu->addSection(tr("Compute flavour"));
    for (const Flavour &fl : m_s.vnfm.vim().flavours()) {
        QAction *a = m_scaleMenu->addAction(QStringLiteral("%1 (%2 vCPU, %3 MB)").arg(fl.name).arg(fl.cpus).arg(fl.memoryMb));
        a->setData(fl.name);
        a->setCheckable(true);
        a->setChecked(fl.name == r.flavour);
        connect(a, &QAction::triggered, this, [this, run, id, name = fl.name]() {
            run([&](QString *e) { return m_s.vnfm.scale(id, name, e); });
        });
    }
}

void InstanceView::updateActions()
{
    const QStringList ids = selectedInstances();
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it) {
        QString why;
        if (ids.isEmpty())
            why = tr("Select a VNF instance");
        else if (ids.size() > 1 && !bulk(it.key()))
            why = tr("Select one VNF instance for this");
        else if (ids.size() == 1)
            why = it.key() == QLatin1String("LOGS") ? QString() : m_s.vnfm.whyNot(it.key(), ids.first());   // logs are always readable
        int able = 0;
        if (ids.size() > 1 && why.isEmpty()) {
            for (const QString &id : ids)
                able += m_s.vnfm.whyNot(it.key(), id).isEmpty();
            if (!able)
                why = tr("None of the %n selected VNFs can do this now", nullptr, int(ids.size()));
        }
        it.value()->setEnabled(why.isEmpty());
        it.value()->setToolTip(!why.isEmpty() ? why
                               : ids.size() > 1 ? tr("%1: %2 of the %3 selected VNFs").arg(it.value()->text()).arg(able).arg(ids.size())
                                                : it.value()->text());
    }
}

void InstanceView::run(const QString &operation)
{
    // Every selected VNF the operation applies to now; the others are left as they are.
    QStringList ids;
    for (const QString &id : selectedInstances())
        if (ids.size() == 0 || bulk(operation))
            if (m_s.vnfm.whyNot(operation, id).isEmpty())
                ids << id;
    if (ids.isEmpty())
        return;
    auto go = [this, operation, ids]() {
        QStringList errors;
        for (const QString &id : ids) {
            QString error, op;
            if (operation == QLatin1String("DELETE")) {
                if (!m_s.vnfm.deleteInstance(id, &error))
                    errors << error;
                continue;
            }
            if (operation == QLatin1String("START")) op = m_s.vnfm.start(id, &error);
            else if (operation == QLatin1String("STOP")) op = m_s.vnfm.stop(id, &error);
            else if (operation == QLatin1String("RESTART")) op = m_s.vnfm.restart(id, &error);
            else if (operation == QLatin1String("HEAL")) op = m_s.vnfm.heal(id, &error);
            else if (operation == QLatin1String("TERMINATE")) op = m_s.vnfm.terminate(id, &error);
            else if (operation == QLatin1String("ROTATE_CREDENTIALS")) op = m_s.vnfm.rotateCredentials(id, &error);
            if (op.isEmpty())
                errors << error;
        }
        if (!errors.isEmpty())
            Q_EMIT message(errors.join('\n'), true);
        updateActions();
    };
    // What it does to the network services these VNFs carry traffic for.
    QStringList names, impacts;
    for (const QString &id : ids) {
        names << m_model->record(m_model->rowOf(id)).name;
        const QString impact = chainImpact(id, m_s.nsCatalog,
                                           operation == QLatin1String("TERMINATE") ? tr("terminate it") : tr("stop it"));
        if (!impact.isEmpty())
            impacts << (ids.size() > 1 ? names.last() + ": " + impact : impact);
    }
    const bool destructive = operation == QLatin1String("TERMINATE") || (operation == QLatin1String("DELETE") && ids.size() > 1);
    if (!destructive && (operation != QLatin1String("STOP") || impacts.isEmpty()))
        return go();
    // Ask first, naming what goes, without blocking the event loop.
    const QString who = names.size() == 1 ? names.first() : tr("%n VNFs (%1)", nullptr, int(names.size())).arg(names.join(QStringLiteral(", ")));
    QString text = operation == QLatin1String("TERMINATE") ? tr("Terminate %1? Each NF is stopped gracefully, then its VIM instance is destroyed.").arg(who)
                   : operation == QLatin1String("DELETE")  ? tr("Delete the records of %1?").arg(who)
                                                           : tr("Stop %1?").arg(who);
    if (!impacts.isEmpty())
        text += "\n\n" + impacts.join('\n');
    auto *box = new QMessageBox(impacts.isEmpty() ? QMessageBox::Question : QMessageBox::Warning,
                                operation == QLatin1String("TERMINATE") ? tr("Terminate VNF") : operation == QLatin1String("DELETE") ? tr("Delete VNF records") : tr("Stop VNF"),
                                text, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirm") + operation.at(0) + operation.mid(1).toLower());
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [go](int r) { if (r == QMessageBox::Yes) go(); });
    box->open();
}

} // namespace vines
