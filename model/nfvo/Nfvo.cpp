#include "Nfvo.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "lifecycle/Vnfm.h"
#include "util/Guarded.h"
#include "vim/Vim.h"
#include <QJsonArray>
#include <QSet>
#include <QRegularExpression>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QUdpSocket>
#include <QTimer>

namespace vines {

struct Nfvo::Ctx {
    NsInstanceRecord ns;
    QStringList packages;   // chain order
    QStringList labels;
};

namespace {
const QStringList kForwarding{"forwarder", "firewall", "monitor"};

QString vnfName(const QString &ns, int i, const QString &label)
{
    QString n = QStringLiteral("%1-%2-%3").arg(ns).arg(i + 1).arg(label.toLower());
    n.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
    return n.left(64);
}
} // namespace

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

QString Nfvo::chainProblem(const QStringList &packageIds) const
{
    if (packageIds.isEmpty())
        return QStringLiteral("a service chain needs at least one VNF");
    for (int i = 0; i < packageIds.size(); ++i) {
        PackageRecord p;
        if (!m_packages.get(packageIds[i], &p))
            return QStringLiteral("VNF %1: package %2 is not in the catalog").arg(i + 1).arg(packageIds[i]);
        const VnfExp &exp = p.package.vnfd.exp;
        if (exp.platform != QLatin1String("leaf"))
            return QStringLiteral("VNF %1 (%2) needs VNF-ExP '%3', which cannot take part in a chain on this VIM")
                .arg(i + 1).arg(p.package.vnfd.productName, exp.platform);
        if (exp.nfType == QLatin1String("router"))
            return QStringLiteral("VNF %1 (%2) is the virtual router, which the NFVO manages itself").arg(i + 1).arg(p.package.vnfd.productName);
        if (i < packageIds.size() - 1 && !kForwarding.contains(exp.nfType))
            return QStringLiteral("VNF %1 (%2, %3) cannot forward traffic, so it can only be the last VNF of a chain")
                .arg(i + 1).arg(p.package.vnfd.productName, exp.nfType);
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

QString Nfvo::whyNot(const QString &operation, const QString &nsId) const
{
    NsInstanceRecord r;
    if (!m_ns.instance(nsId, &r))
        return QStringLiteral("no network service %1").arg(nsId);
    const QString active = m_ops.activeFor(nsId);
    if (!active.isEmpty()) {
        OperationRecord op;
        m_ops.get(active, &op);
        return QStringLiteral("network service '%1' is busy with %2 (%3%)").arg(r.name, op.operation).arg(op.progress);
    }
    const bool needInstantiated = operation != QLatin1String("DELETE_NS") && operation != QLatin1String("INSTANTIATE_NS");
    if (needInstantiated != r.instantiated())
        return QStringLiteral("cannot %1 network service '%2': it is %3").arg(operation, r.name, r.state);
    return {};
}

// ---- plumbing ------------------------------------------------------------------------------

QString Nfvo::begin(const QString &operation, const QString &nsId, const QJsonObject &params, QList<LcmStep> steps,
                    std::function<void(const QString &)> onFinish, QString *error)
{
    OperationRecord op;
    op.id = newId();
    op.instanceId = nsId;
    op.operation = operation;
    op.state = OpState::Processing;
    op.stage = QStringLiteral("queued");
    op.params = params;
    if (!m_ops.insert(op, error))
        return {};
    auto *run = new LcmOperation(m_ops, op.id, std::move(steps), this);
    connect(run, &LcmOperation::finished, this, [this, onFinish](const QString &opId, const QString &state, const QString &err) {
        onFinish(state);
        Q_EMIT operationFinished(opId, state, err);
    });
    run->start();
    return op.id;
}

void Nfvo::awaitVnfm(const std::function<QString(QString *)> &start, StepDone done)
{
    QString error;
    const QString op = start(&error);
    if (op.isEmpty())
        return done(false, error);
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(&m_vnfm, &Vnfm::operationFinished, this, [conn, op, done](const QString &id, const QString &state, const QString &err) {
        if (id != op)
            return;
        QObject::disconnect(*conn);
        done(state == OpState::Completed, err);
    });
}

void Nfvo::awaitAll(const QList<std::function<QString(QString *)>> &starts, StepDone done)
{
    if (starts.isEmpty())
        return done(true, {});
    auto left = std::make_shared<int>(int(starts.size()));
    auto errors = std::make_shared<QStringList>();
    for (const auto &start : starts)
        awaitVnfm(start, [left, errors, done](bool ok, const QString &err) {
            if (!ok)
                *errors << err;
            if (--*left == 0)
                done(errors->isEmpty(), errors->join("; "));
        });
}

// Runs fn once the router is free for a configuration change (changes to it are serialized).
void Nfvo::withRouter(const std::function<void()> &fn, int attemptsLeft, StepDone failed)
{
    const QString router = routerInstanceId();
    const QString why = router.isEmpty() ? QStringLiteral("the virtual router does not exist") : m_vnfm.whyNot("CONFIGURE", router);
    if (why.isEmpty())
        return fn();
    if (!why.contains(QLatin1String("busy")) || attemptsLeft <= 0)
        return failed(false, QStringLiteral("virtual router: %1").arg(why));
    QTimer::singleShot(50, this, [this, fn, attemptsLeft, failed]() { withRouter(fn, attemptsLeft - 1, failed); });
}

void Nfvo::setRoute(const QString &publicAddress, int port, const QString &target, StepDone done, const QStringList &protocols)
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
        const QString id = router.id;
        awaitVnfm([this, id, routes](QString *e) { return m_vnfm.configure(id, {{"routes", routes}}, e); }, done);
    }, 600, done);
}

