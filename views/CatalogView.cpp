#include "CatalogView.h"
#include "Confirm.h"
#include <QMessageBox>
#include "TableFilter.h"
#include "PackageDetailsView.h"
#include "PackageTableModel.h"
#include "catalog/PackageCatalog.h"
#include <QAction>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace vines {

CatalogView::CatalogView(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    m_model = new PackageTableModel(m_s.packages, this);
    m_table = new QTableView(this);
    m_table->setObjectName("packageTable");
    m_filter = new TableFilter(m_table, m_model, this, tr("Filter packages (Ctrl+F)…"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setWordWrap(false);
    m_details = new PackageDetailsView(this);

    auto *bar = new QToolBar(tr("Catalog"), this);
    m_onboard = bar->addAction(QIcon::fromTheme("document-open"), tr("Onboard…"));
    m_onboard->setToolTip(tr("Onboard a VNF Package (.csar or .zip); you can also drop files on the window"));
    m_instantiate = bar->addAction(QIcon::fromTheme("media-playback-start"), tr("Instantiate…"));
    bar->addSeparator();
    m_enable = bar->addAction(tr("Enable"));
    m_disable = bar->addAction(tr("Disable"));
    m_delete = bar->addAction(QIcon::fromTheme("edit-delete"), tr("Delete"));
    m_table->addActions({m_instantiate, m_enable, m_disable, m_delete});

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName("catalogSplit");
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_filter->edit());
    layout->addWidget(split);

    connect(m_onboard, &QAction::triggered, this, &CatalogView::onboardRequested);
    connect(m_instantiate, &QAction::triggered, this, [this]() { Q_EMIT instantiateRequested(selectedPackage()); });
    auto setEnabled = [this](bool on) {
        if (const Result<> set = m_s.packages.setOperationalState(selectedPackage(), on ? OperationalState::Enabled : OperationalState::Disabled); !set)
            Q_EMIT message(set.errorMessage(), true);
    };
    connect(m_enable, &QAction::triggered, this, [setEnabled]() { setEnabled(true); });
    connect(m_disable, &QAction::triggered, this, [setEnabled]() { setEnabled(false); });
    connect(m_delete, &QAction::triggered, this, [this]() {
        // Destructive: name what goes, ask without blocking the event loop.
        const QString id = selectedPackage();
        PackageRecord p;
        if (!m_s.packages.get(id, &p))
            return;
        askFirst(this, "confirmDeletePackage", tr("Delete package"),
                 tr("Delete the package %1 %2 (%3) from the catalog? Its archive is removed; it can be onboarded again.")
                     .arg(p.package.vnfd.productName, p.package.vnfd.softwareVersion, p.package.vnfd.provider),
                 [this, id]() {
                     if (const Result<> removed = m_s.packages.remove(id); !removed)
                         Q_EMIT message(removed.errorMessage(), true);
                     else
                         Q_EMIT message(tr("Package deleted"), false);
                 });
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CatalogView::updateActions);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    // Keep the selection across reloads of the model.
    auto keep = std::make_shared<QString>();
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this, keep]() { *keep = selectedPackage(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this, keep]() {
        selectPackage(m_pendingSelection.isEmpty() ? *keep : m_pendingSelection);
        if (selectedPackage().isEmpty() && m_model->rowCount() > 0)
            m_table->selectRow(0);
        updateActions();
        m_table->resizeColumnsToContents();
    });
    updateActions();
}

QString CatalogView::selectedPackage() const
{
    const int row = m_filter->selectedSourceRow();
    return row < 0 ? QString() : m_model->record(row).id;
}

void CatalogView::selectPackage(const QString &id)
{
    const int row = m_model->rowOf(id);
    m_pendingSelection = row >= 0 ? QString() : id;   // not loaded yet: select it after the next reload
    if (row >= 0)
        m_filter->selectSourceRow(row);
}

void CatalogView::updateActions()
{
    const QString id = selectedPackage();
    PackageRecord r;
    const bool has = !id.isEmpty() && m_s.packages.get(id, &r);
    m_instantiate->setEnabled(!has || r.operationalState == OperationalState::Enabled);
    m_enable->setEnabled(has && r.operationalState == OperationalState::Disabled);
    m_disable->setEnabled(has && r.operationalState == OperationalState::Enabled);
    m_delete->setEnabled(has && r.operationalState == OperationalState::Disabled && r.usageState == UsageState::NotInUse);
    m_delete->setToolTip(has && r.operationalState != OperationalState::Disabled ? tr("Disable the package before deleting it")
                         : has && r.usageState != UsageState::NotInUse ? tr("The package is used by VNF instances")
                                                                          : tr("Delete the package from the catalog"));
    if (has)
        m_details->show(r);
    else
        m_details->clearDetails();
}

} // namespace vines
