#include "Vnfm.h"
#include "LcmOperation.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "ems/EmsClient.h"
#include "net/RequestSigning.h"
#include "util/Guarded.h"
#include "vim/Vim.h"
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <numeric>

namespace vines {

using task::Done;
using task::Run;

namespace {

QJsonObject merged(QJsonObject base, const QJsonObject &over)
{
    for (auto it = over.begin(); it != over.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

} // namespace

InstantiateRequest InstantiateRequest::fromSol003(const QJsonObject &r)
{
    InstantiateRequest req;
    req.deploymentFlavour = r.value("flavourId").toString();
    req.instantiationLevel = r.value("instantiationLevelId").toString();
    const QJsonObject extra = r.value("additionalParams").toObject();
    req.computeFlavour = extra.value("computeFlavour").toString();
    req.config = extra.value("config").toObject();
    return req;
}

TerminateRequest TerminateRequest::fromSol003(const QJsonObject &r)
{
    TerminateRequest t;
    t.graceful = r.value("terminationType").toString() != QLatin1String("FORCEFUL");
    t.gracefulTimeoutS = r.value("gracefulTerminationTimeout").toInt(0);
    return t;
}

Vnfm::Vnfm(PackageCatalog &packages, InstanceStore &instances, OperationStore &operations, Vim &vim, EmsClient &ems, QObject *parent)
    : QObject(parent), m_packages(packages), m_instances(instances), m_operations(operations), m_vim(vim), m_ems(ems)
{
    connect(&m_poll, &QTimer::timeout, this, &Vnfm::poll);
    m_poll.start(m_opt.pollIntervalMs);
    connect(&m_vim, &Vim::instanceStateChanged, this, [this](const QString &vimId, ServerState state, const QString &reason) {
        for (const InstanceRecord &r : m_instances.listSummaries())
            if (r.vimInstanceId == vimId)
                setNf(r.id, NfState::Unreachable, QStringLiteral("VIM instance %1: %2").arg(text(state), reason));
    });
}

void Vnfm::setOptions(const Options &o)
{
    m_opt = o;
    m_poll.start(m_opt.pollIntervalMs);
}

void Vnfm::applyNfState(const QString &instanceId, const QString &state, const QString &detail)
{
    InstanceRecord r;
    if (m_instances.get(instanceId, &r) && r.instantiated() && !m_operations.activeByInstance().contains(instanceId))
        setNf(instanceId, fromText(state, NfState::Unknown), detail);
}

void Vnfm::setNf(const QString &id, NfState state, const QString &detail, NfStatus::DataPath dataPath, const QString &dataPathNote)
{
    const NfStatus old = m_nf.value(id);
    // A report without the data path (a VIM event, an NF state change) keeps the last one known.
    const bool keep = dataPath == NfStatus::DataPath::None && state == old.state;
    const NfStatus::DataPath path = keep ? old.dataPath : dataPath;
    const QString note = keep ? old.dataPathNote : dataPathNote;
    m_nf.insert(id, {state, detail, QDateTime::currentDateTimeUtc(), path, note});
    if (old.state != state || old.detail != detail || old.dataPath != path || old.dataPathNote != note)
        Q_EMIT nfStatusChanged(id);
}

void Vnfm::save(const Ctx &ctx) { (void)m_instances.update(*ctx); }

Vnfm::Ctx Vnfm::load(const QString &instanceId) const
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    return ctx;
}

bool Vnfm::validVnfName(const QString &name)
{
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9_.-]"));
    return !name.isEmpty() && name.size() <= 64 && !name.contains(bad);
}

Result<> Vnfm::mayRun(LcmOp op, const QString &instanceId) const
{
    const LcmKind &kind = LcmKinds::get(op);
    InstanceRecord r;
    if (!m_instances.get(instanceId, &r))
        return Error::notFound(QStringLiteral("no VNF instance %1").arg(instanceId));
    // One operation at a time: one in flight, or halted in FAILED_TEMP waiting for a decision.
    if (const QString active = m_operations.activeFor(instanceId); !active.isEmpty()) {
        OperationRecord busy;
        m_operations.get(active, &busy);
        return Error::conflict(QStringLiteral("VNF '%1' is busy with %2 (%3, %4%)").arg(r.name, busy.operation, text(busy.state)).arg(busy.progress));
    }
    // What touches the VNF's VIM instances needs the VIM it was made on: after switching clouds
    // a heal would otherwise rebuild it on the other one and leave the old instance running.
    if (kind.onItsVim && r.instantiated() && !r.vimId.isEmpty() && r.vimId != m_vim.id())
        return Error::conflict(QStringLiteral("cannot %1 VNF '%2': it runs on VIM '%3' and the console now uses '%4' — switch back to that cloud "
                                              "(Cloud menu) to %1 it")
                                   .arg(QLatin1String(kind.name), r.name, r.vimId, m_vim.id()));
    if (r.instantiationState != kind.needs)
        return Error::conflict(QStringLiteral("cannot %1 VNF '%2': it is %3 (%1 needs %4)")
                                   .arg(QLatin1String(kind.name), r.name, text(r.instantiationState), text(kind.needs)));
    if (kind.needsVnfState && r.vnfState != *kind.needsVnfState)
        return Error::conflict(QStringLiteral("cannot %1 VNF '%2': it is %3 (%1 needs %4)")
                                   .arg(QLatin1String(kind.name), r.name, text(r.vnfState), text(*kind.needsVnfState)));
    if (kind.needsPlatform && r.instantiated() && r.vimInstanceId.isEmpty())
        return Error::conflict(QStringLiteral("cannot %1 VNF '%2': it has no VIM instance (a heal did not complete); heal it again or "
                                              "terminate it").arg(QLatin1String(kind.name), r.name));
    return {};
}

Result<QString> Vnfm::defaultFlavour(const QString &packageId) const
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p))
        return Error::notFound(QStringLiteral("no package %1").arg(packageId));
    int cpus = 0, mem = 0;
    for (const Vdu &v : p.package.vnfd.defaultFlavour().vdus) {
        cpus = qMax(cpus, v.numCpus);
        mem = qMax(mem, v.memoryMb);
    }
    for (const Flavour &f : m_vim.flavours())
        if (f.cpus >= cpus && f.memoryMb >= mem)
            return f.name;
    return Error::unprocessable(QStringLiteral("no flavour of %1 fits the VDU (%2 vCPU, %3 MB)").arg(m_vim.displayName()).arg(cpus).arg(mem));
}

