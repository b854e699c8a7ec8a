#include "Vnfm.h"
#include "net/RequestSigning.h"
#include "LcmOperation.h"
#include "ems/EmsClient.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "util/Guarded.h"
#include "vim/Vim.h"
#include <QJsonArray>
#include <numeric>

namespace vines {

namespace {

QJsonObject merged(QJsonObject base, const QJsonObject &over)
{
    for (auto it = over.begin(); it != over.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

struct Rule { const char *op; const char *needInstantiation; const char *needVnfState; };
const Rule kRules[] = {
    {"INSTANTIATE", "NOT_INSTANTIATED", nullptr},
    {"START", "INSTANTIATED", "STOPPED"},
    {"STOP", "INSTANTIATED", "STARTED"},
    {"RESTART", "INSTANTIATED", "STARTED"},
    {"SCALE", "INSTANTIATED", nullptr},
    {"HEAL", "INSTANTIATED", nullptr},
    {"CONFIGURE", "INSTANTIATED", nullptr},
    {"ROTATE_CREDENTIALS", "INSTANTIATED", nullptr},
    {"TERMINATE", "INSTANTIATED", nullptr},
    {"DELETE", "NOT_INSTANTIATED", nullptr},
};

} // namespace

Vnfm::Vnfm(PackageCatalog &packages, InstanceStore &instances, OperationStore &operations, Vim &vim, EmsClient &ems, QObject *parent)
    : QObject(parent), m_packages(packages), m_instances(instances), m_operations(operations), m_vim(vim), m_ems(ems)
{
    connect(&m_poll, &QTimer::timeout, this, &Vnfm::poll);
    m_poll.start(m_opt.pollIntervalMs);
    connect(&m_vim, &Vim::instanceStateChanged, this, [this](const QString &vimId, const QString &state, const QString &reason) {
        for (const InstanceRecord &r : m_instances.listSummaries())
            if (r.vimInstanceId == vimId)
                setNf(r.id, QStringLiteral("unreachable"), QStringLiteral("VIM instance %1: %2").arg(state, reason));
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
        setNf(instanceId, state, detail);
}

void Vnfm::setNf(const QString &id, const QString &state, const QString &detail, NfStatus::DataPath dataPath, const QString &dataPathNote)
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

void Vnfm::save(const Ctx &ctx) { m_instances.update(*ctx); }

bool Vnfm::validVnfName(const QString &name)
{
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9_.-]"));
    return !name.isEmpty() && name.size() <= 64 && !name.contains(bad);
}

QString Vnfm::whyNot(const QString &operation, const QString &instanceId) const
{
    InstanceRecord r;
    if (!m_instances.get(instanceId, &r))
        return QStringLiteral("no VNF instance %1").arg(instanceId);
    const QString active = m_operations.activeFor(instanceId);
    if (!active.isEmpty()) {
        OperationRecord op;
        m_operations.get(active, &op);
        return QStringLiteral("VNF '%1' is busy with %2 (%3%)").arg(r.name, op.operation).arg(op.progress);
    }
    // What touches the VNF's VIM instances needs the VIM it was made on: after switching clouds
    // a heal would otherwise rebuild it on the other one and leave the old instance running.
    static const QStringList kOnItsVim{QStringLiteral("HEAL"), QStringLiteral("SCALE"), QStringLiteral("TERMINATE")};
    if (kOnItsVim.contains(operation) && r.instantiated() && !r.vimId.isEmpty() && r.vimId != m_vim.id())
        return QStringLiteral("cannot %1 VNF '%2': it runs on VIM '%3' and the console now uses '%4' — switch back to that cloud "
                              "(Cloud menu) to %1 it")
            .arg(operation, r.name, r.vimId, m_vim.id());
    for (const Rule &rule : kRules) {
        if (operation != QLatin1String(rule.op))
            continue;
        if (r.instantiationState != QLatin1String(rule.needInstantiation))
            return QStringLiteral("cannot %1 VNF '%2': it is %3 (%1 needs %4)")
                .arg(operation, r.name, r.instantiationState, QLatin1String(rule.needInstantiation));
        if (rule.needVnfState && r.vnfState != QLatin1String(rule.needVnfState))
            return QStringLiteral("cannot %1 VNF '%2': it is %3 (%1 needs %4)")
                .arg(operation, r.name, r.vnfState, QLatin1String(rule.needVnfState));
        return {};
    }
    return QStringLiteral("unknown operation %1").arg(operation);
}

QString Vnfm::defaultFlavour(const QString &packageId, QString *error) const
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p)) {
        *error = QStringLiteral("no package %1").arg(packageId);
        return {};
    }
    int cpus = 0, mem = 0;
    for (const Vdu &v : p.package.vnfd.defaultFlavour().vdus) {
        cpus = qMax(cpus, v.numCpus);
        mem = qMax(mem, v.memoryMb);
    }
    for (const Flavour &f : m_vim.flavours())
        if (f.cpus >= cpus && f.memoryMb >= mem)
            return f.name;
    *error = QStringLiteral("no flavour of %1 fits the VDU (%2 vCPU, %3 MB)").arg(m_vim.displayName()).arg(cpus).arg(mem);
    return {};
}

QString Vnfm::begin(const QString &operation, const QString &instanceId, const QJsonObject &params, QList<LcmStep> steps,
                    Ctx ctx, std::function<void(const QString &)> onFinish, QString *error)
{
    const QString why = whyNot(operation, instanceId);
    if (!why.isEmpty()) {
        *error = why;
        return {};
    }
    OperationRecord op;
    op.id = newId();
    op.instanceId = instanceId;
    op.operation = operation;
    op.state = OpState::Processing;
    op.stage = QStringLiteral("queued");
    op.params = params;
    if (!m_invocation.requestedBy.isEmpty())
        op.params.insert(QStringLiteral("requestedBy"), m_invocation.requestedBy);
    if (!m_operations.insert(op, error))
        return {};
    for (LcmStep &s : steps)
        if (s.timeoutMs <= 0)
            s.timeoutMs = m_opt.stepTimeoutMs;
    auto *run = new LcmOperation(m_operations, op.id, std::move(steps), this);
    run->setHaltOnFailure(m_invocation.haltOnFailure);
    m_running.insert(op.id, run);
    connect(run, &LcmOperation::finished, this, [this, ctx, onFinish](const QString &opId, const QString &state, const QString &err) {
        m_running.remove(opId);
        onFinish(state);
        m_packages.refreshUsage(ctx->packageId);
        Q_EMIT operationFinished(opId, state, err);
    });
    run->start();
    return op.id;
}

LcmOperation *Vnfm::haltedOperation(const QString &opId, QString *error) const
{
    LcmOperation *run = m_running.value(opId);
    if (run && run->halted())
        return run;
    OperationRecord op;
    if (!m_operations.get(opId, &op))
        *error = QStringLiteral("no operation occurrence %1").arg(opId);
    else
        *error = QStringLiteral("operation occurrence %1 (%2) is %3; only a FAILED_TEMP one can be retried, rolled back or failed")
                     .arg(opId, op.operation, op.state);
    return nullptr;
}

bool Vnfm::retryOperation(const QString &opId, QString *error)
{
    LcmOperation *run = haltedOperation(opId, error);
    return run && run->retry();
}

bool Vnfm::rollbackOperation(const QString &opId, QString *error)
{
    LcmOperation *run = haltedOperation(opId, error);
    return run && run->rollBack();
}

bool Vnfm::failOperation(const QString &opId, QString *error)
{
    LcmOperation *run = haltedOperation(opId, error);
    return run && run->fail();
}

// ---- steps ---------------------------------------------------------------------------------

LcmStep Vnfm::createVimStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Create VIM instance");
    s.run = [this, ctx](StepDone done) {
        if (ctx->platformSecret.isEmpty())   // an instance from before agents were authenticated
            ctx->platformSecret = signing::randomToken(32);
        const std::optional<DeploymentFlavour> f = deploymentFlavourOf(ctx->id);   // the instance's flavour, not the package's default
        CreateSpec spec{ctx->name, ctx->flavour, f ? f->vdus.value(0).swImage : QString(),
                        {{"vines.instance", ctx->id}, {"vines.package", ctx->packageId}}, platformUserData(*ctx)};
        if (!m_opt.consoleId.isEmpty())
            spec.tags.insert("vines.console", m_opt.consoleId);
        m_vim.createInstance(spec, guarded(this, [this, ctx, done](const VimResult<VimInstance> &r) {
            if (!r.ok)
                return done(false, r.error);
            ctx->vimInstanceId = r.value.id;
            ctx->mgmtAddress = QStringLiteral("%1:%2").arg(r.value.privateAddress).arg(r.value.managementPort);
            save(ctx);   // recorded at once, so a crash now cannot leak the VIM instance
            done(true, {});
        }));
    };
    s.undo = [this, ctx](StepDone done) {
        m_vim.destroyInstance(ctx->vimInstanceId, guarded(this, [this, ctx, done](const VimResult<Done> &r) {
            if (r.ok) {
                ctx->vimInstanceId.clear();
                ctx->mgmtAddress.clear();
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    return s;
}

LcmStep Vnfm::powerOnStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Power on VIM instance");
    s.run = [this, ctx](StepDone done) {
        m_vim.startInstance(ctx->vimInstanceId, [done](const VimResult<VimInstance> &r) { done(r.ok, r.error); });
    };
    return s;
}

LcmStep Vnfm::destroyVimStep(Ctx ctx, bool tolerant)
{
    LcmStep s;
    s.name = QStringLiteral("Destroy VIM instance");
    s.run = [this, ctx, tolerant](StepDone done) {
        if (ctx->vimInstanceId.isEmpty())
            return done(true, {});
        if (ctx->config.value("vines.adopted").toBool()) {   // a platform we took over, not created: leave it
            ctx->vimInstanceId.clear();
            ctx->mgmtAddress.clear();
            save(ctx);
            return done(true, {});
        }
        m_vim.destroyInstance(ctx->vimInstanceId, guarded(this, [this, ctx, done, tolerant](const VimResult<Done> &r) {
            if (!r.ok && !tolerant)
                return done(false, r.error);
            ctx->vimInstanceId.clear();
            ctx->mgmtAddress.clear();
            save(ctx);
            done(true, {});
        }));
    };
    return s;
}

// ---- operations ----------------------------------------------------------------------------

QString Vnfm::instantiate(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config,
                          QString *error, QString *instanceId)
{
    return instantiate(InstantiateRequest{packageId, name, flavour, {}, {}, config}, error, instanceId);
}

bool Vnfm::instantiablePackage(const QString &packageId, PackageRecord *p, QString *error) const
{
    if (!m_packages.get(packageId, p)) {
        *error = QStringLiteral("no package %1 in the catalog").arg(packageId);
        return false;
    }
    if (p->operationalState != PackageState::Enabled) {
        *error = QStringLiteral("package %1 is %2; enable it to instantiate").arg(p->package.vnfd.productName, p->operationalState);
        return false;
    }
    if (p->package.vnfd.exp.platform != QLatin1String("leaf")) {
        *error = QStringLiteral("package %1 needs VNF execution platform '%2', which %3 cannot provide (it runs Leaf)")
                     .arg(p->package.vnfd.productName, p->package.vnfd.exp.platform, m_vim.displayName());
        return false;
    }
    return true;
}

QString Vnfm::createInstance(const QString &packageId, const QString &name, QString *error)
{
    PackageRecord p;
    if (!instantiablePackage(packageId, &p, error))
        return {};
    const QString vnfName = name.trimmed();
    if (!validVnfName(vnfName)) {
        *error = QStringLiteral("VNF name '%1' must be 1-64 characters of letters, digits, '.', '_' or '-'").arg(name);
        return {};
    }
    if (m_instances.nameTaken(vnfName)) {
        *error = QStringLiteral("a VNF named '%1' already exists").arg(vnfName);
        return {};
    }
    QString ignored;   // no flavour fits: instantiation says so, with the VIM's flavours
    const QString flavour = defaultFlavour(packageId, &ignored);
    InstanceRecord r = newRecord(packageId, vnfName, flavour.isNull() ? QStringLiteral("") : flavour, p.package.vnfd.exp.config);
    if (!m_instances.insert(r, error))
        return {};
    return r.id;
}

QString Vnfm::instantiateRecord(const QString &instanceId, const QString &flavour, const QJsonObject &config,
                                const DeploymentState &deployment, QString *error)
{
    InstanceRecord r;
    if (!m_instances.get(instanceId, &r)) {
        *error = QStringLiteral("no VNF instance %1").arg(instanceId);
        return {};
    }
    if (const QString why = whyNot(QStringLiteral("INSTANTIATE"), instanceId); !why.isEmpty()) {
        *error = why;
        return {};
    }
    PackageRecord p;   // still enabled (it may have been disabled since the instance was made)
    if (!instantiablePackage(r.packageId, &p, error))
        return {};
    QString fl = flavour;
    if (fl.isEmpty() && (fl = defaultFlavour(r.packageId, error)).isEmpty())
        return {};
    if (!m_vim.hasFlavour(fl)) {
        *error = QStringLiteral("%1 has no flavour '%2'").arg(m_vim.displayName(), fl);
        return {};
    }
    r.flavour = fl;
    r.config = merged(p.package.vnfd.exp.config, config);
    r.deployment = deployment;
    if (!m_instances.update(r, error))
        return {};
    return reinstantiate(r.id, error);
}

QString Vnfm::reinstantiate(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    if (!m_instances.get(instanceId, ctx.get())) {
        *error = QStringLiteral("no VNF instance %1").arg(instanceId);
        return {};
    }
    setNf(instanceId, QStringLiteral("none"), QStringLiteral("instantiating"));
    if (const std::optional<DeploymentFlavour> f = deploymentFlavourOf(instanceId)) {   // (re)start at the chosen level
        ctx->deployment.flavourId = f->id;
        ctx->deployment.scaleStatus = f->scaleLevelsAt(ctx->deployment.instantiationLevel);
        save(ctx);
    }
    QList<LcmStep> steps{createVimStep(ctx), registerStep(ctx), waitPlatformStep(ctx), installStep(ctx), configureStep(ctx),
                         startNfStep(ctx, true), verifyStep(ctx, QStringLiteral("running"))};
    const QMap<QString, int> vnfcs = vnfcTarget(instanceId, true);
    if (std::accumulate(vnfcs.begin(), vnfcs.end(), 0) > 1)
        steps.insert(1, vnfcStep(ctx, vnfcs, QStringLiteral("Create VNFC instances of level %1").arg(ctx->deployment.instantiationLevel)));
    return begin("INSTANTIATE", instanceId,
                 QJsonObject{{"flavour", ctx->flavour}, {"flavourId", ctx->deployment.flavourId},
                             {"instantiationLevelId", ctx->deployment.instantiationLevel}, {"config", ctx->config}}, steps, ctx,
                 [this, ctx](const QString &state) {
                     if (state == OpState::Completed) {
                         ctx->instantiationState = InstanceState::Instantiated;
                         ctx->vnfState = InstanceState::Started;
                     } else if (!ctx->vimInstanceId.isEmpty()) {
                         // Rollback could not remove the VIM instance: keep it visible so it can be terminated.
                         ctx->instantiationState = InstanceState::Instantiated;
                         ctx->vnfState = InstanceState::Stopped;
                     } else {
                         setNf(ctx->id, QStringLiteral("none"), QStringLiteral("not instantiated"));
                     }
                     save(ctx);
                 }, error);
}

// A new, not yet instantiated VNF instance record on this VNFM's VIM.
InstanceRecord Vnfm::newRecord(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config) const
{
    InstanceRecord r;
    r.id = newId();
    r.name = name;
    r.packageId = packageId;
    r.vimId = m_vim.id();
    r.instantiationState = InstanceState::NotInstantiated;
    r.vnfState = InstanceState::Stopped;
    r.flavour = flavour;
    r.config = config;
    r.platformSecret = signing::randomToken(32);   // the platform agent verifies every request with it
    return r;
}

QString Vnfm::adoptPlatform(const QString &packageId, const QString &name, const VimInstance &platform, QString *error, QString *instanceId)
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p)) {
        *error = QStringLiteral("no package %1 in the catalog").arg(packageId);
        return {};
    }
    if (m_instances.nameTaken(name)) {
        *error = QStringLiteral("a VNF named '%1' already exists").arg(name);
        return {};
    }
    QJsonObject config = p.package.vnfd.exp.config;
    config.insert("vines.adopted", true);   // the platform is not ours to destroy
    InstanceRecord r = newRecord(packageId, name, platform.flavour.isEmpty() ? QStringLiteral("platform") : platform.flavour, config);
    r.vimInstanceId = platform.id;
    r.mgmtAddress = QStringLiteral("%1:%2").arg(platform.privateAddress).arg(platform.managementPort);
    r.platformSecret = platform.platformSecret;   // the agent was set up with the VIM's secret, not ours
    if (r.platformSecret.isEmpty()) {
        *error = QStringLiteral("%1 does not know the agent secret of the platform %2 to adopt").arg(m_vim.displayName(), platform.id);
        return {};
    }
    if (!m_instances.insert(r, error))
        return {};
    if (instanceId)
        *instanceId = r.id;
    Ctx ctx = std::make_shared<InstanceRecord>(r);
    const QString op = begin("INSTANTIATE", r.id, QJsonObject{{"adopted", platform.id}},
                             {registerStep(ctx), waitPlatformStep(ctx), takeOverStep(ctx), installStep(ctx), configureStep(ctx), startNfStep(ctx, true),
                              verifyStep(ctx, QStringLiteral("running"))},
                             ctx, [this, ctx](const QString &state) {
                                 if (state == OpState::Completed) {
                                     ctx->instantiationState = InstanceState::Instantiated;
                                     ctx->vnfState = InstanceState::Started;
                                     save(ctx);
                                 }
                             }, error);
    if (op.isEmpty())
        m_instances.remove(r.id, nullptr);
    return op;
}

QString Vnfm::start(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    QList<LcmStep> steps{powerOnStep(ctx), waitPlatformStep(ctx), startNfStep(ctx, false), verifyStep(ctx, "running")};
    return begin("START", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        if (state == OpState::Completed) {
            ctx->vnfState = InstanceState::Started;
            save(ctx);
        }
    }, error);
}

