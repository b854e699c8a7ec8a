// The NFVO's routing: the chain's public address, and how its traffic is diverted to the first
// VNF — the router VNF's routes (RouterVnf, LentRouter) or the VIM's network rules (NetworkRules).
#include "Nfvo.h"
#include "NsContext.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "lifecycle/Vnfm.h"
#include "util/Guarded.h"
#include "vim/Vim.h"
#include <QJsonArray>
#include <QTimer>

namespace vines {

using task::Run;

void Nfvo::configureVnf(const QString &instanceId, const QJsonObject &changes, Done done)
{
    const Result<QString> op = m_vnfm.configure(instanceId, changes);
    if (!op)
        return done(op.error());
    m_vnfm.whenFinished(*op, this, [done](OpState state, const QString &error) {
        done(state == OpState::Completed ? Result<>() : Result<>(Error::upstream(error)));
    });
}

// Runs fn once the router is free for a configuration change (changes to it are serialized).
void Nfvo::withRouter(const std::function<void()> &fn, int attemptsLeft, Done failed)
{
    const QString router = routerInstanceId();
    const Result<> may = router.isEmpty() ? Result<>(Error::notFound(QStringLiteral("the virtual router does not exist")))
                                          : m_vnfm.mayRun(LcmOp::Configure, router);
    if (may)
        return fn();
    if (!may.error().is(Error::Kind::Conflict) || !may.errorMessage().contains(QLatin1String("busy")) || attemptsLeft <= 0)
        return failed(may.error().prefixed(QStringLiteral("virtual router")));
    QTimer::singleShot(50, this, [this, fn, attemptsLeft, failed]() { withRouter(fn, attemptsLeft - 1, failed); });
}

void Nfvo::setRoute(const QString &publicAddress, int port, const QString &target, Done done, const QStringList &protocols)
{
    withRouter([this, publicAddress, port, target, done, protocols]() {
        InstanceRecord router;
        m_instances.get(routerInstanceId(), &router);
        QJsonArray routes;
        QJsonArray carried = QJsonArray::fromStringList(protocols);
        for (const auto &v : router.config.value("routes").toArray()) {
            const QJsonObject r = v.toObject();
            if (r.value("publicAddress").toString() != publicAddress || r.value("port").toInt() != port)
                routes.append(r);
            else if (carried.isEmpty() && r.contains("protocols"))
                carried = r.value("protocols").toArray();
        }
        QJsonObject route{{"publicAddress", publicAddress}, {"port", port}, {"target", target}};
        if (!carried.isEmpty())
            route.insert("protocols", carried);
        if (!target.isEmpty())
            routes.append(route);
        configureVnf(router.id, {{"routes", routes}}, done);
    }, 600, done);
}

void Nfvo::divertTo(const NsInstanceRecord &ns, const QString &vnfInstanceId, Done done, const QStringList &protocols)
{
    if (ns.diversion != ChainDiversion::NetworkRules)
        return setRoute(ns.publicAddress, ns.servicePort, vnfInstanceId.isEmpty() ? QString() : dataAddress(vnfInstanceId), done, protocols);
    Diversion d{ns.publicAddress, ns.servicePort, {}, 0, protocols};
    InstanceRecord r;
    if (!vnfInstanceId.isEmpty()) {
        if (!m_instances.get(vnfInstanceId, &r) || r.vimInstanceId.isEmpty())
            return done(Error::conflict(QStringLiteral("VNF instance %1 has no VIM instance to divert traffic to").arg(vnfInstanceId)));
        d.instanceId = r.vimInstanceId;
        d.privatePort = r.config.value("listen_port").toInt(9000);
    }
    m_vim.divert(d, guarded(this, [done](const Result<> &res) { done(res); }));
}

void Nfvo::reroute(const NsInstanceRecord &ns, const QString &fromInstance, const QString &toInstance, Done done)
{
    if (fromInstance.isEmpty())
        return divertTo(ns, toInstance, done);
    const QString target = toInstance.isEmpty() ? QString() : dataAddress(toInstance);
    configureVnf(fromInstance, {{"next_hop", target}}, done);
}

Nfvo::Step Nfvo::ensureRouterStep()
{
    Step s = task::leaf(QStringLiteral("Ensure the virtual router runs"), [this](const Run &run, Done done) {
        const QString id = routerInstanceId();
        InstanceRecord r;
        if (!id.isEmpty() && m_instances.get(id, &r) && r.instantiated() && r.vnfState == VnfState::Started)
            return done({});
        if (const QString active = id.isEmpty() ? QString() : m_ops.activeFor(id); !active.isEmpty())   // another NS is bringing it up: wait for that
            return m_vnfm.whenFinished(active, this, [done](OpState state, const QString &err) {
                done(state == OpState::Completed ? Result<>() : Result<>(Error::upstream(err)));
            });
        Step bring;
        if (id.isEmpty()) {
            const QString pkg = routerPackageId();
            if (pkg.isEmpty())
                return done(Error::unprocessable(QStringLiteral("no virtual router package (Leaf nf_type router) in the VNF catalog")));
            if (m_vim.chainDiversion() == ChainDiversion::LentRouter)   // e.g. CloudStack's VR: managed as an internal VNF, not created
                return m_vim.findRouter(guarded(this, [this, pkg, run, done](const Result<VimInstance> &vr) {
                    if (!vr)
                        return done(vr.error());
                    vnfmStep(QStringLiteral("Adopt the network's router"), [this, pkg, vr]() -> Result<QString> {
                        const Result<LcmStarted> s = m_vnfm.adoptPlatform(pkg, RouterName, *vr);
                        return s ? Result<QString>(s->operationId) : Result<QString>(s.error());
                    }).start(run, done);
                }));
            bring = vnfmStep(QStringLiteral("Instantiate the virtual router"), [this, pkg]() -> Result<QString> {
                const Result<LcmStarted> s = m_vnfm.instantiate(InstantiateRequest{pkg, RouterName, {}, {}, {}, {}});
                return s ? Result<QString>(s->operationId) : Result<QString>(s.error());
            });
        } else if (!r.instantiated()) {
            bring = vnfmStep(QStringLiteral("Instantiate the virtual router"), [this, id]() { return m_vnfm.reinstantiate(id); });
        } else {
            bring = vnfmStep(QStringLiteral("Start the virtual router"), [this, id]() { return m_vnfm.start(id); });
        }
        bring.start(run, done);
    });
    s.timeoutMs = 60000;
    return s;
}

Nfvo::Step Nfvo::addressStep(CtxPtr ctx, bool networkRules)
{
    return task::leaf(networkRules ? QStringLiteral("Allocate the chain's public address") : QStringLiteral("Associate a public address with the last VNF"),
                      [this, ctx, networkRules](const Run &, Done done) {
                          m_vim.allocatePublicAddress(guarded(this, [this, ctx, done, networkRules](const Result<PublicAddress> &a) {
                              if (!a)
                                  return done(a.error());
                              ctx->ns.publicAddress = a->address;
                              (void)m_ns.updateInstance(ctx->ns);
                              if (networkRules)   // the address stays the VR's: port forwarding sends it on (static NAT would refuse the rules)
                                  return done({});
                              InstanceRecord last;
                              m_instances.get(ctx->ns.vnfInstanceIds.last(), &last);
                              m_vim.associatePublicAddress(a->address, last.vimInstanceId, {quint16(ctx->ns.servicePort)},
                                                           guarded(this, [this, ctx, last, done](const Result<PublicAddress> &r) {
                                                               if (r)
                                                                   (void)m_instances.setPublicAddress(last.id, ctx->ns.publicAddress);
                                                               done(r);
                                                           }));
                          }));
                      },
                      [this, ctx](const Run &, Done done) {
                          if (ctx->ns.publicAddress.isEmpty())
                              return done({});
                          m_vim.releasePublicAddress(ctx->ns.publicAddress, guarded(this, [this, ctx, done](const Result<> &r) {
                              ctx->ns.publicAddress.clear();
                              (void)m_ns.updateInstance(ctx->ns);
                              done(r || r.error().is(Error::Kind::NotFound) ? Result<>() : r);
                          }));
                      });
}

Nfvo::Step Nfvo::releaseAddressStep(CtxPtr ctx)
{
    return task::leaf(QStringLiteral("Release the public address"), [this, ctx](const Run &, Done done) {
        if (ctx->ns.publicAddress.isEmpty())
            return done({});
        m_vim.releasePublicAddress(ctx->ns.publicAddress, guarded(this, [this, ctx, done](const Result<> &) {
            ctx->ns.publicAddress.clear();
            (void)m_ns.updateInstance(ctx->ns);
            done({});
        }));
    });
}

Nfvo::Step Nfvo::routeStep(CtxPtr ctx, const QStringList &protocols)
{
    const bool rules = ctx->ns.diversion == ChainDiversion::NetworkRules;
    Step s = task::leaf(rules ? QStringLiteral("Port forwarding: send the public address to the first VNF")
                              : QStringLiteral("Virtual router: redirect the public address to the first VNF"),
                        [this, ctx, protocols, rules](const Run &, Done done) {
                            if (!rules)
                                ctx->ns.routerInstanceId = routerInstanceId();
                            divertTo(ctx->ns, ctx->ns.vnfInstanceIds.first(), done, protocols);
                        },
                        [this, ctx](const Run &, Done done) { divertTo(ctx->ns, {}, done); });
    s.timeoutMs = 60000;
    return s;
}

} // namespace vines