Result<QString> Vnfm::run(LcmOp op, const QString &instanceId, const QJsonObject &request)
{
    return LcmKinds::get(op).start(*this, instanceId, request);
}

Result<QString> Vnfm::begin(LcmOp op, const QString &instanceId, const QJsonObject &params, QList<Step> steps, Ctx ctx)
{
    const LcmKind &kind = LcmKinds::get(op);
    if (Result<> may = mayRun(op, instanceId); !may)
        return may.error();
    OperationRecord rec;
    rec.id = newId();
    rec.instanceId = instanceId;
    rec.operation = QString::fromLatin1(kind.name);
    rec.state = OpState::Processing;
    rec.stage = QStringLiteral("queued");
    rec.params = params;
    rec.params.insert("vnfInstanceName", ctx->name);   // kept with the occurrence: the log names the VNF after it is deleted
    if (!m_invocation.requestedBy.isEmpty())
        rec.params.insert(QStringLiteral("requestedBy"), m_invocation.requestedBy);
    if (Result<> stored = m_operations.insert(rec); !stored)
        return stored.error();
    for (Step &s : steps)
        if (s.timeoutMs <= 0 && s.mode == task::Task::Mode::Leaf)
            s.timeoutMs = m_opt.stepTimeoutMs;
    auto *run = new LcmOperation(m_operations, rec.id, task::sequence(QString::fromLatin1(kind.name), std::move(steps)), this);
    run->setHaltOnFailure(m_invocation.haltOnFailure);
    m_running.insert(rec.id, run);
    connect(run, &LcmOperation::finished, this, [this, op, ctx](const QString &opId, OpState state, const QString &err) {
        m_running.remove(opId);
        settle(LcmKinds::get(op), ctx, state);
        m_packages.refreshUsage(ctx->packageId);
        Q_EMIT operationFinished(opId, state, err);
        for (const auto &[context, fn] : m_waiters.take(opId))
            if (context)
                fn(state, err);
    });
    run->start();
    return rec.id;
}

// The one place an operation's end is written into the instance's record.
void Vnfm::settle(const LcmKind &kind, const Ctx &ctx, OpState end)
{
    if (end == OpState::Completed) {
        if (kind.becomes)
            ctx->instantiationState = *kind.becomes;
        if (kind.vnfBecomes)
            ctx->vnfState = *kind.vnfBecomes;
        if (kind.op == LcmOp::Terminate) {
            ctx->deployment.scaleStatus = {};
            setNf(ctx->id, NfState::None, QStringLiteral("terminated"));
        }
    } else if (!ctx->instantiated() && !ctx->vimInstanceId.isEmpty()) {
        // A failed instantiation whose rollback could not remove its VIM instance: kept visible
        // (INSTANTIATED, STOPPED) so it can be terminated.
        ctx->instantiationState = InstantiationState::Instantiated;
        ctx->vnfState = VnfState::Stopped;
    } else if (!ctx->instantiated()) {
        setNf(ctx->id, NfState::None, QStringLiteral("not instantiated"));
    } else if (ctx->vimInstanceId.isEmpty()) {
        setNf(ctx->id, NfState::Unreachable, QStringLiteral("%1 did not complete: the VNF has no VIM instance").arg(QLatin1String(kind.name)));
    }
    if (kind.op == LcmOp::Heal)
        resumeFaultAlarms(ctx->id);
    InstanceRecord now;
    if (m_instances.get(ctx->id, &now))   // not after a delete
        save(ctx);
}