QString Vnfm::stop(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    QList<LcmStep> steps{stopNfStep(ctx, false), verifyStep(ctx, "stopped")};
    return begin("STOP", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        if (state == OpState::Completed) {
            ctx->vnfState = InstanceState::Stopped;
            save(ctx);
        }
    }, error);
}

QString Vnfm::restart(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    return begin("RESTART", instanceId, {}, {restartNfStep(ctx), verifyStep(ctx, "running")}, ctx, [](const QString &) {}, error);
}

QString Vnfm::scale(const QString &instanceId, const QString &flavour, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    if (!m_vim.hasFlavour(flavour)) {
        *error = QStringLiteral("%1 has no flavour '%2'").arg(m_vim.displayName(), flavour);
        return {};
    }
    if (ctx->flavour == flavour && whyNot("SCALE", instanceId).isEmpty()) {
        *error = QStringLiteral("VNF '%1' already has flavour %2").arg(ctx->name, flavour);
        return {};
    }
    const QString from = ctx->flavour;
    const bool wasStarted = ctx->vnfState == InstanceState::Started;
    LcmStep change;
    change.name = QStringLiteral("Change compute flavour %1 → %2").arg(from, flavour);
    change.run = [this, ctx, flavour](StepDone done) {
        m_vim.scaleInstance(ctx->vimInstanceId, flavour, guarded(this, [this, ctx, flavour, done](const VimResult<VimInstance> &r) {
            if (r.ok) {
                ctx->flavour = flavour;
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    change.undo = [this, ctx, from](StepDone done) {
        m_vim.scaleInstance(ctx->vimInstanceId, from, guarded(this, [this, ctx, from, done](const VimResult<VimInstance> &r) {
            if (r.ok) {
                ctx->flavour = from;
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    QList<LcmStep> steps{change, waitPlatformStep(ctx)};
    if (wasStarted)
        steps << verifyStep(ctx, "running");
    return begin("SCALE", instanceId, QJsonObject{{"from", from}, {"to", flavour}}, steps, ctx, [](const QString &) {}, error);
}

QString Vnfm::heal(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    const bool wasStarted = ctx->vnfState == InstanceState::Started;
    LcmStep create = createVimStep(ctx);
    create.undo = nullptr;    // heal has nothing to roll back to: the old instance is gone
    LcmStep reg = registerStep(ctx);
    reg.undo = nullptr;       // keep the VNF known to the EMS: it stays managed while it is repaired
    // The platform is down on purpose while it is rebuilt: the EMS holds its fault alarms for this
    // VNF meanwhile (no VNF_UNREACHABLE raised and cleared within the heal) and resumes them after,
    // whatever the outcome.
    QList<LcmStep> steps{holdFaultAlarmsStep(ctx), destroyVimStep(ctx, true), create, reg, waitPlatformStep(ctx), installStep(ctx),
                         configureStep(ctx)};
    if (wasStarted)
        steps << startNfStep(ctx, false) << verifyStep(ctx, "running");
    return begin("HEAL", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        resumeFaultAlarms(ctx->id);
        if (state != OpState::Completed && ctx->vimInstanceId.isEmpty())
            setNf(ctx->id, QStringLiteral("unreachable"), QStringLiteral("heal failed: no VIM instance"));
    }, error);
}

QString Vnfm::configure(const QString &instanceId, const QJsonObject &changes, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    const QJsonObject before = ctx->config;
    const QJsonObject after = merged(before, changes);
    LcmStep s;
    s.name = QStringLiteral("Push configuration to the NF (via EMS)");
    s.run = [this, ctx, after](StepDone done) {
        m_ems.configure(ctx->id, after, guarded(this, [this, ctx, after, done](const HttpReply &r) {
            if (r.ok) {
                ctx->config = after;
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    s.undo = [this, ctx, before](StepDone done) {
        m_ems.configure(ctx->id, before, guarded(this, [this, ctx, before, done](const HttpReply &r) {
            if (r.ok) {
                ctx->config = before;
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    return begin("CONFIGURE", instanceId, QJsonObject{{"changes", changes}}, {s}, ctx, [](const QString &) {}, error);
}

// A new platform secret: the agent takes it (through the EMS, signed with the old one), then the
// EMS and this record keep it. A failure leaves the old secret in use everywhere.
QString Vnfm::rotateCredentials(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    LcmStep s;
    s.name = QStringLiteral("Give the platform agent a new secret (via EMS)");
    s.run = [this, ctx](StepDone done) {
        const QByteArray secret = signing::randomToken(32);
        m_ems.rotatePlatformSecret(ctx->id, secret, guarded(this, [this, ctx, secret, done](const HttpReply &r) {
            if (r.ok) {
                ctx->platformSecret = secret;
                save(ctx);
            }
            done(r.ok, r.error);
        }));
    };
    return begin("ROTATE_CREDENTIALS", instanceId, {}, {s}, ctx, [](const QString &) {}, error);
}

QByteArray Vnfm::platformUserData(const InstanceRecord &r) const
{
    return r.platformSecret.isEmpty() ? QByteArray() : "VINES_LEAF_SECRET=" + r.platformSecret + "\n";
}

QString Vnfm::terminate(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    LcmStep release;
    release.name = QStringLiteral("Release public address");
    release.run = [this, ctx](StepDone done) {
        if (ctx->publicAddress.isEmpty())
            return done(true, {});
        m_vim.releasePublicAddress(ctx->publicAddress, guarded(this, [this, ctx, done](const VimResult<Done> &) {
            ctx->publicAddress.clear();
            save(ctx);
            done(true, {});
        }));
    };
    QList<LcmStep> steps{stopNfStep(ctx, true), deregisterStep(ctx), destroyVimStep(ctx, false), release};
    if (!ctx->deployment.extraVnfcs.isEmpty()) {
        LcmStep vnfcs = vnfcStep(ctx, vnfcTarget(instanceId, false), QStringLiteral("Destroy the extra VNFC instances"));
        vnfcs.undo = nullptr;   // terminate does not bring them back
        steps.insert(2, vnfcs);
    }
    return begin("TERMINATE", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        if (state == OpState::Completed) {
            ctx->instantiationState = InstanceState::NotInstantiated;
            ctx->vnfState = InstanceState::Stopped;
            ctx->deployment.scaleStatus = {};
            save(ctx);
            setNf(ctx->id, QStringLiteral("none"), QStringLiteral("terminated"));
        }
    }, error);
}

bool Vnfm::deleteInstance(const QString &instanceId, QString *error)
{
    const QString why = whyNot("DELETE", instanceId);
    if (!why.isEmpty()) {
        *error = why;
        return false;
    }
    InstanceRecord r;
    m_instances.get(instanceId, &r);
    if (!m_instances.remove(instanceId, error))
        return false;
    m_nf.remove(instanceId);
    m_packages.refreshUsage(r.packageId);
    return true;
}

// ---- supervision ---------------------------------------------------------------------------

void Vnfm::poll()
{
    // One request for all VNFs: the EMS monitors them, we read what it saw.
    m_ems.listVnfs(guarded(this, [this](const HttpReply &reply) {
        const auto busy = m_operations.activeByInstance();
        QHash<QString, QJsonObject> known;
        if (reply.ok)
            for (const auto &v : reply.json.toArray())
                known.insert(v.toObject().value("vnfInstanceId").toString(), v.toObject());
        for (const InstanceRecord &r : m_instances.listSummaries()) {
            if (!r.instantiated() || r.mgmtAddress.isEmpty() || busy.contains(r.id))
                continue;
            if (!reply.ok) {
                setNf(r.id, QStringLiteral("unknown"), QStringLiteral("EMS unavailable: %1").arg(reply.error));
                continue;
            }
            if (!known.contains(r.id)) {
                InstanceRecord full;   // the EMS lost or never had it (e.g. a fresh EMS database): register it again
                if (m_instances.get(r.id, &full))
                    adopt(full);
                continue;
            }
            const QJsonObject m = known.value(r.id).value("monitoring").toObject();
            setNf(r.id, m.value("nfState").toString("unknown"), m.value("lastError").toString(),
                  NfStatus::dataPathFromName(m.value("dataPath").toString()), m.value("dataPathNote").toString());
        }
    }));
}

QStringList Vnfm::recover()
{
    QStringList report;
    for (const QString &opId : m_operations.failInterrupted(QStringLiteral("interrupted: the console stopped during this operation"))) {
        OperationRecord op;
        m_operations.get(opId, &op);
        InstanceRecord r;
        if (m_instances.get(op.instanceId, &r) && op.operation == QLatin1String("INSTANTIATE") && !r.vimInstanceId.isEmpty()) {
            r.instantiationState = InstanceState::Instantiated;
            r.vnfState = InstanceState::Stopped;
            m_instances.update(r);
        }
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
    m_vim.listInstances(guarded(this, [this, owned](const VimResult<QList<VimInstance>> &r) {
        if (!r.ok)
            return;
        for (const VimInstance &vi : r.value)
            // Ours (tagged by this console, or untagged by console from before console ids) and owned by no VNF: a leak.
            if (vi.tags.contains("vines.instance") && !owned.contains(vi.id)
                && (m_opt.consoleId.isEmpty() || vi.tags.value("vines.console", m_opt.consoleId) == m_opt.consoleId))
                m_vim.destroyInstance(vi.id, [](const VimResult<Done> &) {});
    }));
    return report;
}

} // namespace vines