void Nfvo::divertTo(const NsInstanceRecord &ns, const QString &vnfInstanceId, StepDone done, const QStringList &protocols)
{
    if (ns.diversion != ChainDiversion::NetworkRules)
        return setRoute(ns.publicAddress, ns.servicePort, vnfInstanceId.isEmpty() ? QString() : dataAddress(vnfInstanceId), done, protocols);
    Diversion d{ns.publicAddress, ns.servicePort, {}, 0, protocols};
    InstanceRecord r;
    if (!vnfInstanceId.isEmpty()) {
        if (!m_instances.get(vnfInstanceId, &r) || r.vimInstanceId.isEmpty())
            return done(false, QStringLiteral("VNF instance %1 has no VIM instance to divert traffic to").arg(vnfInstanceId));
        d.instanceId = r.vimInstanceId;
        d.privatePort = r.config.value("listen_port").toInt(9000);
    }
    m_vim.divert(d, guarded(this, [done](const VimResult<Done> &res) { done(res.ok, res.error); }));
}

void Nfvo::reroute(const NsInstanceRecord &ns, const QString &fromInstance, const QString &toInstance, StepDone done)
{
    if (fromInstance.isEmpty())
        return divertTo(ns, toInstance, done);
    const QString target = toInstance.isEmpty() ? QString() : dataAddress(toInstance);
    awaitVnfm([this, fromInstance, target](QString *e) { return m_vnfm.configure(fromInstance, {{"next_hop", target}}, e); }, done);
}

void Nfvo::terminateAndDelete(const QStringList &ids, StepDone done)
{
    QList<std::function<QString(QString *)>> starts;
    QStringList present;
    for (const QString &id : ids) {
        InstanceRecord r;
        if (!m_instances.get(id, &r))
            continue;
        present << id;
        if (r.instantiated())
            starts << [this, id](QString *e) { return m_vnfm.terminate(id, e); };
    }
    awaitAll(starts, [this, present, done](bool ok, const QString &err) {
        QStringList errors;
        if (!ok)
            errors << err;
        for (const QString &id : present) {
            QString e;
            if (!m_vnfm.deleteInstance(id, &e))
                errors << e;
        }
        done(errors.isEmpty(), errors.join("; "));
    });
}

// ---- steps ---------------------------------------------------------------------------------