void Vnfm::whenFinished(const QString &opId, QObject *context, std::function<void(OpState, const QString &)> fn)
{
    if (!m_running.contains(opId)) {
        OperationRecord r;
        m_operations.get(opId, &r);
        return fn(r.state, r.error);
    }
    m_waiters[opId].append({QPointer<QObject>(context), std::move(fn)});
}

Result<LcmOperation *> Vnfm::haltedOperation(const QString &opId) const
{
    LcmOperation *run = m_running.value(opId);
    if (run && run->halted())
        return run;
    OperationRecord op;
    if (!m_operations.get(opId, &op))
        return Error::notFound(QStringLiteral("no operation occurrence %1").arg(opId));
    return Error::conflict(QStringLiteral("operation occurrence %1 (%2) is %3; only a FAILED_TEMP one can be retried, rolled back or failed")
                               .arg(opId, op.operation, text(op.state)));
}

Result<> Vnfm::retryOperation(const QString &opId)
{
    const Result<LcmOperation *> run = haltedOperation(opId);
    if (!run)
        return run.error();
    (*run)->retry();
    return {};
}

Result<> Vnfm::rollbackOperation(const QString &opId)
{
    const Result<LcmOperation *> run = haltedOperation(opId);
    if (!run)
        return run.error();
    (*run)->rollBack();
    return {};
}

Result<> Vnfm::failOperation(const QString &opId)
{
    const Result<LcmOperation *> run = haltedOperation(opId);
    if (!run)
        return run.error();
    (*run)->fail();
    return {};
}

Result<> Vnfm::cancelOperation(const QString &opId)
{
    LcmOperation *run = m_running.value(opId);
    OperationRecord op;
    if (!m_operations.get(opId, &op))
        return Error::notFound(QStringLiteral("no operation occurrence %1").arg(opId));
    if (!run || (op.state != OpState::Processing && op.state != OpState::Starting && op.state != OpState::FailedTemp))
        return Error::conflict(QStringLiteral("operation occurrence %1 (%2) is %3; only one in progress can be cancelled").arg(opId, op.operation, text(op.state)));
    run->cancel(QStringLiteral("cancelled by %1").arg(m_invocation.requestedBy.isEmpty() ? QStringLiteral("the operator") : m_invocation.requestedBy));
    return {};
}

// ---- steps ---------------------------------------------------------------------------------

Vnfm::Step Vnfm::createVimStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Create VIM instance"), [this, ctx](const Run &run, Done done) {
        if (ctx->platformSecret.isEmpty())   // an instance from before agents were authenticated
            ctx->platformSecret = signing::randomToken(32);
        const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id);   // the instance's flavour, not the package's default
        CreateSpec spec{ctx->name, ctx->flavour, f ? f->vdus.value(0).swImage : QString(),
                        {{"vines.instance", ctx->id}, {"vines.package", ctx->packageId}}, platformUserData(*ctx)};
        if (!m_opt.consoleId.isEmpty())
            spec.tags.insert("vines.console", m_opt.consoleId);
        m_vim.createInstance(spec, run.cancel(), guarded(this, [this, ctx, done](const Result<VimInstance> &r) {
            if (!r)
                return done(r.error());
            ctx->vimInstanceId = r->id;
            ctx->mgmtAddress = QStringLiteral("%1:%2").arg(r->privateAddress).arg(r->managementPort);
            save(ctx);   // recorded at once, so a crash now cannot leak the VIM instance
            done({});
        }));
    }, [this, ctx](const Run &, Done done) {
        if (ctx->vimInstanceId.isEmpty())   // nothing was made (a cancelled create the VIM took back itself)
            return done({});
        m_vim.destroyInstance(ctx->vimInstanceId, guarded(this, [this, ctx, done](const Result<> &r) {
            if (r || r.error().is(Error::Kind::NotFound)) {
                ctx->vimInstanceId.clear();
                ctx->mgmtAddress.clear();
                save(ctx);
                return done({});
            }
            done(r);
        }));
    });
}

