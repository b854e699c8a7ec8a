#include "Vnfm.h"
#include "LcmOperation.h"
#include "LeafClient.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "package/CsarArchive.h"
#include "package/PackageError.h"
#include "util/Background.h"
#include "vim/Vim.h"
#include <QJsonArray>

namespace vines {

namespace {

struct NfFiles {
    bool ok = false;
    QString error;
    QMap<QString, QByteArray> files;
};

NfFiles loadNfFiles(const QString &csarPath)
{
    NfFiles out;
    try {
        const CsarArchive a = CsarArchive::read(csarPath);
        for (const QString &n : a.names())
            if (n.startsWith(QLatin1String("Scripts/")) || n.startsWith(QLatin1String("Files/")))
                out.files.insert(n, a.file(n));
        out.ok = true;
    } catch (const PackageException &e) {
        out.error = e.error().toString();
    }
    return out;
}

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
    {"TERMINATE", "INSTANTIATED", nullptr},
    {"DELETE", "NOT_INSTANTIATED", nullptr},
};

} // namespace

Vnfm::Vnfm(PackageCatalog &packages, InstanceStore &instances, OperationStore &operations, Vim &vim, QObject *parent)
    : QObject(parent), m_packages(packages), m_instances(instances), m_operations(operations), m_vim(vim)
{
    connect(&m_poll, &QTimer::timeout, this, &Vnfm::poll);
    m_poll.start(m_opt.pollIntervalMs);
    connect(&m_vim, &Vim::instanceStateChanged, this, [this](const QString &vimId, const QString &state, const QString &reason) {
        for (const InstanceRecord &r : m_instances.list())
            if (r.vimInstanceId == vimId)
                setNf(r.id, QStringLiteral("unreachable"), QStringLiteral("VIM instance %1: %2").arg(state, reason));
    });
}

void Vnfm::setOptions(const Options &o)
{
    m_opt = o;
    m_poll.start(m_opt.pollIntervalMs);
}

LeafClient Vnfm::leaf(const InstanceRecord &r) const
{
    const int colon = r.mgmtAddress.lastIndexOf(':');
    return LeafClient(const_cast<QNetworkAccessManager *>(&m_nam), r.mgmtAddress.left(colon),
                      static_cast<quint16>(r.mgmtAddress.mid(colon + 1).toUInt()), m_opt.stepTimeoutMs);
}

void Vnfm::setNf(const QString &id, const QString &state, const QString &detail)
{
    const NfStatus old = m_nf.value(id);
    m_nf.insert(id, {state, detail, QDateTime::currentDateTimeUtc()});
    if (old.state != state || old.detail != detail)
        Q_EMIT nfStatusChanged(id);
}

void Vnfm::save(const Ctx &ctx) { m_instances.update(*ctx); }

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
    for (const Vdu &v : p.package.vnfd.vdus) {
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
    if (!m_operations.insert(op, error))
        return {};
    for (LcmStep &s : steps)
        if (s.timeoutMs <= 0)
            s.timeoutMs = m_opt.stepTimeoutMs;
    auto *run = new LcmOperation(m_operations, op.id, std::move(steps), this);
    connect(run, &LcmOperation::finished, this, [this, ctx, onFinish](const QString &opId, const QString &state, const QString &err) {
        onFinish(state);
        m_packages.refreshUsage(ctx->packageId);
        Q_EMIT operationFinished(opId, state, err);
    });
    run->start();
    return op.id;
}

// ---- steps ---------------------------------------------------------------------------------