LcmStep Nfvo::ensureRouterStep()
{
    LcmStep s;
    s.name = QStringLiteral("Ensure the virtual router runs");
    s.timeoutMs = 60000;
    s.run = [this](StepDone done) {
        const QString id = routerInstanceId();
        InstanceRecord r;
        if (!id.isEmpty() && m_instances.get(id, &r) && r.instantiated() && r.vnfState == InstanceState::Started)
            return done(true, {});
        const QString active = id.isEmpty() ? QString() : m_ops.activeFor(id);
        if (!active.isEmpty()) {   // another NS is bringing it up: wait for that
            auto conn = std::make_shared<QMetaObject::Connection>();
            *conn = connect(&m_vnfm, &Vnfm::operationFinished, this, [conn, active, done](const QString &op, const QString &state, const QString &err) {
                if (op != active) return;
                QObject::disconnect(*conn);
                done(state == OpState::Completed, err);
            });
            return;
        }
        if (id.isEmpty()) {
            const QString pkg = routerPackageId();
            if (pkg.isEmpty())
                return done(false, QStringLiteral("no virtual router package (Leaf nf_type router) in the VNF catalog"));
            if (m_vim.chainDiversion() == ChainDiversion::LentRouter) {   // e.g. CloudStack's VR: managed as an internal VNF, not created
                return m_vim.findRouter(guarded(this, [this, pkg, done](const VimResult<VimInstance> &r) {
                    if (!r.ok)
                        return done(false, r.error);
                    awaitVnfm([this, pkg, vr = r.value](QString *e) { return m_vnfm.adoptPlatform(pkg, RouterName, vr, e); }, done);
                }));
            }
            return awaitVnfm([this, pkg](QString *e) { return m_vnfm.instantiate(pkg, RouterName, {}, {}, e); }, done);
        }
        if (!r.instantiated())
            return awaitVnfm([this, id](QString *e) { return m_vnfm.reinstantiate(id, e); }, done);
        awaitVnfm([this, id](QString *e) { return m_vnfm.start(id, e); }, done);
    };
    return s;
}

LcmStep Nfvo::verifyStep(CtxPtr ctx)
{
    LcmStep s;
    s.name = QStringLiteral("Verify the chain answers on its public address");
    s.timeoutMs = 10000;
    s.run = [this, ctx](StepDone done) {
        InstanceRecord last;
        m_instances.get(ctx->ns.vnfInstanceIds.value(ctx->ns.vnfInstanceIds.size() - 1), &last);
        PackageRecord p;
        m_packages.get(last.packageId, &p);
        const bool echoes = p.package.vnfd.exp.nfType == QLatin1String("echo");
        NsdRecord nsd;   // what the chain carries: its first path's classifier
        const QStringList protocols = m_ns.descriptor(ctx->ns.nsdId, &nsd) && !nsd.nsd.vnffgs.isEmpty() ? nsd.nsd.vnffgs.first().protocols() : QStringList();
        if (!protocols.isEmpty() && !protocols.contains(QLatin1String("tcp")))
            return verifyUdp(ctx->ns.publicAddress, quint16(ctx->ns.servicePort), echoes, done);
        auto *sock = new QTcpSocket(this);
        auto finished = std::make_shared<bool>(false);
        auto finish = [sock, finished, done](bool ok, const QString &err) {
            if (*finished) return;
            *finished = true;
            sock->abort();
            sock->deleteLater();
            done(ok, err);
        };
        const QByteArray probe = "vines-chain-probe\n";
        QObject::connect(sock, &QTcpSocket::connected, sock, [sock, probe, echoes, finish]() {
            if (!echoes)
                return finish(true, {});
            sock->write(probe);
        });
        auto got = std::make_shared<QByteArray>();
        QObject::connect(sock, &QTcpSocket::readyRead, sock, [sock, got, probe, finish]() {
            *got += sock->readAll();
            if (got->size() >= probe.size())
                finish(*got == probe, QStringLiteral("the chain answered '%1' instead of echoing the probe").arg(QString::fromUtf8(got->left(40))));
        });
        QObject::connect(sock, &QTcpSocket::errorOccurred, sock, [sock, finish](QAbstractSocket::SocketError) {
            finish(false, QStringLiteral("no answer through the chain: %1").arg(sock->errorString()));
        });
        QTimer::singleShot(5000, sock, [finish]() { finish(false, QStringLiteral("no answer through the chain within 5 s")); });
        sock->connectToHost(ctx->ns.publicAddress, quint16(ctx->ns.servicePort));
    };
    return s;
}