Vnfm::Step Vnfm::powerOnStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Power on VIM instance"), [this, ctx](const Run &run, Done done) {
        m_vim.startInstance(ctx->vimInstanceId, run.cancel(), [done](const Result<VimInstance> &r) { done(r); });
    });
}

Vnfm::Step Vnfm::destroyVimStep(Ctx ctx, bool tolerant)
{
    return task::leaf(QStringLiteral("Destroy VIM instance"), [this, ctx, tolerant](const Run &, Done done) {
        if (ctx->vimInstanceId.isEmpty())
            return done({});
        if (ctx->config.value("vines.adopted").toBool()) {   // a platform we took over, not created: leave it
            ctx->vimInstanceId.clear();
            ctx->mgmtAddress.clear();
            save(ctx);
            return done({});
        }
        m_vim.destroyInstance(ctx->vimInstanceId, guarded(this, [this, ctx, done, tolerant](const Result<> &r) {
            if (!r && !tolerant && !r.error().is(Error::Kind::NotFound))
                return done(r);
            ctx->vimInstanceId.clear();
            ctx->mgmtAddress.clear();
            save(ctx);
            done({});
        }));
    });
}

// ---- operations ----------------------------------------------------------------------------

Result<PackageRecord> Vnfm::instantiablePackage(const QString &packageId) const
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p))
        return Error::notFound(QStringLiteral("no package %1 in the catalog").arg(packageId));
    if (p.operationalState != OperationalState::Enabled)
        return Error::conflict(QStringLiteral("package %1 is %2; enable it to instantiate").arg(p.package.vnfd.productName, text(p.operationalState)));
    if (p.package.vnfd.exp.platform != QLatin1String("leaf"))
        return Error::unprocessable(QStringLiteral("package %1 needs VNF execution platform '%2', which %3 cannot provide (it runs Leaf)")
                                        .arg(p.package.vnfd.productName, p.package.vnfd.exp.platform, m_vim.displayName()));
    return p;
}

Result<QString> Vnfm::createInstance(const QString &packageId, const QString &name)
{
    const Result<PackageRecord> p = instantiablePackage(packageId);
    if (!p)
        return p.error();
    const QString vnfName = name.trimmed();
    if (!validVnfName(vnfName))
        return Error::invalid(QStringLiteral("VNF name '%1' must be 1-64 characters of letters, digits, '.', '_' or '-'").arg(name));
    if (m_instances.nameTaken(vnfName))
        return Error::conflict(QStringLiteral("a VNF named '%1' already exists").arg(vnfName));
    // No flavour fits: instantiation says so, with the VIM's flavours.
    const QString flavour = defaultFlavour(packageId).valueOr(QStringLiteral(""));
    InstanceRecord r = newRecord(packageId, vnfName, flavour, p->package.vnfd.exp.config);
    if (Result<> stored = m_instances.insert(r); !stored)
        return stored.error();
    return r.id;
}

Result<QString> Vnfm::instantiateRecord(const QString &instanceId, const QString &flavour, const QJsonObject &config,
                                        const DeploymentState &deployment)
{
    InstanceRecord r;
    if (!m_instances.get(instanceId, &r))
        return Error::notFound(QStringLiteral("no VNF instance %1").arg(instanceId));
    if (Result<> may = mayRun(LcmOp::Instantiate, instanceId); !may)
        return may.error();
    const Result<PackageRecord> p = instantiablePackage(r.packageId);   // still enabled (it may have been disabled since the instance was made)
    if (!p)
        return p.error();
    QString fl = flavour;
    if (fl.isEmpty()) {
        const Result<QString> fitting = defaultFlavour(r.packageId);
        if (!fitting)
            return fitting.error();
        fl = *fitting;
    }
    if (!m_vim.hasFlavour(fl))
        return Error::unprocessable(QStringLiteral("%1 has no flavour '%2'").arg(m_vim.displayName(), fl));
    r.flavour = fl;
    r.config = merged(p->package.vnfd.exp.config, config);
    r.deployment = deployment;
    if (Result<> stored = m_instances.update(r); !stored)
        return stored.error();
    return reinstantiate(r.id);
}