LcmStep Vnfm::createVimStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Create VIM instance");
    s.run = [this, ctx](StepDone done) {
        PackageRecord p;
        m_packages.get(ctx->packageId, &p);
        CreateSpec spec{ctx->name, ctx->flavour, p.package.vnfd.vdus.value(0).swImage,
                        {{"vines.instance", ctx->id}, {"vines.package", ctx->packageId}}};
        m_vim.createInstance(spec, [this, ctx, done](const VimResult<VimInstance> &r) {
            if (!r.ok)
                return done(false, r.error);
            ctx->vimInstanceId = r.value.id;
            ctx->mgmtAddress = QStringLiteral("%1:%2").arg(r.value.privateAddress).arg(r.value.managementPort);
            save(ctx);   // recorded at once, so a crash now cannot leak the VIM instance
            done(true, {});
        });
    };
    s.undo = [this, ctx](StepDone done) {
        m_vim.destroyInstance(ctx->vimInstanceId, [this, ctx, done](const VimResult<Done> &r) {
            if (r.ok) {
                ctx->vimInstanceId.clear();
                ctx->mgmtAddress.clear();
                save(ctx);
            }
            done(r.ok, r.error);
        });
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
        m_vim.destroyInstance(ctx->vimInstanceId, [this, ctx, done, tolerant](const VimResult<Done> &r) {
            if (!r.ok && !tolerant)
                return done(false, r.error);
            ctx->vimInstanceId.clear();
            ctx->mgmtAddress.clear();
            save(ctx);
            done(true, {});
        });
    };
    return s;
}

LcmStep Vnfm::waitLeafStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Connect to Leaf agent");
    s.run = [this, ctx](StepDone done) {
        auto attempt = std::make_shared<std::function<void(int)>>();
        *attempt = [this, ctx, done, attempt](int left) {
            leaf(*ctx).status([this, done, attempt, left](const HttpReply &r) {
                if (r.ok) {
                    *attempt = nullptr;
                    return done(true, {});
                }
                if (left <= 0) {
                    *attempt = nullptr;
                    return done(false, r.error);
                }
                QTimer::singleShot(100, this, [attempt, left]() { if (*attempt) (*attempt)(left - 1); });
            });
        };
        (*attempt)(100);
    };
    return s;
}

LcmStep Vnfm::installStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Install NF");
    s.run = [this, ctx](StepDone done) {
        PackageRecord p;
        if (!m_packages.get(ctx->packageId, &p))
            return done(false, QStringLiteral("package %1 is no longer in the catalog").arg(ctx->packageId));
        const QString path = p.filePath;
        const VnfExp exp = p.package.vnfd.exp;
        inBackground<NfFiles>(this, [path]() { return loadNfFiles(path); }, [this, ctx, exp, done](const NfFiles &f) {
            if (!f.ok)
                return done(false, f.error);
            leaf(*ctx).install(ctx->name, exp.nfType, ctx->config, f.files,
                               [done](const HttpReply &r) { done(r.ok, r.error); });
        });
    };
    return s;
}

LcmStep Vnfm::configureStep(Ctx ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Configure NF");
    s.run = [this, ctx](StepDone done) {
        leaf(*ctx).configure(ctx->config, [done](const HttpReply &r) { done(r.ok, r.error); });
    };
    return s;
}

LcmStep Vnfm::startNfStep(Ctx ctx, bool withUndo)
{
    LcmStep s;
    s.name = QStringLiteral("Start NF");
    s.run = [this, ctx](StepDone done) { leaf(*ctx).start([done](const HttpReply &r) { done(r.ok, r.error); }); };
    if (withUndo)
        s.undo = [this, ctx](StepDone done) { leaf(*ctx).stop([done](const HttpReply &r) { done(r.ok, r.error); }); };
    return s;
}

LcmStep Vnfm::stopNfStep(Ctx ctx, bool tolerant)
{
    LcmStep s;
    s.name = tolerant ? QStringLiteral("Stop NF gracefully") : QStringLiteral("Stop NF");
    s.timeoutMs = tolerant ? m_opt.gracefulStopTimeoutMs + 1000 : 0;
    s.run = [this, ctx, tolerant](StepDone done) {
        LeafClient client = leaf(*ctx);
        HttpJsonClient::Callback cb = [done, tolerant](const HttpReply &r) {
            // Terminate goes on to the forced path (destroying the VIM instance) whatever happens here.
            done(r.ok || tolerant, r.error);
        };
        if (ctx->mgmtAddress.isEmpty())
            return done(tolerant, QStringLiteral("no management address"));
        client.stop(cb);
    };
    return s;
}