// A UDP-only chain: a datagram through it must come back from an echoing last VNF (datagrams
// may be lost: three tries); other VNFs answer nothing that could be checked.
void Nfvo::verifyUdp(const QString &address, quint16 port, bool echoes, StepDone done)
{
    if (!echoes)
        return done(true, {});
    auto *sock = new QUdpSocket(this);
    auto finished = std::make_shared<bool>(false);
    auto finish = [sock, finished, done](bool ok, const QString &err) {
        if (*finished) return;
        *finished = true;
        sock->close();
        sock->deleteLater();
        done(ok, err);
    };
    const QByteArray probe = "vines-chain-probe";
    QObject::connect(sock, &QUdpSocket::readyRead, sock, [sock, probe, finish]() {
        while (sock->hasPendingDatagrams()) {
            const QByteArray got = sock->receiveDatagram().data();
            finish(got == probe, QStringLiteral("the chain answered '%1' instead of echoing the probe").arg(QString::fromUtf8(got.left(40))));
        }
    });
    for (int i = 0; i < 3; ++i)
        QTimer::singleShot(i * 1500, sock, [sock, address, port, probe]() { sock->writeDatagram(probe, QHostAddress(address), port); });
    QTimer::singleShot(5000, sock, [finish]() { finish(false, QStringLiteral("no UDP answer through the chain within 5 s")); });
}

// ---- operations ----------------------------------------------------------------------------

QString Nfvo::instantiate(const QString &nsdId, const QString &name, QString *error, QString *nsIdOut)
{
    const QString nsId = createNs(nsdId, name, error);
    if (nsId.isEmpty())
        return {};
    const QString op = instantiateNs(nsId, error);
    if (op.isEmpty())
        m_ns.removeInstance(nsId, nullptr);   // a refused instantiation leaves no record
    else if (nsIdOut)
        *nsIdOut = nsId;
    return op;
}

QString Nfvo::createNs(const QString &nsdId, const QString &name, QString *error)
{
    NsdRecord nsd;
    if (!m_ns.descriptor(nsdId, &nsd)) {
        *error = QStringLiteral("no NSD %1 in the NS catalog").arg(nsdId);
        return {};
    }
    const QString nsName = name.trimmed();
    if (nsName.isEmpty() || nsName.size() > 40 || nsName.contains(QRegularExpression("[^A-Za-z0-9_.-]"))) {
        *error = QStringLiteral("network service name '%1' must be 1-40 characters of letters, digits, '.', '_' or '-'").arg(name);
        return {};
    }
    for (const NsInstanceRecord &r : m_ns.instances())
        if (r.name == nsName) {
            *error = QStringLiteral("a network service named '%1' already exists").arg(nsName);
            return {};
        }
    NsInstanceRecord r;
    r.id = newId();
    r.diversion = m_vim.chainDiversion();
    r.name = nsName;
    r.nsdId = nsdId;
    if (!m_ns.insertInstance(r, error))
        return {};
    return r.id;
}

