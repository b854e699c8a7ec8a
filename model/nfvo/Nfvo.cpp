// The NFVO's operations: what a network service may do now, and each operation's steps.
#include "Nfvo.h"
#include "NsContext.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/LcmOperation.h"
#include "lifecycle/Vnfm.h"
#include "vim/Vim.h"
#include <QJsonArray>
#include <QRegularExpression>

namespace vines {

namespace {
const QStringList kForwarding{"forwarder", "firewall", "monitor", "balancer"};
} // namespace

QString nsOpName(NsOp op)
{
    switch (op) {
    case NsOp::Instantiate: return QStringLiteral("INSTANTIATE_NS");
    case NsOp::Terminate: return QStringLiteral("TERMINATE_NS");
    case NsOp::Modify: return QStringLiteral("MODIFY_NS");
    case NsOp::Delete: return QStringLiteral("DELETE_NS");
    }
    return {};
}

bool isNsOperation(const QString &name) { return name.endsWith(QLatin1String("_NS")); }

Nfvo::Nfvo(NsCatalog &ns, PackageCatalog &packages, InstanceStore &instances, OperationStore &ops, Vnfm &vnfm, Vim &vim, QObject *parent)
    : QObject(parent), m_ns(ns), m_packages(packages), m_instances(instances), m_ops(ops), m_vnfm(vnfm), m_vim(vim)
{
}

// ---- queries -------------------------------------------------------------------------------

QString Nfvo::routerPackageId() const
{
    for (const PackageRecord &p : m_packages.list())
        if (p.package.vnfd.exp.platform == QLatin1String("leaf") && p.package.vnfd.exp.nfType == QLatin1String("router"))
            return p.id;
    return {};
}

QString Nfvo::routerInstanceId() const
{
    const QHash<QString, QString> names = m_instances.names();
    for (auto it = names.begin(); it != names.end(); ++it)
        if (it.value() == QLatin1String(RouterName))
            return it.key();
    return {};
}

QString Nfvo::dataAddress(const QString &instanceId) const
{
    InstanceRecord r;
    if (!m_instances.get(instanceId, &r) || r.mgmtAddress.isEmpty())
        return {};
    return QStringLiteral("%1:%2").arg(r.mgmtAddress.section(':', 0, 0)).arg(r.config.value("listen_port").toInt(9000));
}

Result<> Nfvo::chainProblem(const QStringList &packageIds) const
{
    if (packageIds.isEmpty())
        return Error::unprocessable(QStringLiteral("a service chain needs at least one VNF"));
    for (int i = 0; i < packageIds.size(); ++i) {
        PackageRecord p;
        if (!m_packages.get(packageIds[i], &p))
            return Error::notFound(QStringLiteral("VNF %1: package %2 is not in the catalog").arg(i + 1).arg(packageIds[i]));
        const VnfExp &exp = p.package.vnfd.exp;
        if (exp.platform != QLatin1String("leaf"))
            return Error::unprocessable(QStringLiteral("VNF %1 (%2) needs VNF-ExP '%3', which cannot take part in a chain on this VIM")
                                            .arg(i + 1).arg(p.package.vnfd.productName, exp.platform));
        if (exp.nfType == QLatin1String("router"))
            return Error::unprocessable(QStringLiteral("VNF %1 (%2) is the virtual router, which the NFVO manages itself").arg(i + 1).arg(p.package.vnfd.productName));
        if (i < packageIds.size() - 1 && !kForwarding.contains(exp.nfType))
            return Error::unprocessable(QStringLiteral("VNF %1 (%2, %3) cannot forward traffic, so it can only be the last VNF of a chain")
                                            .arg(i + 1).arg(p.package.vnfd.productName, exp.nfType));
    }
    return {};
}

QString Nfvo::uniqueName(const QString &base) const
{
    QString name = base;
    for (int i = 2; m_instances.nameTaken(name); ++i)
        name = base.left(60) + QStringLiteral("-%1").arg(i);
    return name;
}

Result<> Nfvo::mayRun(NsOp op, const QString &nsId) const
{
    NsInstanceRecord r;
    if (!m_ns.instance(nsId, &r))
        return Error::notFound(QStringLiteral("no network service %1").arg(nsId));
    if (const QString active = m_ops.activeFor(nsId); !active.isEmpty()) {
        OperationRecord op;
        m_ops.get(active, &op);
        return Error::conflict(QStringLiteral("network service '%1' is busy with %2 (%3%)").arg(r.name, op.operation).arg(op.progress));
    }
    const bool needInstantiated = op != NsOp::Delete && op != NsOp::Instantiate;
    if (needInstantiated != r.instantiated())
        return Error::conflict(QStringLiteral("cannot %1 network service '%2': it is %3").arg(nsOpName(op), r.name, text(r.state)));
    return {};
}

// ---- plumbing ------------------------------------------------------------------------------

Result<QString> Nfvo::begin(NsOp op, const QString &nsId, const QJsonObject &params, QList<Step> steps, std::function<void(OpState)> onFinish)
{
    if (Result<> may = mayRun(op, nsId); !may)
        return may.error();
    NsInstanceRecord ns;
    m_ns.instance(nsId, &ns);
    OperationRecord rec;
    rec.id = newId();
    rec.instanceId = nsId;
    rec.operation = nsOpName(op);
    rec.state = OpState::Processing;
    rec.stage = QStringLiteral("queued");
    rec.params = params;
    rec.params.insert("nsInstanceName", ns.name);   // kept with the occurrence: the log names the service after it is deleted
    if (Result<> stored = m_ops.insert(rec); !stored)
        return stored.error();
    auto *run = new LcmOperation(m_ops, rec.id, task::sequence(nsOpName(op), std::move(steps)), this);
    m_running.insert(rec.id);
    connect(run, &LcmOperation::finished, this, [this, onFinish](const QString &opId, OpState state, const QString &err) {
        m_running.remove(opId);
        onFinish(state);
        Q_EMIT operationFinished(opId, state, err);
        for (const auto &[context, fn] : m_waiters.take(opId))
            if (context)
                fn(state, err);
    });
    run->start();
    return rec.id;
}

void Nfvo::whenFinished(const QString &opId, QObject *context, std::function<void(OpState, const QString &)> fn)
{
    if (!m_running.contains(opId)) {
        OperationRecord r;
        m_ops.get(opId, &r);
        return fn(r.state, r.error);
    }
    m_waiters[opId].append({QPointer<QObject>(context), std::move(fn)});
}

// ---- operations ----------------------------------------------------------------------------

Result<Nfvo::Started> Nfvo::instantiate(const QString &nsdId, const QString &name)
{
    const Result<QString> nsId = createNs(nsdId, name);
    if (!nsId)
        return nsId.error();
    const Result<QString> op = instantiateNs(*nsId);
    if (!op) {
        (void)m_ns.removeInstance(*nsId);   // a refused instantiation leaves no record
        return op.error();
    }
    return Started{*op, *nsId};
}

Result<QString> Nfvo::createNs(const QString &nsdId, const QString &name)
{
    NsdRecord nsd;
    if (!m_ns.descriptor(nsdId, &nsd))
        return Error::notFound(QStringLiteral("no NSD %1 in the NS catalog").arg(nsdId));
    const QString nsName = name.trimmed();
    if (nsName.isEmpty() || nsName.size() > 40 || nsName.contains(QRegularExpression("[^A-Za-z0-9_.-]")))
        return Error::invalid(QStringLiteral("network service name '%1' must be 1-40 characters of letters, digits, '.', '_' or '-'").arg(name));
    for (const NsInstanceRecord &r : m_ns.instances())
        if (r.name == nsName)
            return Error::conflict(QStringLiteral("a network service named '%1' already exists").arg(nsName));
    NsInstanceRecord r;
    r.id = newId();
    r.diversion = m_vim.chainDiversion();
    r.name = nsName;
    r.nsdId = nsdId;
    if (Result<> stored = m_ns.insertInstance(r); !stored)
        return stored.error();
    return r.id;
}

Result<QString> Nfvo::instantiateNs(const QString &nsId)
{
    if (Result<> may = mayRun(NsOp::Instantiate, nsId); !may)
        return may.error();
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const QString nsdId = ctx->ns.nsdId;
    NsdRecord nsd;
    if (!m_ns.descriptor(nsdId, &nsd))
        return Error::notFound(QStringLiteral("no NSD %1 in the NS catalog").arg(nsdId));
    for (const NsdVnf &v : nsd.nsd.chain()) {
        const QString pkg = m_ns.resolvePackage(v.vnfd);
        if (pkg.isEmpty())
            return Error::unprocessable(QStringLiteral("NSD %1: VNFD '%2' (node %3) is not in the VNF catalog").arg(nsd.nsd.name, v.vnfd, v.node));
        ctx->packages << pkg;
        ctx->labels << v.node;
    }
    if (Result<> problem = chainProblem(ctx->packages); !problem)
        return problem.error().prefixed(QStringLiteral("NSD %1").arg(nsd.nsd.name));
    const ChainDiversion diversion = m_vim.chainDiversion();
    if (diversion != ChainDiversion::NetworkRules && routerPackageId().isEmpty())
        return Error::unprocessable(QStringLiteral("no virtual router package (Leaf nf_type router) in the VNF catalog; onboard vines-router.csar"));
    ctx->ns.diversion = diversion;
    ctx->ns.vnfInstanceIds.clear();
    if (Result<> stored = m_ns.updateInstance(ctx->ns); !stored)
        return stored.error();

    const bool rules = diversion == ChainDiversion::NetworkRules;
    // The classifier's ip_proto is honoured where the chain's traffic enters: only those protocols.
    const QStringList protocols = nsd.nsd.vnffgs.isEmpty() ? QStringList() : nsd.nsd.vnffgs.first().protocols();
    QList<Step> steps{createVnfsStep(ctx), chainStep(ctx), addressStep(ctx, rules), routeStep(ctx, protocols), verifyStep(ctx)};
    if (!rules)
        steps.prepend(ensureRouterStep());
    return begin(NsOp::Instantiate, ctx->ns.id,
                 QJsonObject{{"nsdId", nsdId}, {"vnfs", int(ctx->packages.size())}, {"diversion", chainDiversionName(diversion)}}, steps,
                 [this, ctx](OpState state) {
                     if (state == OpState::Completed)
                         ctx->ns.state = NsState::Instantiated;
                     ctx->ns.vnfInstanceIds.removeAll(QString());   // places of VNFs rolled back, or never made
                     (void)m_ns.updateInstance(ctx->ns);
                 });
}

Result<QString> Nfvo::terminate(const QString &nsId)
{
    if (Result<> may = mayRun(NsOp::Terminate, nsId); !may)
        return may.error();
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const bool rules = ctx->ns.diversion == ChainDiversion::NetworkRules;
    Step route = task::leaf(rules ? QStringLiteral("Remove the chain's port forwarding") : QStringLiteral("Virtual router: remove the chain's route"),
                            [this, ctx, rules](const task::Run &, Done done) {
                                if ((!rules && routerInstanceId().isEmpty()) || ctx->ns.publicAddress.isEmpty())
                                    return done({});
                                // Best effort: releasing the address removes its rules too.
                                divertTo(ctx->ns, {}, [done](const Result<> &) { done({}); });
                            });
    route.timeoutMs = 60000;
    Step vnfs = terminateVnfsStep(QStringLiteral("Terminate %1 VNFs").arg(ctx->ns.vnfInstanceIds.size()), [ctx]() { return ctx->ns.vnfInstanceIds; });
    Step forget = task::leaf(QStringLiteral("Record the service's VNFs gone"), [this, ctx](const task::Run &, Done done) {
        ctx->ns.vnfInstanceIds.clear();
        (void)m_ns.updateInstance(ctx->ns);
        done({});
    });
    return begin(NsOp::Terminate, nsId, {}, {route, vnfs, forget, releaseAddressStep(ctx)}, [this, ctx](OpState state) {
        if (state == OpState::Completed) {
            ctx->ns.state = NsState::NotInstantiated;
            (void)m_ns.updateInstance(ctx->ns);
        }
    });
}

Result<QString> Nfvo::insertVnf(const QString &nsId, int position, const QString &packageId)
{
    if (Result<> may = mayRun(NsOp::Modify, nsId); !may)
        return may.error();
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const int n = int(ctx->ns.vnfInstanceIds.size());
    if (position < 0 || position > n)
        return Error::invalid(QStringLiteral("position %1 is outside the chain (0..%2)").arg(position).arg(n));
    QStringList packages;
    for (const QString &id : ctx->ns.vnfInstanceIds) {
        InstanceRecord r;
        m_instances.get(id, &r);
        packages << r.packageId;
    }
    packages.insert(position, packageId);
    if (Result<> problem = chainProblem(packages); !problem)
        return problem.error();
    PackageRecord p;
    m_packages.get(packageId, &p);
    const QString before = position > 0 ? ctx->ns.vnfInstanceIds[position - 1] : QString();   // empty: the router
    const QString after = position < n ? ctx->ns.vnfInstanceIds[position] : QString();          // empty: new last VNF
    auto newId = std::make_shared<QString>();
    const QString label = p.package.vnfd.productName;

    Step create = vnfmStep(QStringLiteral("Instantiate %1 at position %2").arg(label).arg(position + 1),
                           [this, ctx, packageId, position, label, after, newId]() -> Result<QString> {
                               QJsonObject config;
                               if (!after.isEmpty())
                                   config.insert("next_hop", dataAddress(after));
                               const Result<LcmStarted> s = m_vnfm.instantiate(
                                   InstantiateRequest{packageId, uniqueName(QStringLiteral("%1-%2-%3").arg(ctx->ns.name).arg(position + 1).arg(label.toLower())
                                                                                .replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-").left(64)),
                                                      {}, {}, {}, config});
                               if (!s)
                                   return s.error();
                               *newId = s->instanceId;
                               return s->operationId;
                           });
    create.timeoutMs = 60000;
    create.undo = [this, newId](const task::Run &run, Done done) { terminateAndDeleteStep(QStringLiteral("Remove the new VNF"), *newId).start(run, done); };
    // Its VNF record goes too when its instantiation failed (and rolled back).
    const auto dropFailed = [this, newId](const task::Run &, Done done) {
        if (!newId->isEmpty())
            (void)m_vnfm.deleteInstance(*newId);
        done({});
    };

    Step link = task::leaf(position == 0 ? QStringLiteral("Divert the public address to the new first VNF") : QStringLiteral("Point the previous VNF at the new one"),
                           [this, ctx, before, newId](const task::Run &, Done done) { reroute(ctx->ns, before, *newId, done); },
                           [this, ctx, before, after](const task::Run &, Done done) { reroute(ctx->ns, before, after, done); });
    link.timeoutMs = 60000;

    Step moveAddress = task::leaf(QStringLiteral("Associate the public address with the new last VNF"), [this, ctx, after, newId](const task::Run &, Done done) {
        if (!after.isEmpty() || ctx->ns.diversion == ChainDiversion::NetworkRules)   // port forwarding: the address is not the VNF's
            return done({});
        InstanceRecord last;
        m_instances.get(*newId, &last);
        m_vim.associatePublicAddress(ctx->ns.publicAddress, last.vimInstanceId, {quint16(ctx->ns.servicePort)},
                                     [this, ctx, newId, done](const Result<PublicAddress> &r) {
                                         if (r) {
                                             for (const QString &id : ctx->ns.vnfInstanceIds)
                                                 (void)m_instances.setPublicAddress(id, {});
                                             (void)m_instances.setPublicAddress(*newId, ctx->ns.publicAddress);
                                         }
                                         done(r);
                                     });
    });

    Step record = task::leaf(QStringLiteral("Record the new chain"),
                             [this, ctx, position, newId](const task::Run &, Done done) {
                                 ctx->ns.vnfInstanceIds.insert(position, *newId);
                                 (void)m_ns.updateInstance(ctx->ns);
                                 done({});
                             },
                             [this, ctx, newId](const task::Run &, Done done) {
                                 ctx->ns.vnfInstanceIds.removeAll(*newId);
                                 (void)m_ns.updateInstance(ctx->ns);
                                 done({});
                             });
    Step cleanup = task::leaf(QStringLiteral("Reserve the new VNF"), [](const task::Run &, Done done) { done({}); }, dropFailed);
    return begin(NsOp::Modify, nsId, QJsonObject{{"change", "INSERT_VNF"}, {"position", position}, {"packageId", packageId}},
                 {cleanup, create, link, moveAddress, record, verifyStep(ctx)}, [](OpState) {});
}

Result<QString> Nfvo::removeVnf(const QString &nsId, int position)
{
    if (Result<> may = mayRun(NsOp::Modify, nsId); !may)
        return may.error();
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const int n = int(ctx->ns.vnfInstanceIds.size());
    if (position < 0 || position >= n)
        return Error::invalid(QStringLiteral("position %1 is outside the chain (0..%2)").arg(position).arg(n - 1));
    if (n == 1)
        return Error::conflict(QStringLiteral("the chain has only this VNF; terminate the network service instead"));
    if (position == n - 1)
        return Error::conflict(QStringLiteral("the last VNF answers the chain's traffic; insert its replacement first, then remove the others"));
    const QString victim = ctx->ns.vnfInstanceIds[position];
    const QString before = position > 0 ? ctx->ns.vnfInstanceIds[position - 1] : QString();
    const QString after = ctx->ns.vnfInstanceIds[position + 1];

    Step bypass = task::leaf(QStringLiteral("Bypass VNF %1").arg(position + 1),
                             [this, ctx, before, after](const task::Run &, Done done) { reroute(ctx->ns, before, after, done); },
                             [this, ctx, before, victim](const task::Run &, Done done) { reroute(ctx->ns, before, victim, done); });
    bypass.timeoutMs = 60000;
    Step record = task::leaf(QStringLiteral("Record the new chain"),
                             [this, ctx, victim](const task::Run &, Done done) {
                                 ctx->ns.vnfInstanceIds.removeAll(victim);
                                 (void)m_ns.updateInstance(ctx->ns);
                                 done({});
                             },
                             [this, ctx, victim, position](const task::Run &, Done done) {
                                 ctx->ns.vnfInstanceIds.insert(position, victim);
                                 (void)m_ns.updateInstance(ctx->ns);
                                 done({});
                             });
    Step drop = terminateAndDeleteStep(QStringLiteral("Terminate the removed VNF"), victim);
    drop.timeoutMs = 60000;
    return begin(NsOp::Modify, nsId, QJsonObject{{"change", "REMOVE_VNF"}, {"position", position}}, {bypass, record, verifyStep(ctx), drop},
                 [](OpState) {});
}

Result<> Nfvo::deleteNs(const QString &nsId)
{
    if (Result<> may = mayRun(NsOp::Delete, nsId); !may)
        return may;
    return m_ns.removeInstance(nsId);
}

} // namespace vines