Result<QString> Vnfm::reinstantiate(const QString &instanceId)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    if (!m_instances.get(instanceId, ctx.get()))
        return Error::notFound(QStringLiteral("no VNF instance %1").arg(instanceId));
    if (Result<> may = mayRun(LcmOp::Instantiate, instanceId); !may)
        return may.error();
    setNf(instanceId, NfState::None, QStringLiteral("instantiating"));
    if (const std::optional<DeploymentFlavour> f = deploymentFlavourOf(instanceId)) {   // (re)start at the chosen level
        ctx->deployment.flavourId = f->id;
        ctx->deployment.scaleStatus = f->scaleLevelsAt(ctx->deployment.instantiationLevel);
        save(ctx);
    }
    QList<Step> steps{createVimStep(ctx),  registerStep(ctx),        waitPlatformStep(ctx),
                      installStep(ctx),    configureStep(ctx),       startNfStep(ctx, true),
                      verifyStep(ctx, NfState::Running)};
    const QMap<QString, int> vnfcs = vnfcTarget(instanceId, true);
    if (std::accumulate(vnfcs.begin(), vnfcs.end(), 0) > 1)
        steps.insert(1, vnfcStep(ctx, vnfcs, QStringLiteral("Create VNFC instances of level %1").arg(ctx->deployment.instantiationLevel)));
    return begin(LcmOp::Instantiate, instanceId,
                 QJsonObject{{"flavour", ctx->flavour}, {"flavourId", ctx->deployment.flavourId},
                             {"instantiationLevelId", ctx->deployment.instantiationLevel}, {"config", ctx->config}},
                 steps, ctx);
}

// A new, not yet instantiated VNF instance record on this VNFM's VIM.
InstanceRecord Vnfm::newRecord(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config) const
{
    InstanceRecord r;
    r.id = newId();
    r.name = name;
    r.packageId = packageId;
    r.vimId = m_vim.id();
    r.instantiationState = InstantiationState::NotInstantiated;
    r.vnfState = VnfState::Stopped;
    r.flavour = flavour;
    r.config = config;
    r.platformSecret = signing::randomToken(32);   // the platform agent verifies every request with it
    return r;
}

Result<LcmStarted> Vnfm::adoptPlatform(const QString &packageId, const QString &name, const VimInstance &platform)
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p))
        return Error::notFound(QStringLiteral("no package %1 in the catalog").arg(packageId));
    if (m_instances.nameTaken(name))
        return Error::conflict(QStringLiteral("a VNF named '%1' already exists").arg(name));
    QJsonObject config = p.package.vnfd.exp.config;
    config.insert("vines.adopted", true);   // the platform is not ours to destroy
    InstanceRecord r = newRecord(packageId, name, platform.flavour.isEmpty() ? QStringLiteral("platform") : platform.flavour, config);
    r.vimInstanceId = platform.id;
    r.mgmtAddress = QStringLiteral("%1:%2").arg(platform.privateAddress).arg(platform.managementPort);
    r.platformSecret = platform.platformSecret;   // the agent was set up with the VIM's secret, not ours
    if (r.platformSecret.isEmpty())
        return Error::unprocessable(QStringLiteral("%1 does not know the agent secret of the platform %2 to adopt").arg(m_vim.displayName(), platform.id));
    if (Result<> stored = m_instances.insert(r); !stored)
        return stored.error();
    Ctx ctx = std::make_shared<InstanceRecord>(r);
    const Result<QString> op = begin(LcmOp::Instantiate, r.id, QJsonObject{{"adopted", platform.id}},
                                     {registerStep(ctx), waitPlatformStep(ctx), takeOverStep(ctx), installStep(ctx), configureStep(ctx),
                                      startNfStep(ctx, true), verifyStep(ctx, NfState::Running)},
                                     ctx);
    if (!op) {
        (void)m_instances.remove(r.id);
        return op.error();
    }
    return LcmStarted{*op, r.id};
}

Result<QString> Vnfm::start(const QString &instanceId)
{
    Ctx ctx = load(instanceId);
    return begin(LcmOp::Start, instanceId, {}, {powerOnStep(ctx), waitPlatformStep(ctx), startNfStep(ctx, false), verifyStep(ctx, NfState::Running)}, ctx);
}

Result<QString> Vnfm::stop(const QString &instanceId)
{
    Ctx ctx = load(instanceId);
    return begin(LcmOp::Stop, instanceId, {}, {stopNfStep(ctx, false), verifyStep(ctx, NfState::Stopped)}, ctx);
}

Result<QString> Vnfm::restart(const QString &instanceId)
{
    Ctx ctx = load(instanceId);
    return begin(LcmOp::Restart, instanceId, {}, {restartNfStep(ctx), verifyStep(ctx, NfState::Running)}, ctx);
}