QString Nfvo::instantiateNs(const QString &nsId, QString *error)
{
    if (const QString why = whyNot(QStringLiteral("INSTANTIATE_NS"), nsId); !why.isEmpty()) {
        *error = why;
        return {};
    }
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const QString nsdId = ctx->ns.nsdId;
    NsdRecord nsd;
    if (!m_ns.descriptor(nsdId, &nsd)) {
        *error = QStringLiteral("no NSD %1 in the NS catalog").arg(nsdId);
        return {};
    }
    for (const NsdVnf &v : nsd.nsd.chain()) {
        const QString pkg = m_ns.resolvePackage(v.vnfd);
        if (pkg.isEmpty()) {
            *error = QStringLiteral("NSD %1: VNFD '%2' (node %3) is not in the VNF catalog").arg(nsd.nsd.name, v.vnfd, v.node);
            return {};
        }
        ctx->packages << pkg;
        ctx->labels << v.node;
    }
    if (const QString problem = chainProblem(ctx->packages); !problem.isEmpty()) {
        *error = QStringLiteral("NSD %1: %2").arg(nsd.nsd.name, problem);
        return {};
    }
    const ChainDiversion diversion = m_vim.chainDiversion();
    if (diversion != ChainDiversion::NetworkRules && routerPackageId().isEmpty()) {
        *error = QStringLiteral("no virtual router package (Leaf nf_type router) in the VNF catalog; onboard vines-router.csar");
        return {};
    }
    ctx->ns.diversion = diversion;
    ctx->ns.vnfInstanceIds.clear();
    if (!m_ns.updateInstance(ctx->ns, error))
        return {};

    LcmStep cleanup;   // only an undo: whatever VNFs were created go away on rollback
    cleanup.name = QStringLiteral("Reserve the chain's VNFs");
    cleanup.run = [](StepDone done) { done(true, {}); };
    cleanup.undo = [this, ctx](StepDone done) {
        terminateAndDelete(ctx->ns.vnfInstanceIds, [this, ctx, done](bool ok, const QString &err) {
            ctx->ns.vnfInstanceIds.clear();
            m_ns.updateInstance(ctx->ns);
            done(ok, err);
        });
    };

    LcmStep create;
    create.name = QStringLiteral("Instantiate %1 VNFs").arg(ctx->packages.size());
    create.timeoutMs = 120000;
    create.run = [this, ctx](StepDone done) {
        QList<std::function<QString(QString *)>> starts;
        for (int i = 0; i < ctx->packages.size(); ++i)
            starts << [this, ctx, i](QString *e) {
                QString id;
                const QString op = m_vnfm.instantiate(ctx->packages[i], uniqueName(vnfName(ctx->ns.name, i, ctx->labels[i])), {}, {}, e, &id);
                if (!id.isEmpty()) {
                    ctx->ns.vnfInstanceIds << id;
                    m_ns.updateInstance(ctx->ns);
                }
                return op;
            };
        awaitAll(starts, done);   // ids were recorded in chain order as the instantiations were issued
    };

    LcmStep chain;
    chain.name = QStringLiteral("Chain the VNFs: each forwards to the next");
    chain.run = [this, ctx](StepDone done) {
        QList<std::function<QString(QString *)>> starts;
        for (int i = 0; i + 1 < ctx->ns.vnfInstanceIds.size(); ++i) {
            const QString id = ctx->ns.vnfInstanceIds[i];
            const QString next = dataAddress(ctx->ns.vnfInstanceIds[i + 1]);
            starts << [this, id, next](QString *e) { return m_vnfm.configure(id, {{"next_hop", next}}, e); };
        }
        awaitAll(starts, done);
    };

    LcmStep address;
    const bool rules = diversion == ChainDiversion::NetworkRules;
    address.name = rules ? QStringLiteral("Allocate the chain's public address") : QStringLiteral("Associate a public address with the last VNF");
    address.run = [this, ctx, rules](StepDone done) {
        m_vim.allocatePublicAddress(guarded(this, [this, ctx, done, rules](const VimResult<PublicAddress> &a) {
            if (!a.ok)
                return done(false, a.error);
            ctx->ns.publicAddress = a.value.address;
            m_ns.updateInstance(ctx->ns);
            if (rules)   // the address stays the VR's: port forwarding sends it on (static NAT would refuse the rules)
                return done(true, {});
            InstanceRecord last;
            m_instances.get(ctx->ns.vnfInstanceIds.last(), &last);
            m_vim.associatePublicAddress(a.value.address, last.vimInstanceId, {quint16(ctx->ns.servicePort)}, guarded(this, [this, ctx, last, done](const VimResult<PublicAddress> &r) {
                if (r.ok) {
                    InstanceRecord l = last;
                    l.publicAddress = ctx->ns.publicAddress;
                    m_instances.update(l);
                }
                done(r.ok, r.error);
            }));
        }));
    };
    address.undo = [this, ctx](StepDone done) {
        m_vim.releasePublicAddress(ctx->ns.publicAddress, guarded(this, [this, ctx, done](const VimResult<Done> &r) {
            ctx->ns.publicAddress.clear();
            m_ns.updateInstance(ctx->ns);
            done(r.ok, r.error);
        }));
    };

    LcmStep route;
    route.name = rules ? QStringLiteral("Port forwarding: send the public address to the first VNF")
                       : QStringLiteral("Virtual router: redirect the public address to the first VNF");
    route.timeoutMs = 60000;
    // The classifier's ip_proto is honoured here: the router diverts only those protocols.
    const QStringList protocols = nsd.nsd.vnffgs.isEmpty() ? QStringList() : nsd.nsd.vnffgs.first().protocols();
    route.run = [this, ctx, protocols, rules](StepDone done) {
        if (!rules)
            ctx->ns.routerInstanceId = routerInstanceId();
        divertTo(ctx->ns, ctx->ns.vnfInstanceIds.first(), done, protocols);
    };
    route.undo = [this, ctx](StepDone done) { divertTo(ctx->ns, {}, done); };

    QList<LcmStep> steps{cleanup, create, chain, address, route, verifyStep(ctx)};
    if (!rules)
        steps.prepend(ensureRouterStep());
    return begin("INSTANTIATE_NS", ctx->ns.id, QJsonObject{{"nsdId", nsdId}, {"vnfs", int(ctx->packages.size())},
                                                           {"diversion", chainDiversionName(diversion)}},
                 steps,
                 [this, ctx](const QString &state) {
                     if (state == OpState::Completed)
                         ctx->ns.state = QStringLiteral("INSTANTIATED");
                     m_ns.updateInstance(ctx->ns);
                 }, error);
}

