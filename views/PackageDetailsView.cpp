#include "PackageDetailsView.h"
#include "StateLabels.h"
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

void PackageDetailsView::showFlavour(QTreeWidgetItem *g, const DeploymentFlavour &f, bool isDefault)
{
    auto item = [](QTreeWidgetItem *parent, const QString &k, const QString &v) { return new QTreeWidgetItem(parent, {k, v}); };
    auto sub = [&](const QString &title, int count) {
        auto *s = item(g, title, QString::number(count));
        s->setExpanded(count > 0 && count <= 12);
        return s;
    };
    g->setText(1, f.description + (isDefault ? tr(" (default)") : QString()));
    item(g, tr("Defined in"), f.file);
    QTreeWidgetItem *vdus = sub(tr("VDUs"), f.vdus.size());
    for (const Vdu &v : f.vdus)
        item(vdus, v.nodeName, tr("%1: %2 vCPU, %3 MB, %4..%5 instances (initially %6)%7%8")
                                   .arg(v.name).arg(v.numCpus).arg(v.memoryMb).arg(v.minInstances).arg(v.maxInstances).arg(v.initialInstances)
                                   .arg(v.swImage.isEmpty() ? QString() : tr(", image %1").arg(v.swImage),
                                        v.storages.isEmpty() ? QString() : tr(", storage %1").arg(v.storages.join(", "))));
    if (!f.storages.isEmpty()) {
        QTreeWidgetItem *st = sub(tr("Virtual storage"), f.storages.size());
        for (const VirtualStorage &s : f.storages)
            item(st, s.nodeName, tr("%1 GB %2").arg(s.sizeGb).arg(s.type.section('.', -1)));
    }
    QTreeWidgetItem *cps = sub(tr("Connection points"), f.vduCps.size());
    for (const VduCp &c : f.vduCps)
        item(cps, c.nodeName, tr("on %1, link %2 (%3)").arg(c.vdu, c.virtualLink.isEmpty() ? "-" : c.virtualLink, c.layerProtocols.join('/')));
    QTreeWidgetItem *vls = sub(tr("Virtual links"), f.virtualLinks.size());
    for (const VirtualLink &l : f.virtualLinks)
        item(vls, l.nodeName, QStringLiteral("%1 %2").arg(l.layerProtocols.join('/'), l.description));
    QTreeWidgetItem *ext = sub(tr("External connection points"), f.externalPoints.size() + f.extCps.size());
    for (const ExternalPoint &e : f.externalPoints)
        item(ext, e.requirement, tr("%1 (%2)").arg(e.node, e.nodeRequirement));
    for (const ExtCp &c : f.extCps)
        item(ext, c.nodeName, tr("internal link %1").arg(c.internalVirtualLink));
    if (!f.aspects.isEmpty()) {
        QTreeWidgetItem *as = sub(tr("Scaling aspects"), f.aspects.size());
        for (const ScalingAspect &a : f.aspects) {
            QStringList vdus;
            for (auto it = a.vduDeltas.begin(); it != a.vduDeltas.end(); ++it)
                vdus << QStringLiteral("%1 +%2/step").arg(it.key()).arg(a.vduInstancesAt(it.key(), 1));
            item(as, a.id, tr("max level %1; %2").arg(a.maxScaleLevel).arg(vdus.join(", ")));
        }
    }
    if (!f.levels.isEmpty()) {
        QTreeWidgetItem *ls = sub(tr("Instantiation levels"), f.levels.size());
        for (const InstantiationLevel &l : f.levels) {
            QStringList counts;
            const QMap<QString, int> n = f.vduInstances(f.scaleLevelsAt(l.id));
            for (auto it = n.begin(); it != n.end(); ++it)
                counts << QStringLiteral("%1×%2").arg(it.value()).arg(it.key());
            item(ls, l.id + (l.id == f.defaultLevel ? tr(" (default)") : QString()), QStringLiteral("%1 — %2").arg(l.description, counts.join(", ")));
        }
    }
    if (!f.others.isEmpty()) {
        QTreeWidgetItem *os = sub(tr("Other nodes and policies (kept)"), f.others.size());
        for (const ToscaEntity &e : f.others)
            item(os, e.name, QStringLiteral("%1 %2%3").arg(e.kind, e.type, e.targets.isEmpty() ? QString() : " → " + e.targets.join(", ")));
    }
}

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
    item(vnf, tr("Deployment flavours"), d.flavourIds().join(", "));
    item(vnf, tr("VNFM"), d.vnfmInfo.join(", "));
    item(vnf, tr("States"), QStringLiteral("%1 / %2 / %3").arg(label(r.onboardingState), label(r.operationalState), label(r.usageState)));
    QTreeWidgetItem *exp = group(tr("VNF execution platform"), -1);
    item(exp, tr("Platform"), d.exp.platform);
    item(exp, tr("NF type"), d.exp.nfType);
    item(exp, tr("Default config"), QString::fromUtf8(QJsonDocument(d.exp.config).toJson(QJsonDocument::Compact)));

    for (const DeploymentFlavour &f : d.flavours)
        showFlavour(group(tr("Deployment flavour %1").arg(f.id), -1), f, f.id == d.defaultFlavour().id);
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
    item(arc, tr("Layout"), p.hasToscaMetadata ? tr("TOSCA-Metadata/TOSCA.meta") : tr("no TOSCA-Metadata (root YAML)"));
    item(arc, tr("Manifest"), p.manifestFile.isEmpty() ? tr("none")
                              : p.manifestFile + (p.manifestVerified ? tr(" (every file's digest verified)") : tr(" (listed digests match; not every file listed)")));
    if (!p.findings.isEmpty()) {
        QTreeWidgetItem *notes = group(tr("Onboarding notes"), p.findings.size());
        for (const QString &f : p.findings)
            item(notes, QString(), f)->setToolTip(1, f);
    }
    item(arc, tr("SHA-256"), p.archiveSha256);
    item(arc, tr("Stored at"), r.filePath);
}

} // namespace vines
