#include "PackageDetailsView.h"
#include "catalog/Records.h"
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>

namespace vines {

PackageDetailsView::PackageDetailsView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Item"), tr("Value")});
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    setAlternatingRowColors(true);
}

void PackageDetailsView::clearDetails() { clear(); }

void PackageDetailsView::show(const PackageRecord &r)
{
    clear();
    const VnfPackage &p = r.package;
    const VnfDescriptor &d = p.vnfd;
    auto group = [this](const QString &title, int count) {
        auto *g = new QTreeWidgetItem(this, {title, count >= 0 ? QString::number(count) : QString()});
        QFont f = g->font(0);
        f.setBold(true);
        g->setFont(0, f);
        g->setExpanded(true);
        return g;
    };
    auto item = [](QTreeWidgetItem *parent, const QString &k, const QString &v) { return new QTreeWidgetItem(parent, {k, v}); };

    QTreeWidgetItem *vnf = group(tr("VNF"), -1);
    item(vnf, tr("Product"), d.productName);
    item(vnf, tr("Provider"), d.provider);
    item(vnf, tr("Software version"), d.softwareVersion);
    item(vnf, tr("Descriptor"), QStringLiteral("%1 v%2").arg(d.descriptorId, d.descriptorVersion));
    item(vnf, tr("Flavour"), d.flavourDescription.isEmpty() ? d.flavourId : QStringLiteral("%1 — %2").arg(d.flavourId, d.flavourDescription));
    item(vnf, tr("VNFM"), d.vnfmInfo.join(", "));
    item(vnf, tr("States"), QStringLiteral("%1 / %2 / %3").arg(r.onboardingState, r.operationalState, r.usageState));
    QTreeWidgetItem *exp = group(tr("VNF execution platform"), -1);
    item(exp, tr("Platform"), d.exp.platform);
    item(exp, tr("NF type"), d.exp.nfType);
    item(exp, tr("Default config"), QString::fromUtf8(QJsonDocument(d.exp.config).toJson(QJsonDocument::Compact)));

    QTreeWidgetItem *vdus = group(tr("VDUs"), d.vdus.size());
    for (const Vdu &v : d.vdus)
        item(vdus, v.name, QStringLiteral("%1 vCPU, %2 MB, %3..%4 instances%5").arg(v.numCpus).arg(v.memoryMb)
                               .arg(v.minInstances).arg(v.maxInstances).arg(v.swImage.isEmpty() ? QString() : ", image " + v.swImage));
    QTreeWidgetItem *cps = group(tr("Connection points"), d.vduCps.size());
    for (const VduCp &c : d.vduCps)
        item(cps, c.nodeName, QStringLiteral("on %1, link %2 (%3)").arg(c.vdu, c.virtualLink.isEmpty() ? "-" : c.virtualLink, c.layerProtocols.join('/')));
    QTreeWidgetItem *vls = group(tr("Virtual links"), d.virtualLinks.size());
    for (const VirtualLink &l : d.virtualLinks)
        item(vls, l.nodeName, QStringLiteral("%1 %2").arg(l.layerProtocols.join('/'), l.description));
    QTreeWidgetItem *ext = group(tr("External CPs"), d.extCps.size());
    for (const ExtCp &c : d.extCps)
        item(ext, c.nodeName, QStringLiteral("internal %1").arg(c.internalVirtualLink));
    QTreeWidgetItem *arts = group(tr("Artifacts"), p.artifacts.size());
    arts->setExpanded(false);
    for (const Artifact &a : p.artifacts) {
        QTreeWidgetItem *i = item(arts, a.path, QStringLiteral("%1, %2").arg(a.kind, QLocale().formattedDataSize(a.size)));
        i->setToolTip(1, QStringLiteral("SHA-256 %1").arg(a.sha256));
    }
    QTreeWidgetItem *arc = group(tr("Archive"), -1);
    arc->setExpanded(false);
    item(arc, tr("CSAR version"), p.csarVersion);
    item(arc, tr("Created by"), p.createdBy);
    item(arc, tr("Entry definitions"), p.entryDefinitions);
    item(arc, tr("Manifest"), p.manifestFile.isEmpty() ? tr("none") : p.manifestFile + (p.manifestVerified ? tr(" (digests verified)") : QString()));
    item(arc, tr("SHA-256"), p.archiveSha256);
    item(arc, tr("Stored at"), r.filePath);
}

} // namespace vines