QString Nfvo::terminate(const QString &nsId, QString *error)
{
    if (const QString why = whyNot("TERMINATE_NS", nsId); !why.isEmpty()) {
        *error = why;
        return {};
    }
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    LcmStep route;
    const bool rules = ctx->ns.diversion == ChainDiversion::NetworkRules;
    route.name = rules ? QStringLiteral("Remove the chain's port forwarding") : QStringLiteral("Virtual router: remove the chain's route");
    route.timeoutMs = 60000;
    route.run = [this, ctx, rules](StepDone done) {
        if ((!rules && routerInstanceId().isEmpty()) || ctx->ns.publicAddress.isEmpty())
            return done(true, {});
        divertTo(ctx->ns, {}, [done](bool, const QString &) { done(true, {}); });   // best effort: releasing the address removes its rules too
    };
    LcmStep vnfs;
    vnfs.name = QStringLiteral("Terminate %1 VNFs").arg(ctx->ns.vnfInstanceIds.size());
    vnfs.timeoutMs = 120000;
    vnfs.run = [this, ctx](StepDone done) {
        terminateAndDelete(ctx->ns.vnfInstanceIds, [this, ctx, done](bool ok, const QString &err) {
            if (ok) {
                ctx->ns.vnfInstanceIds.clear();
                m_ns.updateInstance(ctx->ns);
            }
            done(ok, err);
        });
    };
    LcmStep release;
    release.name = QStringLiteral("Release the public address");
    release.run = [this, ctx](StepDone done) {
        if (ctx->ns.publicAddress.isEmpty())
            return done(true, {});
        m_vim.releasePublicAddress(ctx->ns.publicAddress, guarded(this, [this, ctx, done](const VimResult<Done> &) {
            ctx->ns.publicAddress.clear();
            m_ns.updateInstance(ctx->ns);
            done(true, {});
        }));
    };
    return begin("TERMINATE_NS", nsId, {}, {route, vnfs, release}, [this, ctx](const QString &state) {
        if (state == OpState::Completed) {
            ctx->ns.state = QStringLiteral("NOT_INSTANTIATED");
            m_ns.updateInstance(ctx->ns);
        }
    }, error);
}