LcmStep Vnfm::verifyStep(Ctx ctx, const QString &expected)
{
    LcmStep s;
    s.name = QStringLiteral("Verify NF %1").arg(expected);
    s.run = [this, ctx, expected](StepDone done) {
        leaf(*ctx).status([this, ctx, expected, done](const HttpReply &r) {
            if (!r.ok)
                return done(false, r.error);
            const QJsonObject nf = r.object().value("nf").toObject();
            const QString state = nf.value("state").toString();
            setNf(ctx->id, state, nf.value("error").toString());
            if (state != expected)
                return done(false, QStringLiteral("NF is %1, expected %2%3").arg(state, expected,
                                   nf.value("error").toString().isEmpty() ? QString() : ": " + nf.value("error").toString()));
            done(true, {});
        });
    };
    return s;
}

// ---- operations ----------------------------------------------------------------------------

QString Vnfm::instantiate(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config,
                          QString *error, QString *instanceId)
{
    PackageRecord p;
    if (!m_packages.get(packageId, &p)) {
        *error = QStringLiteral("no package %1 in the catalog").arg(packageId);
        return {};
    }
    if (p.operationalState != PackageState::Enabled) {
        *error = QStringLiteral("package %1 is %2; enable it to instantiate").arg(p.package.vnfd.productName, p.operationalState);
        return {};
    }
    if (p.package.vnfd.exp.platform != QLatin1String("leaf")) {
        *error = QStringLiteral("package %1 needs VNF execution platform '%2', which %3 cannot provide (it runs Leaf)")
                     .arg(p.package.vnfd.productName, p.package.vnfd.exp.platform, m_vim.displayName());
        return {};
    }
    const QString vnfName = name.trimmed();
    if (vnfName.isEmpty() || vnfName.size() > 64 || vnfName.contains(QRegularExpression("[^A-Za-z0-9_.-]"))) {
        *error = QStringLiteral("VNF name '%1' must be 1-64 characters of letters, digits, '.', '_' or '-'").arg(name);
        return {};
    }
    if (m_instances.nameTaken(vnfName)) {
        *error = QStringLiteral("a VNF named '%1' already exists").arg(vnfName);
        return {};
    }
    QString fl = flavour;
    if (fl.isEmpty() && (fl = defaultFlavour(packageId, error)).isEmpty())
        return {};
    if (!m_vim.hasFlavour(fl)) {
        *error = QStringLiteral("%1 has no flavour '%2'").arg(m_vim.displayName(), fl);
        return {};
    }
    InstanceRecord r;
    r.id = newId();
    r.name = vnfName;
    r.packageId = packageId;
    r.vimId = m_vim.id();
    r.instantiationState = InstanceState::NotInstantiated;
    r.vnfState = InstanceState::Stopped;
    r.flavour = fl;
    r.config = merged(p.package.vnfd.exp.config, config);
    if (!m_instances.insert(r, error))
        return {};
    if (instanceId)
        *instanceId = r.id;
    const QString op = reinstantiate(r.id, error);
    if (op.isEmpty())
        m_instances.remove(r.id, nullptr);
    return op;
}

