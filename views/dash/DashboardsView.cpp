#include "DashboardsView.h"
#include <QScrollArea>
#include <QGridLayout>
#include "ComparisonView.h"
#include "SfcDashboard.h"
#include "VnfDashboard.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace vines {

DashboardsView::DashboardsView(ConsoleServices services, QWidget *parent) : QWidget(parent), m_s(services)
{
    setObjectName("dashboardsView");
    m_ns = new QComboBox(this);
    m_ns->setMinimumWidth(160);
    m_vnf = new QComboBox(this);
    m_vnf->setMinimumWidth(160);
    auto *openNsButton = new QPushButton(tr("Open SFC dashboard"), this);
    auto *openVnfButton = new QPushButton(tr("Open VNF dashboard"), this);
    auto *compare = new QPushButton(tr("Compare chains"), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int i) { delete m_tabs->widget(i); });
    connect(openNsButton, &QPushButton::clicked, this, [this]() { openSfc(m_ns->currentData().toString()); });
    connect(openVnfButton, &QPushButton::clicked, this, [this]() { openVnf(m_vnf->currentData().toString()); });
    connect(compare, &QPushButton::clicked, this, &DashboardsView::openComparison);
    connect(&m_s.nsCatalog, &NsCatalog::instanceChanged, this, &DashboardsView::reloadChoices);
    connect(&m_s.instances, &InstanceStore::changed, this, [this]() { m_choicesReload.request(); });
    // Two short rows rather than one long one: the tab fits a narrow window.
    auto *bar = new QGridLayout;
    bar->addWidget(new QLabel(tr("Network service:"), this), 0, 0);
    bar->addWidget(m_ns, 0, 1);
    bar->addWidget(openNsButton, 0, 2);
    bar->addWidget(compare, 0, 3);
    bar->addWidget(new QLabel(tr("VNF:"), this), 1, 0);
    bar->addWidget(m_vnf, 1, 1);
    bar->addWidget(openVnfButton, 1, 2);
    bar->setColumnStretch(4, 1);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(bar);
    lay->addWidget(m_tabs, 1);
    reloadChoices();
}

void DashboardsView::reloadChoices()
{
    const QString ns = m_ns->currentData().toString(), vnf = m_vnf->currentData().toString();
    m_ns->clear();
    for (const NsInstanceRecord &r : m_s.nsCatalog.instances())
        if (r.instantiated())
            m_ns->addItem(r.name, r.id);
    m_vnf->clear();
    for (const InstanceRecord &r : m_s.instances.listSummaries())
        if (r.instantiated())
            m_vnf->addItem(r.name, r.id);
    m_ns->setCurrentIndex(qMax(0, m_ns->findData(ns)));
    m_vnf->setCurrentIndex(qMax(0, m_vnf->findData(vnf)));
}

// A dashboard scrolls inside its tab rather than making the window wider or taller than a small
// screen (1280x720, or 1920x1080 at a 2x scale factor).
int DashboardsView::addPage(QWidget *page, const QString &title)
{
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    connect(page, &QObject::destroyed, scroll, &QObject::deleteLater);   // a dashboard closed by code takes its tab along
    const int i = m_tabs->addTab(scroll, title);
    m_tabs->setCurrentIndex(i);
    return i;
}

SfcDashboard *DashboardsView::openSfc(const QString &nsId)
{
    NsInstanceRecord r;
    if (!m_s.nsCatalog.instance(nsId, &r))
        return nullptr;
    auto *d = new SfcDashboard(m_s, nsId, this);
    addPage(d, tr("SFC %1").arg(r.name));
    return d;
}

VnfDashboard *DashboardsView::openVnf(const QString &instanceId)
{
    InstanceRecord r;
    if (!m_s.instances.get(instanceId, &r))
        return nullptr;
    auto *d = new VnfDashboard(m_s, instanceId, this);
    addPage(d, tr("VNF %1").arg(r.name));
    return d;
}

ComparisonView *DashboardsView::openComparison()
{
    auto *c = new ComparisonView(m_s, this);
    addPage(c, tr("Chain comparison"));
    return c;
}

} // namespace vines