QString Nfvo::insertVnf(const QString &nsId, int position, const QString &packageId, QString *error)
{
    if (const QString why = whyNot("MODIFY_NS", nsId); !why.isEmpty()) {
        *error = why;
        return {};
    }
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const int n = int(ctx->ns.vnfInstanceIds.size());
    if (position < 0 || position > n) {
        *error = QStringLiteral("position %1 is outside the chain (0..%2)").arg(position).arg(n);
        return {};
    }
    QStringList packages;
    for (const QString &id : ctx->ns.vnfInstanceIds) {
        InstanceRecord r;
        m_instances.get(id, &r);
        packages << r.packageId;
    }
    packages.insert(position, packageId);
    if (const QString problem = chainProblem(packages); !problem.isEmpty()) {
        *error = problem;
        return {};
    }
    PackageRecord p;
    m_packages.get(packageId, &p);
    const QString before = position > 0 ? ctx->ns.vnfInstanceIds[position - 1] : QString();   // empty: the router
    const QString after = position < n ? ctx->ns.vnfInstanceIds[position] : QString();          // empty: new last VNF
    auto newId = std::make_shared<QString>();

    LcmStep create;
    create.name = QStringLiteral("Instantiate %1 at position %2").arg(p.package.vnfd.productName).arg(position + 1);
    create.timeoutMs = 60000;
    create.run = [this, ctx, packageId, position, after, newId, label = p.package.vnfd.productName](StepDone done) {
        QJsonObject config;
        if (!after.isEmpty())
            config.insert("next_hop", dataAddress(after));
        awaitVnfm([this, ctx, packageId, position, label, config, newId](QString *e) {
            return m_vnfm.instantiate(packageId, uniqueName(vnfName(ctx->ns.name, position, label)), {}, config, e, newId.get());
        }, done);
    };
    create.undo = [this, newId](StepDone done) { terminateAndDelete({*newId}, done); };

    LcmStep link;
    link.name = position == 0 ? QStringLiteral("Divert the public address to the new first VNF")
                              : QStringLiteral("Point the previous VNF at the new one");
    link.timeoutMs = 60000;
    link.run = [this, ctx, before, newId](StepDone done) { reroute(ctx->ns, before, *newId, done); };
    link.undo = [this, ctx, before, after](StepDone done) { reroute(ctx->ns, before, after, done); };

    LcmStep moveAddress;   // appending: the public address belongs to the last VNF
    moveAddress.name = QStringLiteral("Associate the public address with the new last VNF");
    moveAddress.run = [this, ctx, after, newId](StepDone done) {
        if (!after.isEmpty() || ctx->ns.diversion == ChainDiversion::NetworkRules)   // port forwarding: the address is not the VNF's
            return done(true, {});
        InstanceRecord last;
        m_instances.get(*newId, &last);
        m_vim.associatePublicAddress(ctx->ns.publicAddress, last.vimInstanceId, {quint16(ctx->ns.servicePort)}, guarded(this, [this, ctx, newId, done](const VimResult<PublicAddress> &r) {
            if (r.ok) {
                for (const QString &id : ctx->ns.vnfInstanceIds) {
                    InstanceRecord x;
                    if (m_instances.get(id, &x) && !x.publicAddress.isEmpty()) { x.publicAddress.clear(); m_instances.update(x); }
                }
                InstanceRecord l;
                m_instances.get(*newId, &l);
                l.publicAddress = ctx->ns.publicAddress;
                m_instances.update(l);
            }
            done(r.ok, r.error);
        }));
    };

    LcmStep record;
    record.name = QStringLiteral("Record the new chain");
    record.run = [this, ctx, position, newId](StepDone done) {
        ctx->ns.vnfInstanceIds.insert(position, *newId);
        m_ns.updateInstance(ctx->ns);
        done(true, {});
    };
    record.undo = [this, ctx, newId](StepDone done) {
        ctx->ns.vnfInstanceIds.removeAll(*newId);
        m_ns.updateInstance(ctx->ns);
        done(true, {});
    };
    return begin("MODIFY_NS", nsId, QJsonObject{{"change", "INSERT_VNF"}, {"position", position}, {"packageId", packageId}},
                 {create, link, moveAddress, record, verifyStep(ctx)}, [](const QString &) {}, error);
}

