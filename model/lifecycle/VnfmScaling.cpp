// Vnfm: deployment flavours, instantiation levels and horizontal scaling by aspect. A VNF's
// first VDU instance is its own VIM instance (the platform its NF runs on); every further VDU
// instance (VNFC) is one more VIM instance, created and destroyed here and recorded in the
// instance's DeploymentState at once, so a crash cannot leak it.
#include "Vnfm.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "util/Guarded.h"
#include "vim/Vim.h"

namespace vines {

using task::Done;
using task::Run;

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

Result<> Vnfm::checkCounts(const DeploymentFlavour &f, const QMap<QString, int> &counts) const
{
    for (const Vdu &v : f.vdus) {
        const int n = counts.value(v.nodeName);
        if (n < v.minInstances || n > v.maxInstances)
            return Error::unprocessable(QStringLiteral("%1 instances of VDU %2 is outside its vdu_profile (%3..%4)").arg(n).arg(v.nodeName)
                                            .arg(v.minInstances).arg(v.maxInstances));
    }
    if (!f.vdus.isEmpty() && counts.value(f.vdus.first().nodeName) < 1)
        return Error::unprocessable(QStringLiteral("VDU %1 runs the NF and needs at least one instance").arg(f.vdus.first().nodeName));
    return {};
}

Result<LcmStarted> Vnfm::instantiate(const InstantiateRequest &req)
{
    const Result<QString> id = createInstance(req.packageId, req.name);
    if (!id)
        return id.error();
    const Result<QString> op = instantiateInstance(*id, req);
    if (!op) {
        (void)m_instances.remove(*id);   // a refused instantiation leaves no record
        return op.error();
    }
    return LcmStarted{*op, *id};
}

Result<QString> Vnfm::instantiateInstance(const QString &instanceId, const InstantiateRequest &req)
{
    InstanceRecord r;
    PackageRecord p;
    if (!m_instances.get(instanceId, &r))
        return Error::notFound(QStringLiteral("no VNF instance %1").arg(instanceId));
    if (!m_packages.get(r.packageId, &p))
        return Error::notFound(QStringLiteral("no package %1 in the catalog").arg(r.packageId));
    const VnfDescriptor &vnfd = p.package.vnfd;
    const DeploymentFlavour *f = req.deploymentFlavour.isEmpty() ? &vnfd.defaultFlavour() : vnfd.flavour(req.deploymentFlavour);
    if (!f || f->id.isEmpty())
        return Error::unprocessable(QStringLiteral("package %1 has no deployment flavour '%2' (it has %3)")
                                        .arg(vnfd.productName, req.deploymentFlavour, vnfd.flavourIds().join(", ")));
    DeploymentState d;
    d.flavourId = f->id;
    d.instantiationLevel = req.instantiationLevel.isEmpty() ? f->initialLevel() : req.instantiationLevel;
    if (!d.instantiationLevel.isEmpty() && !f->level(d.instantiationLevel)) {
        QStringList ids;
        for (const InstantiationLevel &l : f->levels)
            ids << l.id;
        return Error::unprocessable(QStringLiteral("deployment flavour %1 of %2 has no instantiation level '%3' (it has %4)")
                                        .arg(f->id, vnfd.productName, d.instantiationLevel, ids.isEmpty() ? QStringLiteral("none") : ids.join(", ")));
    }
    d.scaleStatus = f->scaleLevelsAt(d.instantiationLevel);
    if (Result<> fits = checkCounts(*f, countsFor(*f, d)); !fits)
        return Error::unprocessable(QStringLiteral("cannot instantiate %1 at level %2: %3").arg(vnfd.productName, d.instantiationLevel, fits.errorMessage()));
    return instantiateRecord(instanceId, req.computeFlavour, req.config, d);
}

Vnfm::Step Vnfm::vnfcStep(Ctx ctx, const QMap<QString, int> &target, const QString &name)
{
    // Moves the VNFC instances to `want`, one VIM call at a time; reports through done. A boot
    // given up on is cancelled through `cancel`; a VNFC the VIM makes anyway is recorded, so the
    // step's undo (or the restore) takes it away again.
    using Reach = std::function<void(QMap<QString, int>, CancelToken, Done)>;
    auto reach = std::make_shared<Reach>();
    std::weak_ptr<Reach> weakReach = reach;
    *reach = [this, ctx, weakReach](QMap<QString, int> want, CancelToken cancel, Done done) {
        const auto self = weakReach.lock();
        const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id);
        if (!f || !self)
            return done({});
        const QMap<QString, int> have = currentCounts(*f, ctx->deployment);
        for (const Vdu &v : f->vdus) {
            const int diff = want.value(v.nodeName, have.value(v.nodeName)) - have.value(v.nodeName);
            if (diff < 0) {   // remove the newest VNFC of this VDU
                int i = ctx->deployment.extraVnfcs.size() - 1;
                while (i >= 0 && ctx->deployment.extraVnfcs.at(i).vdu != v.nodeName)
                    --i;
                if (i < 0)
                    return done(Error::conflict(QStringLiteral("VDU %1 has no extra instance to remove").arg(v.nodeName)));
                const QString vimId = ctx->deployment.extraVnfcs.at(i).vimInstanceId;
                return m_vim.destroyInstance(vimId, guarded(this, [this, ctx, vimId, want, cancel, done, self](const Result<> &r) {
                    if (!r && !r.error().is(Error::Kind::NotFound))
                        return done(r);
                    ctx->deployment.extraVnfcs.removeIf([&](const VnfcRecord &x) { return x.vimInstanceId == vimId; });
                    save(ctx);
                    (*self)(want, cancel, done);
                }));
            }
            if (diff > 0) {
                if (cancel.cancelled())
                    return done(Error::cancelled(cancel.reason()));
                CreateSpec spec{QStringLiteral("%1-%2-%3").arg(ctx->name, v.nodeName).arg(have.value(v.nodeName) + 1).toLower().replace('_', '-'),
                                ctx->flavour, v.swImage,
                                {{"vines.instance", ctx->id}, {"vines.package", ctx->packageId}, {"vines.vnfc", v.nodeName}},
                                platformUserData(*ctx)};
                if (!m_opt.consoleId.isEmpty())
                    spec.tags.insert("vines.console", m_opt.consoleId);
                const QString vdu = v.nodeName;
                return m_vim.createInstance(spec, cancel, guarded(this, [this, ctx, vdu, want, cancel, done, self](const Result<VimInstance> &r) {
                    if (!r)
                        return done(r.error());
                    ctx->deployment.extraVnfcs << VnfcRecord{vdu, r->id};
                    save(ctx);   // recorded at once: a crash now cannot leak it
                    (*self)(want, cancel, done);
                }));
            }
        }
        done({});
    };
    auto before = std::make_shared<QMap<QString, int>>();
    Step s = task::leaf(name, [this, ctx, target, reach, before](const Run &run, Done done) {
        if (const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id))
            *before = currentCounts(*f, ctx->deployment);
        // A failure half-way puts back what this step had changed before reporting it.
        (*reach)(target, run.cancel(), [reach, before, done](const Result<> &r) {
            if (r)
                return done({});
            (*reach)(*before, CancelToken(), [done, r](const Result<> &restored) {
                done(restored ? r : Result<>(r.error().withMessage(r.errorMessage() + QStringLiteral("; restoring the VNFCs: ") + restored.errorMessage())));
            });
        });
    });
    s.undo = [reach, before](const Run &, Done done) { (*reach)(*before, CancelToken(), done); };
    return s;
}