Result<QString> Vnfm::scale(const QString &instanceId, const QString &flavour)
{
    Ctx ctx = load(instanceId);
    if (!m_vim.hasFlavour(flavour))
        return Error::unprocessable(QStringLiteral("%1 has no flavour '%2'").arg(m_vim.displayName(), flavour));
    if (ctx->flavour == flavour && mayRun(LcmOp::Scale, instanceId))
        return Error::conflict(QStringLiteral("VNF '%1' already has flavour %2").arg(ctx->name, flavour));
    const QString from = ctx->flavour;
    const bool wasStarted = ctx->vnfState == VnfState::Started;
    auto change = [this, ctx](const QString &to, const CancelToken &cancel, Done done) {
        m_vim.scaleInstance(ctx->vimInstanceId, to, cancel, guarded(this, [this, ctx, to, done](const Result<VimInstance> &r) {
            if (r) {
                ctx->flavour = to;
                save(ctx);
            }
            done(r);
        }));
    };
    Step step = task::leaf(QStringLiteral("Change compute flavour %1 → %2").arg(from, flavour),
                           [change, flavour](const Run &run, Done done) { change(flavour, run.cancel(), done); },
                           [change, from](const Run &run, Done done) { change(from, run.cancel(), done); });
    QList<Step> steps{step, waitPlatformStep(ctx)};
    if (wasStarted)
        steps << verifyStep(ctx, NfState::Running);
    return begin(LcmOp::Scale, instanceId, QJsonObject{{"from", from}, {"to", flavour}}, steps, ctx);
}

Result<QString> Vnfm::heal(const QString &instanceId, const QString &cause)
{
    Ctx ctx = load(instanceId);
    const bool wasStarted = ctx->vnfState == VnfState::Started;
    // Heal has nothing to roll back to (the old instance is gone): what it makes stays when a
    // later step fails, but a server the VIM makes after the step gave up is still undone.
    Step create = createVimStep(ctx);
    create.keepOnRollback = true;
    // The platform is down on purpose while it is rebuilt: the EMS holds its fault alarms for this
    // VNF meanwhile (no VNF_UNREACHABLE raised and cleared within the heal) and resumes them after,
    // whatever the outcome (settle). The VNF stays known to the EMS while it is repaired.
    QList<Step> steps{holdFaultAlarmsStep(ctx), destroyVimStep(ctx, true), create, registerStep(ctx, false), waitPlatformStep(ctx),
                      installStep(ctx), configureStep(ctx)};
    if (wasStarted)
        steps << startNfStep(ctx, false) << verifyStep(ctx, NfState::Running);
    QJsonObject params;
    if (!cause.isEmpty())
        params.insert("cause", cause);
    return begin(LcmOp::Heal, instanceId, params, steps, ctx);
}

Result<QString> Vnfm::configure(const QString &instanceId, const QJsonObject &changes)
{
    Ctx ctx = load(instanceId);
    const QJsonObject before = ctx->config;
    const QJsonObject after = merged(before, changes);
    auto push = [this, ctx](const QJsonObject &config, const Run &run, Done done) {
        m_ems.configure(ctx->id, config, guarded(this, [this, ctx, config, done](const HttpResult &r) {
            if (r) {
                ctx->config = config;
                save(ctx);
            }
            done(r);
        })).abortOn(run.cancel());
    };
    Step s = task::leaf(QStringLiteral("Push configuration to the NF (via EMS)"),
                        [push, after](const Run &run, Done done) { push(after, run, done); },
                        [push, before](const Run &run, Done done) { push(before, run, done); });
    return begin(LcmOp::Configure, instanceId, QJsonObject{{"changes", changes}}, {s}, ctx);
}

// A new platform secret: the agent takes it (through the EMS, signed with the old one), then the
// EMS and this record keep it. A failure leaves the old secret in use everywhere.
Result<QString> Vnfm::rotateCredentials(const QString &instanceId)
{
    Ctx ctx = load(instanceId);
    Step s = task::leaf(QStringLiteral("Give the platform agent a new secret (via EMS)"), [this, ctx](const Run &, Done done) {
        const QByteArray secret = signing::randomToken(32);
        m_ems.rotatePlatformSecret(ctx->id, secret, guarded(this, [this, ctx, secret, done](const HttpResult &r) {
            if (r) {
                ctx->platformSecret = secret;
                save(ctx);
            }
            done(r);
        }));
    });
    return begin(LcmOp::RotateCredentials, instanceId, {}, {s}, ctx);
}