QString Nfvo::removeVnf(const QString &nsId, int position, QString *error)
{
    if (const QString why = whyNot("MODIFY_NS", nsId); !why.isEmpty()) {
        *error = why;
        return {};
    }
    auto ctx = std::make_shared<Ctx>();
    m_ns.instance(nsId, &ctx->ns);
    const int n = int(ctx->ns.vnfInstanceIds.size());
    if (position < 0 || position >= n) {
        *error = QStringLiteral("position %1 is outside the chain (0..%2)").arg(position).arg(n - 1);
        return {};
    }
    if (n == 1) {
        *error = QStringLiteral("the chain has only this VNF; terminate the network service instead");
        return {};
    }
    if (position == n - 1) {
        *error = QStringLiteral("the last VNF answers the chain's traffic; insert its replacement first, then remove the others");
        return {};
    }
    const QString victim = ctx->ns.vnfInstanceIds[position];
    const QString before = position > 0 ? ctx->ns.vnfInstanceIds[position - 1] : QString();
    const QString after = ctx->ns.vnfInstanceIds[position + 1];

    LcmStep bypass;
    bypass.name = QStringLiteral("Bypass VNF %1").arg(position + 1);
    bypass.timeoutMs = 60000;
    bypass.run = [this, ctx, before, after](StepDone done) { reroute(ctx->ns, before, after, done); };
    bypass.undo = [this, ctx, before, victim](StepDone done) { reroute(ctx->ns, before, victim, done); };

    LcmStep record;
    record.name = QStringLiteral("Record the new chain");
    record.run = [this, ctx, victim](StepDone done) {
        ctx->ns.vnfInstanceIds.removeAll(victim);
        m_ns.updateInstance(ctx->ns);
        done(true, {});
    };
    record.undo = [this, ctx, victim, position](StepDone done) {
        ctx->ns.vnfInstanceIds.insert(position, victim);
        m_ns.updateInstance(ctx->ns);
        done(true, {});
    };

    LcmStep drop;
    drop.name = QStringLiteral("Terminate the removed VNF");
    drop.timeoutMs = 60000;
    drop.run = [this, victim](StepDone done) { terminateAndDelete({victim}, done); };
    return begin("MODIFY_NS", nsId, QJsonObject{{"change", "REMOVE_VNF"}, {"position", position}},
                 {bypass, record, verifyStep(ctx), drop}, [](const QString &) {}, error);
}

QStringList Nfvo::recover()
{
    QStringList report;
    QSet<QString> held;
    QList<NsInstanceRecord> halfMade;
    for (NsInstanceRecord &r : m_ns.instances()) {
        if (r.instantiated()) {
            held.insert(r.publicAddress);
            continue;
        }
        if (!r.vnfInstanceIds.isEmpty() || !r.publicAddress.isEmpty()) {   // an instantiation that never finished
            halfMade << r;
            report << QStringLiteral("network service '%1' was left half-made: rolling back its %2 VNFs").arg(r.name).arg(r.vnfInstanceIds.size());
            r.publicAddress.clear();
            m_ns.updateInstance(r);
        }
    }
    // After the VNFM's own recovery (its interrupted operations are failed first, in this event loop turn).
    m_rollbacks += int(halfMade.size());
    QTimer::singleShot(0, this, [this, halfMade]() {
        for (const NsInstanceRecord &r : halfMade) {
            auto rollBack = [this, r]() {
                terminateAndDelete(r.vnfInstanceIds, [this, id = r.id](bool, const QString &) {
                    NsInstanceRecord now;
                    if (m_ns.instance(id, &now)) {
                        now.vnfInstanceIds.clear();
                        m_ns.updateInstance(now);
                    }
                    if (--m_rollbacks == 0)
                        Q_EMIT recovered();
                });
            };
            if (r.publicAddress.isEmpty() || (r.diversion != ChainDiversion::NetworkRules && routerInstanceId().isEmpty()))
                rollBack();
            else
                divertTo(r, {}, [rollBack](bool, const QString &) { rollBack(); });   // best effort
        }
    });
    for (const InstanceRecord &r : m_instances.listSummaries())
        if (r.instantiated() && !r.publicAddress.isEmpty())
            held.insert(r.publicAddress);
    m_vim.listPublicAddresses(guarded(this, [this, held](const VimResult<QList<PublicAddress>> &r) {
        if (!r.ok)
            return;
        for (const PublicAddress &a : r.value)
            if (a.managed && !held.contains(a.address))
                m_vim.releasePublicAddress(a.address, [](const VimResult<Done> &) {});
    }));
    return report;
}

bool Nfvo::deleteNs(const QString &nsId, QString *error)
{
    if (const QString why = whyNot("DELETE_NS", nsId); !why.isEmpty()) {
        *error = why;
        return false;
    }
    return m_ns.removeInstance(nsId, error);
}

} // namespace vines
