// Vnfm: deployment flavours, instantiation levels and horizontal scaling by aspect. A VNF's
// first VDU instance is its own VIM instance (the platform its NF runs on); every further VDU
// instance (VNFC) is one more VIM instance, created and destroyed here and recorded in the
// instance's DeploymentState at once, so a crash cannot leak it.
#include "LcmOperation.h"
#include "Vnfm.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "util/Guarded.h"
#include "vim/Vim.h"

namespace vines {

namespace {

// VDU instance counts for a deployment state: the aspects' deltas over the initial deltas, and
// the level's VduInstantiationLevels for VDUs no aspect scales.
QMap<QString, int> countsFor(const DeploymentFlavour &f, const DeploymentState &d)
{
    QMap<QString, int> counts = f.vduInstances(d.scaleStatus);
    if (const InstantiationLevel *l = f.level(d.instantiationLevel))
        for (auto it = l->vduInstances.begin(); it != l->vduInstances.end(); ++it) {
            bool scaled = false;
            for (const ScalingAspect &a : f.aspects)
                scaled = scaled || a.vduDeltas.contains(it.key());
            if (!scaled)
                counts.insert(it.key(), it.value());
        }
    return counts;
}

QMap<QString, int> currentCounts(const DeploymentFlavour &f, const DeploymentState &d)
{
    QMap<QString, int> counts;
    for (const Vdu &v : f.vdus)
        counts.insert(v.nodeName, 0);
    if (!f.vdus.isEmpty())
        counts[f.vdus.first().nodeName] = 1;   // the VNF's own VIM instance
    for (const VnfcRecord &r : d.extraVnfcs)
        counts[r.vdu] += 1;
    return counts;
}

} // namespace

QMap<QString, int> Vnfm::vnfcTarget(const QString &instanceId, bool initial) const
{
    InstanceRecord r;
    const std::optional<DeploymentFlavour> f = deploymentFlavourOf(instanceId);
    if (!f || !m_instances.get(instanceId, &r))
        return {};
    if (initial)
        return countsFor(*f, r.deployment);
    QMap<QString, int> none;   // only the VNF's own instance
    for (const Vdu &v : f->vdus)
        none.insert(v.nodeName, 0);
    if (!f->vdus.isEmpty())
        none.insert(f->vdus.first().nodeName, 1);
    return none;
}

std::optional<DeploymentFlavour> Vnfm::deploymentFlavourOf(const QString &instanceId) const
{
    InstanceRecord r;
    PackageRecord p;
    if (!m_instances.get(instanceId, &r) || !m_packages.get(r.packageId, &p))
        return std::nullopt;
    const DeploymentFlavour *f = p.package.vnfd.flavour(r.deployment.flavourId);
    return f ? std::optional<DeploymentFlavour>(*f) : std::optional<DeploymentFlavour>(p.package.vnfd.defaultFlavour());
}

QString Vnfm::checkCounts(const DeploymentFlavour &f, const QMap<QString, int> &counts) const
{
    for (const Vdu &v : f.vdus) {
        const int n = counts.value(v.nodeName);
        if (n < v.minInstances || n > v.maxInstances)
            return QStringLiteral("%1 instances of VDU %2 is outside its vdu_profile (%3..%4)").arg(n).arg(v.nodeName)
                .arg(v.minInstances).arg(v.maxInstances);
    }
    if (!f.vdus.isEmpty() && counts.value(f.vdus.first().nodeName) < 1)
        return QStringLiteral("VDU %1 runs the NF and needs at least one instance").arg(f.vdus.first().nodeName);
    return {};
}

QString Vnfm::instantiate(const InstantiateRequest &req, QString *error, QString *instanceId)
{
    const QString id = createInstance(req.packageId, req.name, error);
    if (id.isEmpty())
        return {};
    const QString op = instantiateInstance(id, req, error);
    if (op.isEmpty())
        m_instances.remove(id, nullptr);   // a refused instantiation leaves no record
    else if (instanceId)
        *instanceId = id;
    return op;
}

QString Vnfm::instantiateInstance(const QString &instanceId, const InstantiateRequest &req, QString *error)
{
    InstanceRecord r;
    PackageRecord p;
    if (!m_instances.get(instanceId, &r)) {
        *error = QStringLiteral("no VNF instance %1").arg(instanceId);
        return {};
    }
    if (!m_packages.get(r.packageId, &p)) {
        *error = QStringLiteral("no package %1 in the catalog").arg(r.packageId);
        return {};
    }
    const VnfDescriptor &vnfd = p.package.vnfd;
    const DeploymentFlavour *f = req.deploymentFlavour.isEmpty() ? &vnfd.defaultFlavour() : vnfd.flavour(req.deploymentFlavour);
    if (!f || f->id.isEmpty()) {
        *error = QStringLiteral("package %1 has no deployment flavour '%2' (it has %3)")
                     .arg(vnfd.productName, req.deploymentFlavour, vnfd.flavourIds().join(", "));
        return {};
    }
    DeploymentState d;
    d.flavourId = f->id;
    d.instantiationLevel = req.instantiationLevel.isEmpty() ? f->initialLevel() : req.instantiationLevel;
    if (!d.instantiationLevel.isEmpty() && !f->level(d.instantiationLevel)) {
        QStringList ids;
        for (const InstantiationLevel &l : f->levels)
            ids << l.id;
        *error = QStringLiteral("deployment flavour %1 of %2 has no instantiation level '%3' (it has %4)")
                     .arg(f->id, vnfd.productName, d.instantiationLevel, ids.isEmpty() ? QStringLiteral("none") : ids.join(", "));
        return {};
    }
    d.scaleStatus = f->scaleLevelsAt(d.instantiationLevel);
    const QString why = checkCounts(*f, countsFor(*f, d));
    if (!why.isEmpty()) {
        *error = QStringLiteral("cannot instantiate %1 at level %2: %3").arg(vnfd.productName, d.instantiationLevel, why);
        return {};
    }
    return instantiateRecord(instanceId, req.computeFlavour, req.config, d, error);
}

LcmStep Vnfm::vnfcStep(Ctx ctx, const QMap<QString, int> &target, const QString &name)
{
    LcmStep s;
    s.name = name;
    // Moves the VNFC instances to `want`, one VIM call at a time; reports through done.
    auto reach = std::make_shared<std::function<void(QMap<QString, int>, StepDone)>>();
    std::weak_ptr<std::function<void(QMap<QString, int>, StepDone)>> weakReach = reach;
    *reach = [this, ctx, weakReach](QMap<QString, int> want, StepDone done) {
        const auto self = weakReach.lock();
        const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id);
        if (!f || !self)
            return done(true, {});
        const QMap<QString, int> have = currentCounts(*f, ctx->deployment);
        for (const Vdu &v : f->vdus) {
            const int diff = want.value(v.nodeName, have.value(v.nodeName)) - have.value(v.nodeName);
            if (diff < 0) {   // remove the newest VNFC of this VDU
                int i = ctx->deployment.extraVnfcs.size() - 1;
                while (i >= 0 && ctx->deployment.extraVnfcs.at(i).vdu != v.nodeName)
                    --i;
                if (i < 0)
                    return done(false, QStringLiteral("VDU %1 has no extra instance to remove").arg(v.nodeName));
                const QString vimId = ctx->deployment.extraVnfcs.at(i).vimInstanceId;
                return m_vim.destroyInstance(vimId, guarded(this, [this, ctx, vimId, want, done, self](const VimResult<Done> &r) {
                    if (!r.ok)
                        return done(false, r.error);
                    ctx->deployment.extraVnfcs.removeIf([&](const VnfcRecord &x) { return x.vimInstanceId == vimId; });
                    save(ctx);
                    (*self)(want, done);
                }));
            }
            if (diff > 0) {
                CreateSpec spec{QStringLiteral("%1-%2-%3").arg(ctx->name, v.nodeName).arg(have.value(v.nodeName) + 1).toLower().replace('_', '-'),
                                ctx->flavour, v.swImage,
                                {{"vines.instance", ctx->id}, {"vines.package", ctx->packageId}, {"vines.vnfc", v.nodeName}},
                                platformUserData(*ctx)};
                if (!m_opt.consoleId.isEmpty())
                    spec.tags.insert("vines.console", m_opt.consoleId);
                const QString vdu = v.nodeName;
                return m_vim.createInstance(spec, guarded(this, [this, ctx, vdu, want, done, self](const VimResult<VimInstance> &r) {
                    if (!r.ok)
                        return done(false, r.error);
                    ctx->deployment.extraVnfcs << VnfcRecord{vdu, r.value.id};
                    save(ctx);   // recorded at once: a crash now cannot leak it
                    (*self)(want, done);
                }));
            }
        }
        done(true, {});
    };
    auto before = std::make_shared<QMap<QString, int>>();
    s.run = [this, ctx, target, reach, before](StepDone done) {
        if (const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id))
            *before = currentCounts(*f, ctx->deployment);
        // A failure half-way puts back what this step had changed before reporting it.
        (*reach)(target, [reach, before, done](bool ok, const QString &error) {
            if (ok)
                return done(true, {});
            (*reach)(*before, [done, error](bool, const QString &restoreError) {
                done(false, restoreError.isEmpty() ? error : error + QStringLiteral("; restoring the VNFCs: ") + restoreError);
            });
        });
    };
    s.undo = [reach, before](StepDone done) { (*reach)(*before, done); };
    return s;
}