QString Vnfm::reinstantiate(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    if (!m_instances.get(instanceId, ctx.get())) {
        *error = QStringLiteral("no VNF instance %1").arg(instanceId);
        return {};
    }
    setNf(instanceId, QStringLiteral("none"), QStringLiteral("instantiating"));
    QList<LcmStep> steps{createVimStep(ctx), waitLeafStep(ctx), installStep(ctx), configureStep(ctx),
                         startNfStep(ctx, true), verifyStep(ctx, QStringLiteral("running"))};
    return begin("INSTANTIATE", instanceId, QJsonObject{{"flavour", ctx->flavour}, {"config", ctx->config}}, steps, ctx,
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

QString Vnfm::start(const QString &instanceId, QString *error)
{
    Ctx ctx = std::make_shared<InstanceRecord>();
    m_instances.get(instanceId, ctx.get());
    QList<LcmStep> steps{powerOnStep(ctx), waitLeafStep(ctx), startNfStep(ctx, false), verifyStep(ctx, "running")};
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
    LcmStep s;
    s.name = QStringLiteral("Restart NF");
    s.run = [this, ctx](StepDone done) { leaf(*ctx).restart([done](const HttpReply &r) { done(r.ok, r.error); }); };
    return begin("RESTART", instanceId, {}, {s, verifyStep(ctx, "running")}, ctx, [](const QString &) {}, error);
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
        m_vim.scaleInstance(ctx->vimInstanceId, flavour, [this, ctx, flavour, done](const VimResult<VimInstance> &r) {
            if (r.ok) {
                ctx->flavour = flavour;
                save(ctx);
            }
            done(r.ok, r.error);
        });
    };
    change.undo = [this, ctx, from](StepDone done) {
        m_vim.scaleInstance(ctx->vimInstanceId, from, [this, ctx, from, done](const VimResult<VimInstance> &r) {
            if (r.ok) {
                ctx->flavour = from;
                save(ctx);
            }
            done(r.ok, r.error);
        });
    };
    QList<LcmStep> steps{change, waitLeafStep(ctx)};
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
    QList<LcmStep> steps{destroyVimStep(ctx, true), create, waitLeafStep(ctx), installStep(ctx), configureStep(ctx)};
    if (wasStarted)
        steps << startNfStep(ctx, false) << verifyStep(ctx, "running");
    return begin("HEAL", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        if (state != OpState::Completed && ctx->vimInstanceId.isEmpty())
            setNf(ctx->id, QStringLiteral("unreachable"), QStringLiteral("heal failed: no VIM instance"));
    }, error);
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
        m_vim.releasePublicAddress(ctx->publicAddress, [this, ctx, done](const VimResult<Done> &) {
            ctx->publicAddress.clear();
            save(ctx);
            done(true, {});
        });
    };
    QList<LcmStep> steps{stopNfStep(ctx, true), destroyVimStep(ctx, false), release};
    return begin("TERMINATE", instanceId, {}, steps, ctx, [this, ctx](const QString &state) {
        if (state == OpState::Completed) {
            ctx->instantiationState = InstanceState::NotInstantiated;
            ctx->vnfState = InstanceState::Stopped;
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
    const auto busy = m_operations.activeByInstance();
    for (const InstanceRecord &r : m_instances.list()) {
        if (!r.instantiated() || r.mgmtAddress.isEmpty() || busy.contains(r.id))
            continue;
        const QString id = r.id;
        leaf(r).status([this, id](const HttpReply &reply) {
            if (!reply.ok)
                return setNf(id, QStringLiteral("unreachable"), reply.error);
            const QJsonObject nf = reply.object().value("nf").toObject();
            setNf(id, nf.value("state").toString(), nf.value("error").toString());
        });
    }
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
    for (const InstanceRecord &r : m_instances.list())
        if (!r.vimInstanceId.isEmpty())
            owned.insert(r.vimInstanceId);
    m_vim.listInstances([this, owned](const VimResult<QList<VimInstance>> &r) {
        if (!r.ok)
            return;
        for (const VimInstance &vi : r.value)
            if (vi.tags.contains("vines.instance") && !owned.contains(vi.id))
                m_vim.destroyInstance(vi.id, [](const VimResult<Done> &) {});
    });
    return report;
}

} // namespace vines
