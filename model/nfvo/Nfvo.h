#pragma once
// The NFV Orchestrator: Network Service lifecycle on top of the VNFM. A service function chain
// of n VNFs is composed as in the Vines architecture: the VNFs are instantiated (in parallel),
// VNFs 1..n-1 are configured to forward to the next one, a public address is allocated for the
// chain and the network's router redirects traffic for it to the first VNF; the last VNF's
// answers travel back through the chain and the router. The router is, as the VIM allows
// (ChainDiversion): a router VNF of the NFVO's own or the VIM's router lent to it (internal
// VNFs managed through the EMS, the address associated with the last VNF), or the VIM's router
// programmed through the VIM's network API (CloudStack port forwarding, for every role).
// Instantiate, terminate and modify (insert/remove a VNF without tearing the chain down) are each
// one operation occurrence, its steps a task tree: a VNF operation it starts is its child (given
// up on, it is cancelled and waited for), and what completed is undone on failure.
// The class is split by concern: Nfvo.cpp (the operations), NsVnfSteps.cpp (the VNFs of a
// chain), NsRouting.cpp (the public address and the router), NsVerification.cpp (the chain
// answers), NsRecovery.cpp (after a restart).
#include "catalog/NsCatalog.h"
#include "task/TaskTree.h"
#include "util/Result.h"
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace vines {

class PackageCatalog;
class InstanceStore;
class OperationStore;
class Vnfm;
class Vim;

// The network service operations, with their names in records and the state each needs.
enum class NsOp { Instantiate, Terminate, Modify, Delete };
QString nsOpName(NsOp op);   // INSTANTIATE_NS, TERMINATE_NS, MODIFY_NS, DELETE_NS
bool isNsOperation(const QString &name);

class Nfvo : public QObject {
    Q_OBJECT
public:
    static constexpr const char *RouterName = "vines-router";
    Nfvo(NsCatalog &ns, PackageCatalog &packages, InstanceStore &instances, OperationStore &ops, Vnfm &vnfm, Vim &vim,
         QObject *parent = nullptr);

    // createNs then instantiateNs; a refused instantiation leaves no record.
    struct Started {
        QString operationId;
        QString nsId;
    };
    Result<Started> instantiate(const QString &nsdId, const QString &name);
    // SOL005's two steps: a NOT_INSTANTIATED network service of an NSD (returns its id), then its
    // instantiation (returns the operation occurrence id).
    Result<QString> createNs(const QString &nsdId, const QString &name);
    Result<QString> instantiateNs(const QString &nsId);
    Result<QString> terminate(const QString &nsId);
    Result<QString> insertVnf(const QString &nsId, int position, const QString &packageId);
    Result<QString> removeVnf(const QString &nsId, int position);
    Result<> deleteNs(const QString &nsId);
    // Calls back once the occurrence has ended (at once if it has), unless `context` is gone.
    void whenFinished(const QString &opId, QObject *context, std::function<void(OpState state, const QString &error)> fn);

    Result<> mayRun(NsOp op, const QString &nsId) const;
    QString whyNot(NsOp op, const QString &nsId) const { return mayRun(op, nsId).errorMessage(); }
    // After a restart: a network service whose instantiation was interrupted is rolled back (its
    // diversion removed, its VNFs terminated and deleted, once the VNFM has recovered), and public
    // addresses Vines allocated that no running service or VNF holds are released. Returns what
    // it does, for the operator.
    QStringList recover();
    // Whether rollbacks recover() started are still running (recovered() is emitted when done).
    bool recovering() const { return m_rollbacks > 0; }
    // Why this chain of packages cannot be composed (VNFs before the last must forward).
    Result<> chainProblem(const QStringList &packageIds) const;
    QString routerInstanceId() const;
    QString routerPackageId() const;
    // Where a VNF instance takes chain traffic: host:listen_port.
    QString dataAddress(const QString &instanceId) const;
    NsCatalog &catalog() { return m_ns; }

Q_SIGNALS:
    void operationFinished(const QString &opId, vines::OpState state, const QString &error);
    void recovered();

private:
    struct Ctx;
    using CtxPtr = std::shared_ptr<Ctx>;
    using Step = task::Task;
    using Done = task::Done;
    Result<QString> begin(NsOp op, const QString &nsId, const QJsonObject &params, QList<Step> steps, std::function<void(OpState)> onFinish);

    // NsVnfSteps.cpp: a VNFM operation as a step (it ends when the operation ends; given up on,
    // the operation is cancelled and waited for), and the chain's VNFs made and taken away.
    Step vnfmStep(const QString &name, std::function<Result<QString>()> start);
    Step createVnfsStep(CtxPtr ctx);
    Step chainStep(CtxPtr ctx);
    Step terminateVnfsStep(const QString &name, std::function<QStringList()> ids, bool keepOnRollback = false);
    Step terminateAndDeleteStep(const QString &name, const QString &instanceId);
    QString uniqueName(const QString &base) const;

    // NsRouting.cpp: the chain's public address and where it is diverted.
    Step ensureRouterStep();
    Step addressStep(CtxPtr ctx, bool networkRules);
    Step releaseAddressStep(CtxPtr ctx);
    Step routeStep(CtxPtr ctx, const QStringList &protocols);
    void withRouter(const std::function<void()> &fn, int attemptsLeft, Done failed);
    // Empty target removes the route. Protocols: what the route carries (the path's classifier
    // ip_proto); empty keeps a replaced route's protocols, else tcp and udp.
    void setRoute(const QString &publicAddress, int port, const QString &target, Done done, const QStringList &protocols = {});
    // Points the chain's public address at a VNF (empty: no VNF), the way the service diverts it.
    void divertTo(const NsInstanceRecord &ns, const QString &vnfInstanceId, Done done, const QStringList &protocols = {});
    // Points the chain element before a VNF (empty: the public address) at a VNF (empty: nothing).
    void reroute(const NsInstanceRecord &ns, const QString &fromInstance, const QString &toInstance, Done done);
    // A VNFM configure of one VNF, waited for.
    void configureVnf(const QString &instanceId, const QJsonObject &changes, Done done);

    // NsVerification.cpp: the chain answers on its public address.
    Step verifyStep(CtxPtr ctx);

    NsCatalog &m_ns;
    PackageCatalog &m_packages;
    InstanceStore &m_instances;
    OperationStore &m_ops;
    Vnfm &m_vnfm;
    Vim &m_vim;
    int m_rollbacks = 0;
    QSet<QString> m_running;   // occurrences in flight
    QHash<QString, QList<std::pair<QPointer<QObject>, std::function<void(OpState, const QString &)>>>> m_waiters;
};

} // namespace vines