QString Vnfm::scaleAspect(const QString &instanceId, const QString &aspectId, ScaleDirection direction, int steps, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    if (!m_instances.get(instanceId, ctx.get())) {
        *error = QStringLiteral("no VNF instance %1").arg(instanceId);
        return {};
    }
    const std::optional<DeploymentFlavour> f = deploymentFlavourOf(instanceId);
    const ScalingAspect *a = f ? f->aspect(aspectId) : nullptr;
    if (!a) {
        QStringList ids;
        if (f)
            for (const ScalingAspect &x : f->aspects)
                ids << x.id;
        *error = QStringLiteral("VNF '%1' (deployment flavour %2) has no scaling aspect '%3'%4")
                     .arg(ctx->name, f ? f->id : QString(), aspectId,
                          ids.isEmpty() ? QStringLiteral(": its flavour declares none") : QStringLiteral(" (it has %1)").arg(ids.join(", ")));
        return {};
    }
    if (steps < 1) {
        *error = QStringLiteral("numberOfSteps must be 1 or more (got %1)").arg(steps);
        return {};
    }
    const int from = ctx->deployment.scaleStatus.value(aspectId);
    const int to = direction == ScaleDirection::Out ? from + steps : from - steps;
    if (to > a->maxScaleLevel) {
        *error = QStringLiteral("cannot scale '%1' out by %2: aspect %3 is at level %4 of at most %5")
                     .arg(ctx->name).arg(steps).arg(aspectId).arg(from).arg(a->maxScaleLevel);
        return {};
    }
    if (to < 0) {
        *error = QStringLiteral("cannot scale '%1' in by %2: aspect %3 is at level %4").arg(ctx->name).arg(steps).arg(aspectId).arg(from);
        return {};
    }
    DeploymentState next = ctx->deployment;
    next.scaleStatus.insert(aspectId, to);
    const QMap<QString, int> target = countsFor(*f, next);
    const QString why = checkCounts(*f, target);
    if (!why.isEmpty()) {
        *error = QStringLiteral("cannot scale '%1' %2 to level %3 of %4: %5")
                     .arg(ctx->name, direction == ScaleDirection::Out ? QStringLiteral("out") : QStringLiteral("in")).arg(to).arg(aspectId, why);
        return {};
    }
    LcmStep level;
    level.name = QStringLiteral("Scale level of %1: %2 → %3").arg(aspectId).arg(from).arg(to);
    level.run = [this, ctx, aspectId, to](StepDone done) {
        ctx->deployment.scaleStatus.insert(aspectId, to);
        save(ctx);
        done(true, {});
    };
    level.undo = [this, ctx, aspectId, from](StepDone done) {
        ctx->deployment.scaleStatus.insert(aspectId, from);
        save(ctx);
        done(true, {});
    };
    QStringList counts;
    for (auto it = target.begin(); it != target.end(); ++it)
        counts << QStringLiteral("%1×%2").arg(it.value()).arg(it.key());
    const QJsonObject params{{"type", direction == ScaleDirection::Out ? "SCALE_OUT" : "SCALE_IN"}, {"aspectId", aspectId},
                             {"numberOfSteps", steps}, {"fromLevel", from}, {"toLevel", to}};
    return begin("SCALE", instanceId, params, {vnfcStep(ctx, target, QStringLiteral("VNFC instances: %1").arg(counts.join(", "))), level},
                 ctx, [](const QString &) {}, error);
}

} // namespace vines