Result<QString> Vnfm::scaleAspect(const QString &instanceId, const QString &aspectId, ScaleDirection direction, int steps)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    if (!m_instances.get(instanceId, ctx.get()))
        return Error::notFound(QStringLiteral("no VNF instance %1").arg(instanceId));
    const std::optional<DeploymentFlavour> f = deploymentFlavourOf(instanceId);
    const ScalingAspect *a = f ? f->aspect(aspectId) : nullptr;
    if (!a) {
        QStringList ids;
        if (f)
            for (const ScalingAspect &x : f->aspects)
                ids << x.id;
        return Error::unprocessable(QStringLiteral("VNF '%1' (deployment flavour %2) has no scaling aspect '%3'%4")
                                        .arg(ctx->name, f ? f->id : QString(), aspectId,
                                             ids.isEmpty() ? QStringLiteral(": its flavour declares none") : QStringLiteral(" (it has %1)").arg(ids.join(", "))));
    }
    if (steps < 1)
        return Error::invalid(QStringLiteral("numberOfSteps must be 1 or more (got %1)").arg(steps));
    const int from = ctx->deployment.scaleStatus.value(aspectId);
    const int to = direction == ScaleDirection::Out ? from + steps : from - steps;
    if (to > a->maxScaleLevel)
        return Error::unprocessable(QStringLiteral("cannot scale '%1' out by %2: aspect %3 is at level %4 of at most %5")
                                        .arg(ctx->name).arg(steps).arg(aspectId).arg(from).arg(a->maxScaleLevel));
    if (to < 0)
        return Error::unprocessable(QStringLiteral("cannot scale '%1' in by %2: aspect %3 is at level %4").arg(ctx->name).arg(steps).arg(aspectId).arg(from));
    DeploymentState next = ctx->deployment;
    next.scaleStatus.insert(aspectId, to);
    const QMap<QString, int> target = countsFor(*f, next);
    if (Result<> fits = checkCounts(*f, target); !fits)
        return Error::unprocessable(QStringLiteral("cannot scale '%1' %2 to level %3 of %4: %5")
                                        .arg(ctx->name, direction == ScaleDirection::Out ? QStringLiteral("out") : QStringLiteral("in")).arg(to)
                                        .arg(aspectId, fits.errorMessage()));
    Step level = task::leaf(QStringLiteral("Scale level of %1: %2 → %3").arg(aspectId).arg(from).arg(to),
                            [this, ctx, aspectId, to](const Run &, Done done) {
                                ctx->deployment.scaleStatus.insert(aspectId, to);
                                save(ctx);
                                done({});
                            },
                            [this, ctx, aspectId, from](const Run &, Done done) {
                                ctx->deployment.scaleStatus.insert(aspectId, from);
                                save(ctx);
                                done({});
                            });
    QStringList counts;
    for (auto it = target.begin(); it != target.end(); ++it)
        counts << QStringLiteral("%1×%2").arg(it.value()).arg(it.key());
    const QJsonObject params{{"type", direction == ScaleDirection::Out ? "SCALE_OUT" : "SCALE_IN"}, {"aspectId", aspectId},
                             {"numberOfSteps", steps}, {"fromLevel", from}, {"toLevel", to}};
    return begin(LcmOp::Scale, instanceId, params, {vnfcStep(ctx, target, QStringLiteral("VNFC instances: %1").arg(counts.join(", "))), level}, ctx);
}

} // namespace vines