Result<QString> Vnfm::changePackage(const QString &instanceId, const QJsonObject &request)
{
    Ctx ctx = load(instanceId);
    const QString vnfdId = request.value("vnfdId").toString();
    // The newest enabled package of that VNFD that runs on Leaf.
    PackageRecord to;
    bool found = false;
    for (const PackageRecord &p : m_packages.list())
        if (p.package.vnfd.descriptorId == vnfdId && p.operationalState == OperationalState::Enabled && (!found || p.createdAt > to.createdAt)) {
            to = p;
            found = true;
        }
    if (!found)
        return Error::unprocessable(QStringLiteral("field 'vnfdId': no enabled VNF package has VNFD %1").arg(vnfdId));
    if (to.id == ctx->packageId)
        return Error::conflict(QStringLiteral("VNF '%1' already runs package %2 (VNFD %3)").arg(ctx->name, to.package.vnfd.productName, vnfdId));
    if (const Result<PackageRecord> ok = instantiablePackage(to.id); !ok)
        return ok.error();
    PackageRecord from;
    m_packages.get(ctx->packageId, &from);
    // Its configuration: the new package's defaults under what the instance itself changed.
    QJsonObject own;
    for (auto it = ctx->config.begin(); it != ctx->config.end(); ++it)
        if (from.package.vnfd.exp.config.value(it.key()) != it.value())
            own.insert(it.key(), it.value());
    const QJsonObject newConfig = merged(merged(to.package.vnfd.exp.config, own), request.value("additionalParams").toObject().value("config").toObject());
    const QString oldPackage = ctx->packageId;
    const QJsonObject oldConfig = ctx->config;
    const QString newPackage = to.id;
    // The steps read the package to install from the record: switched first, switched back on rollback.
    Step record = task::leaf(QStringLiteral("Record the new package %1 %2").arg(to.package.vnfd.productName, to.package.vnfd.descriptorVersion),
                             [this, ctx, newPackage, newConfig](const Run &, Done done) {
                                 ctx->packageId = newPackage;
                                 ctx->config = newConfig;
                                 save(ctx);
                                 done({});
                             },
                             // Back to the old package: recorded, and its NF installed and configured again
                             // (whatever of the new one's install got onto the platform is replaced).
                             [this, ctx, oldPackage, oldConfig](const Run &run, Done done) {
                                 ctx->packageId = oldPackage;
                                 ctx->config = oldConfig;
                                 save(ctx);
                                 installStep(ctx).start(run, [this, ctx, run, done](const Result<> &r) {
                                     if (!r)
                                         return done(r);
                                     configureStep(ctx).start(run, done);
                                 });
                             });
    // Undone in reverse: the old package's NF installed and configured again, and started if it ran.
    const bool wasStarted = ctx->vnfState == VnfState::Started;
    Step stop = stopNfStep(ctx, true);
    stop.undo = [this, ctx, wasStarted](const Run &run, Done done) {
        if (!wasStarted)
            return done({});
        m_ems.nfAction(ctx->id, "start", guarded(this, [done](const HttpResult &r) { done(r); })).abortOn(run.cancel());
    };
    QList<Step> steps{stop, record, installStep(ctx), configureStep(ctx)};
    if (wasStarted)
        steps << startNfStep(ctx, true) << verifyStep(ctx, NfState::Running);
    return begin(LcmOp::ChangeVnfpkg, instanceId,
                 QJsonObject{{"vnfdId", vnfdId}, {"fromPackageId", oldPackage}, {"toPackageId", newPackage},
                             {"fromVersion", from.package.vnfd.descriptorVersion}, {"toVersion", to.package.vnfd.descriptorVersion}},
                 steps, ctx);
}

QByteArray Vnfm::platformUserData(const InstanceRecord &r) const
{
    return r.platformSecret.isEmpty() ? QByteArray() : "VINES_LEAF_SECRET=" + r.platformSecret + "\n";
}

Result<QString> Vnfm::terminate(const QString &instanceId, const TerminateRequest &request)
{
    Ctx ctx = load(instanceId);
    Step release = task::leaf(QStringLiteral("Release public address"), [this, ctx](const Run &, Done done) {
        if (ctx->publicAddress.isEmpty())
            return done({});
        m_vim.releasePublicAddress(ctx->publicAddress, guarded(this, [this, ctx, done](const Result<> &) {
            ctx->publicAddress.clear();
            (void)m_instances.setPublicAddress(ctx->id, {});
            done({});
        }));
    });
    QList<Step> steps{deregisterStep(ctx), destroyVimStep(ctx, false), release};
    if (request.graceful)
        steps.prepend(stopNfStep(ctx, true, request.gracefulTimeoutS > 0 ? request.gracefulTimeoutS * 1000 : 0));
    if (!ctx->deployment.extraVnfcs.isEmpty()) {
        Step vnfcs = vnfcStep(ctx, vnfcTarget(instanceId, false), QStringLiteral("Destroy the extra VNFC instances"));
        vnfcs.keepOnRollback = true;   // terminate does not bring them back
        steps.insert(int(steps.size()) - 2, vnfcs);
    }
    return begin(LcmOp::Terminate, instanceId, QJsonObject{{"terminationType", request.graceful ? "GRACEFUL" : "FORCEFUL"}}, steps, ctx);
}

