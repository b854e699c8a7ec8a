#pragma once
// The NFV Orchestrator: Network Service lifecycle on top of the VNFM. A service function chain
// of n VNFs is composed as in the Vines architecture: the VNFs are instantiated (in parallel),
// VNFs 1..n-1 are configured to forward to the next one, a public address is allocated for the
// chain and the network's router redirects traffic for it to the first VNF; the last VNF's
// answers travel back through the chain and the router. The router is, as the VIM allows
// (ChainDiversion): a router VNF of the NFVO's own or the VIM's router lent to it (internal
// VNFs managed through the EMS, the address associated with the last VNF), or the VIM's router
// programmed through the VIM's network API (CloudStack port forwarding, for every role). Instantiate, terminate and
// modify (insert/remove a VNF without tearing the chain down) are each one operation
// occurrence with rollback.
#include "catalog/NsCatalog.h"
#include "lifecycle/LcmOperation.h"
#include <QObject>

namespace vines {

class PackageCatalog;
class InstanceStore;
class OperationStore;
class Vnfm;
class Vim;

class Nfvo : public QObject {
    Q_OBJECT
public:
    static constexpr const char *RouterName = "vines-router";
    Nfvo(NsCatalog &ns, PackageCatalog &packages, InstanceStore &instances, OperationStore &ops, Vnfm &vnfm, Vim &vim,
         QObject *parent = nullptr);

    QString instantiate(const QString &nsdId, const QString &name, QString *error, QString *nsId = nullptr);
    // SOL005's two steps: a NOT_INSTANTIATED network service of an NSD (returns its id), then its
    // instantiation (returns the operation occurrence id).
    QString createNs(const QString &nsdId, const QString &name, QString *error);
    QString instantiateNs(const QString &nsId, QString *error);
    QString terminate(const QString &nsId, QString *error);
    QString insertVnf(const QString &nsId, int position, const QString &packageId, QString *error);
    QString removeVnf(const QString &nsId, int position, QString *error);
    bool deleteNs(const QString &nsId, QString *error);

    QString whyNot(const QString &operation, const QString &nsId) const;
    // After a restart: a network service whose instantiation was interrupted is rolled back (its
    // diversion removed, its VNFs terminated and deleted, once the VNFM has recovered), and public
    // addresses Vines allocated that no running service or VNF holds are released. Returns what
    // it does, for the operator.
    QStringList recover();
    // Whether rollbacks recover() started are still running (recovered() is emitted when done).
    bool recovering() const { return m_rollbacks > 0; }
    // Why this chain of packages cannot be composed (VNFs before the last must forward), or "".
    QString chainProblem(const QStringList &packageIds) const;
    QString routerInstanceId() const;
    QString routerPackageId() const;
    // Where a VNF instance takes chain traffic: host:listen_port.
    QString dataAddress(const QString &instanceId) const;
    NsCatalog &catalog() { return m_ns; }

Q_SIGNALS:
    void operationFinished(const QString &opId, const QString &state, const QString &error);
    void recovered();

private:
    struct Ctx;
    using CtxPtr = std::shared_ptr<Ctx>;
    QString begin(const QString &operation, const QString &nsId, const QJsonObject &params, QList<LcmStep> steps,
                  std::function<void(const QString &)> onFinish, QString *error);
    // A step that starts a VNFM operation and waits for it to finish.
    void awaitVnfm(const std::function<QString(QString *)> &start, StepDone done);
    void awaitAll(const QList<std::function<QString(QString *)>> &starts, StepDone done);
    void withRouter(const std::function<void()> &fn, int attemptsLeft, StepDone failed);
    // Empty target removes the route. Protocols: what the route carries (the path's classifier
    // ip_proto); empty keeps a replaced route's protocols, else tcp and udp.
    void setRoute(const QString &publicAddress, int port, const QString &target, StepDone done, const QStringList &protocols = {});
    // Points the chain's public address at a VNF (empty: no VNF), the way the service diverts it.
    void divertTo(const NsInstanceRecord &ns, const QString &vnfInstanceId, StepDone done, const QStringList &protocols = {});
    // Points the chain element before a VNF (empty: the public address) at a VNF (empty: nothing).
    void reroute(const NsInstanceRecord &ns, const QString &fromInstance, const QString &toInstance, StepDone done);
    void terminateAndDelete(const QStringList &ids, StepDone done);
    QString uniqueName(const QString &base) const;

    LcmStep ensureRouterStep();
    LcmStep verifyStep(CtxPtr ctx);
    void verifyUdp(const QString &address, quint16 port, bool echoes, StepDone done);

    NsCatalog &m_ns;
    PackageCatalog &m_packages;
    InstanceStore &m_instances;
    OperationStore &m_ops;
    Vnfm &m_vnfm;
    Vim &m_vim;
    int m_rollbacks = 0;
};

} // namespace vines