Result<> Vnfm::deleteInstance(const QString &instanceId)
{
    if (Result<> may = mayRun(LcmOp::Delete, instanceId); !may)
        return may;
    InstanceRecord r;
    m_instances.get(instanceId, &r);
    if (Result<> removed = m_instances.remove(instanceId); !removed)
        return removed;
    m_nf.remove(instanceId);
    m_packages.refreshUsage(r.packageId);
    return {};
}

// ---- supervision ---------------------------------------------------------------------------

void Vnfm::poll()
{
    // One request for all VNFs: the EMS monitors them, we read what it saw.
    m_ems.listVnfs(guarded(this, [this](const HttpResult &reply) {
        const auto busy = m_operations.activeByInstance();
        QHash<QString, QJsonObject> known;
        if (reply)
            for (const auto &v : reply->json.toArray())
                known.insert(v.toObject().value("vnfInstanceId").toString(), v.toObject());
        for (const InstanceRecord &r : m_instances.listSummaries()) {
            if (!r.instantiated() || r.mgmtAddress.isEmpty() || busy.contains(r.id))
                continue;
            if (!reply) {
                setNf(r.id, NfState::Unknown, QStringLiteral("EMS unavailable: %1").arg(reply.errorMessage()));
                continue;
            }
            if (!known.contains(r.id)) {
                InstanceRecord full;   // the EMS lost or never had it (e.g. a fresh EMS database): register it again
                if (m_instances.get(r.id, &full))
                    adopt(full);
                continue;
            }
            const QJsonObject m = known.value(r.id).value("monitoring").toObject();
            setNf(r.id, fromText(m.value("nfState").toString("unknown"), NfState::Unknown), m.value("lastError").toString(),
                  NfStatus::dataPathFromName(m.value("dataPath").toString()), m.value("dataPathNote").toString());
        }
    }));
}

// Occurrences a previous run left unfinished end FAILED, and each instance's record is brought in
// line with what its VIM instance says runs: an instantiation cut short that made a VIM instance
// is INSTANTIATED and STOPPED (it can be terminated or healed), one that made none stays
// NOT_INSTANTIATED; a terminate cut short after its VIM instance went is NOT_INSTANTIATED.
QStringList Vnfm::recover()
{
    QStringList report;
    for (const OperationRecord &op : m_operations.unfinished()) {
        (void)m_operations.setState(op.id, OpState::Failed, QStringLiteral("interrupted: the console stopped during this operation (it was %1 at '%2')")
                                                            .arg(text(op.state), op.stage));
        InstanceRecord r;
        if (!m_instances.get(op.instanceId, &r)) {
            if (!LcmKinds::byName(op.operation))
                continue;   // a network service's: the NFVO's recovery tells
            report << QStringLiteral("operation %1 was interrupted and is now FAILED").arg(op.operation);
            continue;
        }
        const LcmKind *kind = LcmKinds::byName(op.operation);
        if (kind && kind->op == LcmOp::Instantiate && !r.instantiated() && !r.vimInstanceId.isEmpty()) {
            r.instantiationState = InstantiationState::Instantiated;
            r.vnfState = VnfState::Stopped;
        } else if (kind && kind->op == LcmOp::Terminate && r.vimInstanceId.isEmpty()) {
            r.instantiationState = InstantiationState::NotInstantiated;
            r.vnfState = VnfState::Stopped;
        }
        (void)m_instances.update(r);
        report << QStringLiteral("operation %1 on %2 was interrupted and is now FAILED").arg(op.operation, r.name);
    }
    // VIM instances tagged by us that no VNF instance owns any more are leaks: remove them.
    QSet<QString> owned;
    for (const InstanceRecord &r : m_instances.list()) {
        if (!r.vimInstanceId.isEmpty())
            owned.insert(r.vimInstanceId);
        for (const VnfcRecord &v : r.deployment.extraVnfcs)
            owned.insert(v.vimInstanceId);
    }
    m_vim.listInstances(guarded(this, [this, owned](const Result<QList<VimInstance>> &r) {
        if (!r)
            return;
        for (const VimInstance &vi : *r)
            // Ours (tagged by this console, or untagged by console from before console ids) and owned by no VNF: a leak.
            if (vi.tags.contains("vines.instance") && !owned.contains(vi.id)
                && (m_opt.consoleId.isEmpty() || vi.tags.value("vines.console", m_opt.consoleId) == m_opt.consoleId))
                m_vim.destroyInstance(vi.id, [](const Result<> &) {});
    }));
    return report;
}

} // namespace vines
