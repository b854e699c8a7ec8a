#pragma once
// The VNF Manager: VNF instance lifecycle (instantiate, start, stop, restart, scale, heal,
// configure, change package, terminate) as asynchronous operation occurrences with progress and
// rollback. What each operation is (name, states it needs, its effect) is declared once in
// LcmKinds; this decides in one place whether one may run now (one operation at a time per VNF,
// SOL003's 409 for the next), builds its steps as a task tree, and writes the record's state
// when it ends (settle). Every step that calls a VIM, the EMS or an agent owns its request: a
// timeout cancels it and waits, and what a late answer made is undone.
#include "LcmKinds.h"
#include "catalog/Records.h"
#include "task/TaskTree.h"
#include "util/Result.h"
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <optional>
#include <utility>

namespace vines {

class PackageCatalog;
class InstanceStore;
class OperationStore;
class Vim;
struct VimInstance;
class EmsClient;
class LcmOperation;

// What an instantiation asks for (SOL003 InstantiateVnfRequest, as far as the console goes).
struct InstantiateRequest {
    QString packageId;
    QString name;
    QString computeFlavour;        // VIM flavour / service offering; empty = the smallest that fits
    QString deploymentFlavour;     // VNFD flavour_id; empty = the package's default flavour
    QString instantiationLevel;    // empty = the flavour's default level
    QJsonObject config;            // NF configuration overrides
    static InstantiateRequest fromSol003(const QJsonObject &request);   // flavourId, instantiationLevelId, additionalParams
};

// SOL003 TerminateVnfRequest: graceful (the NF stopped within the timeout, then its platform
// destroyed) or forceful (the platform destroyed at once).
struct TerminateRequest {
    bool graceful = true;
    int gracefulTimeoutS = 0;      // 0: the VNFM's default
    static TerminateRequest fromSol003(const QJsonObject &request);
};

enum class ScaleDirection { Out, In };

// An operation started: its occurrence, and the VNF instance it runs on.
struct LcmStarted {
    QString operationId;
    QString instanceId;
};

struct NfStatus {
    NfState state = NfState::Unknown;
    QString detail;
    QDateTime at;
    // How it moves traffic, as its platform reports it ("kernel": nftables; "splice": a relay in the agent).
    enum class DataPath { None, Kernel, Splice };   // None: not reported, or an NF that does not relay
    DataPath dataPath = DataPath::None;
    QString dataPathNote;   // why not in the kernel, when it could be
    static DataPath dataPathFromName(const QString &name)
    {
        return name == QLatin1String("kernel") ? DataPath::Kernel : name == QLatin1String("splice") ? DataPath::Splice : DataPath::None;
    }
};

// Who asks for the operations started while it lives, and how they end on a failed step: the
// GUI's roll back at once; the northbound API's halt in FAILED_TEMP for the client to retry,
// roll back or fail (SOL003). One per call, on the VNFM's thread.
struct LcmInvocation {
    QString requestedBy;        // recorded in the occurrence's params ("api:<token name>", "policy:<name>")
    bool haltOnFailure = false;
};

class Vnfm : public QObject {
    Q_OBJECT
public:
    class Invoking {   // scope: operations begun while it lives carry this invocation
    public:
        Invoking(Vnfm &vnfm, LcmInvocation how) : m_vnfm(vnfm), m_old(std::exchange(vnfm.m_invocation, std::move(how))) {}
        ~Invoking() { m_vnfm.m_invocation = m_old; }
    private:
        Vnfm &m_vnfm;
        LcmInvocation m_old;
    };

    struct Options {
        int pollIntervalMs = 2000;
        int gracefulStopTimeoutMs = 10000;
        int stepTimeoutMs = 30000;
        int monitorIntervalMs = 2000;   // the EMS's polling interval for our VNFs
        QString consoleId;              // tags VIM resources as ours, so recovery only reclaims our own
    };

    Vnfm(PackageCatalog &packages, InstanceStore &instances, OperationStore &operations, Vim &vim, EmsClient &ems,
         QObject *parent = nullptr);
    void setOptions(const Options &o);
    Options options() const { return m_opt; }

    // Brings the records back in line after a restart: every occurrence left unfinished is ended
    // with a state that matches what runs, VIM instances that no VNF instance owns are destroyed.
    // Returns what it did, one line each.
    QStringList recover();

    // Creates a VNF instance from a catalog package and instantiates it.
    Result<LcmStarted> instantiate(const InstantiateRequest &request);
    // SOL003's two steps: a NOT_INSTANTIATED VNF instance of a package (returns its id), then
    // its instantiation with the request's flavour, level, compute flavour and configuration.
    Result<QString> createInstance(const QString &packageId, const QString &name);
    Result<QString> instantiateInstance(const QString &instanceId, const InstantiateRequest &request);
    Result<QString> reinstantiate(const QString &instanceId);
    // Takes over a platform the VIM already runs (e.g. CloudStack's virtual router) as a VNF of
    // this package: registers it with the EMS, installs, configures and starts the NF on it.
    // Terminating such a VNF stops its NF but never destroys the platform.
    Result<LcmStarted> adoptPlatform(const QString &packageId, const QString &name, const VimInstance &platform);
    // The kind's operation, from its SOL003 request (LcmKinds: what the window and the API call).
    Result<QString> run(LcmOp op, const QString &instanceId, const QJsonObject &request = {});
    Result<QString> start(const QString &instanceId);
    Result<QString> stop(const QString &instanceId);
    Result<QString> restart(const QString &instanceId);
    // Vertical scaling: a different compute flavour for the VNF's VIM instance.
    Result<QString> scale(const QString &instanceId, const QString &flavour);
    // Horizontal scaling (SOL003 ScaleVnfRequest): `steps` steps of a scaling aspect of the VNF's
    // deployment flavour, adding or removing VNFC instances by the aspect's VDU deltas, within
    // the aspect's max_scale_level and each VDU's vdu_profile.
    Result<QString> scaleAspect(const QString &instanceId, const QString &aspectId, ScaleDirection direction, int steps);
    Result<QString> heal(const QString &instanceId, const QString &cause = {});
    // Pushes a new NF configuration (merged over the current one) through the EMS; rolls back on failure.
    Result<QString> configure(const QString &instanceId, const QJsonObject &changes);
    // Replaces the secret the VNF's platform agent verifies requests with (ROTATE_CREDENTIALS).
    Result<QString> rotateCredentials(const QString &instanceId);
    // SOL003 change current VNF package: the VNF moves to the newest enabled package of the
    // request's vnfdId (its NF re-installed from that package, its configuration the new defaults
    // under the instance's own changes); a failure puts the old package's NF back.
    Result<QString> changePackage(const QString &instanceId, const QJsonObject &request);
    Result<QString> terminate(const QString &instanceId, const TerminateRequest &request = {});
    Result<> deleteInstance(const QString &instanceId);
    // On an occurrence halted in FAILED_TEMP: go on from the failed step, undo what was done, or
    // end it FAILED (Conflict when it is not halted). Cancel: an occurrence in flight gives up.
    Result<> retryOperation(const QString &opId);
    Result<> rollbackOperation(const QString &opId);
    Result<> failOperation(const QString &opId);
    Result<> cancelOperation(const QString &opId);
    // Calls back once the occurrence has ended (at once if it has), unless `context` is gone.
    void whenFinished(const QString &opId, QObject *context, std::function<void(OpState state, const QString &error)> fn);

    // The deployment flavour a VNF instance runs (null when its package is gone).
    std::optional<DeploymentFlavour> deploymentFlavourOf(const QString &instanceId) const;
    // 1-64 letters, digits, '.', '_' or '-'.
    static bool validVnfName(const QString &name);
    // Whether the operation may run on the instance now: the one place that decides it (no VNF,
    // busy with another operation, the wrong state, no platform, not on this VIM).
    Result<> mayRun(LcmOp op, const QString &instanceId) const;
    QString whyNot(LcmOp op, const QString &instanceId) const { return mayRun(op, instanceId).errorMessage(); }
    NfStatus nfStatus(const QString &instanceId) const { return m_nf.value(instanceId); }
    // NF state reported by the EMS (polled, or pushed in a notification).
    void applyNfState(const QString &instanceId, const QString &state, const QString &detail);
    EmsClient &ems() { return m_ems; }
    Result<QString> defaultFlavour(const QString &packageId) const;
    Vim &vim() { return m_vim; }
    PackageCatalog &packages() { return m_packages; }
    InstanceStore &instances() { return m_instances; }
    OperationStore &operations() { return m_operations; }
    // Occurrences whose steps still run (or wait in FAILED_TEMP): what a shutdown or a test waits for.
    int running() const { return int(m_running.size()); }

Q_SIGNALS:
    void operationFinished(const QString &opId, vines::OpState state, const QString &error);
    void nfStatusChanged(const QString &instanceId);

private:
    using Ctx = std::shared_ptr<InstanceRecord>;
    using Step = task::Task;
    Result<QString> begin(LcmOp op, const QString &instanceId, const QJsonObject &params, QList<Step> steps, Ctx ctx);
    // The record's state when an operation ends (LcmKind::becomes), written in one place.
    void settle(const LcmKind &kind, const Ctx &ctx, OpState end);
    QJsonObject registration(const InstanceRecord &r) const;
    QByteArray platformUserData(const InstanceRecord &r) const;   // VINES_LEAF_SECRET=... for the VIM to hand the agent
    InstanceRecord newRecord(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config) const;
    void adopt(const InstanceRecord &r);
    void setNf(const QString &id, NfState state, const QString &detail, NfStatus::DataPath dataPath = NfStatus::DataPath::None,
               const QString &dataPathNote = {});
    void save(const Ctx &ctx);
    void poll();
    Ctx load(const QString &instanceId) const;

    Step createVimStep(Ctx ctx);
    Step registerStep(Ctx ctx, bool withUndo = true);
    Step holdFaultAlarmsStep(Ctx ctx);
    void resumeFaultAlarms(const QString &instanceId);
    Step deregisterStep(Ctx ctx);
    Step waitPlatformStep(Ctx ctx);
    Step restartNfStep(Ctx ctx);
    Step takeOverStep(Ctx ctx);
    Step installStep(Ctx ctx);
    Step configureStep(Ctx ctx);
    Step startNfStep(Ctx ctx, bool withUndo);
    Step stopNfStep(Ctx ctx, bool tolerant, int timeoutMs = 0);
    Step verifyStep(Ctx ctx, NfState expected);
    Step powerOnStep(Ctx ctx);
    Step destroyVimStep(Ctx ctx, bool tolerant);
    Step vnfcStep(Ctx ctx, const QMap<QString, int> &target, const QString &name);
    // VDU instance counts: the deployment's (initial = true) or just the VNF's own instance.
    QMap<QString, int> vnfcTarget(const QString &instanceId, bool initial) const;
    Result<QString> instantiateRecord(const QString &instanceId, const QString &computeFlavour, const QJsonObject &config,
                                      const DeploymentState &deployment);
    Result<> checkCounts(const DeploymentFlavour &f, const QMap<QString, int> &counts) const;
    // The package exists, is enabled and runs on a platform this VNFM provides (Leaf).
    Result<PackageRecord> instantiablePackage(const QString &packageId) const;
    Result<LcmOperation *> haltedOperation(const QString &opId) const;

    PackageCatalog &m_packages;
    InstanceStore &m_instances;
    OperationStore &m_operations;
    Vim &m_vim;
    EmsClient &m_ems;
    Options m_opt;
    QHash<QString, NfStatus> m_nf;
    QTimer m_poll;
    LcmInvocation m_invocation;
    QHash<QString, LcmOperation *> m_running;   // live occurrences (a halted one waits here for a decision)
    QHash<QString, QList<std::pair<QPointer<QObject>, std::function<void(OpState, const QString &)>>>> m_waiters;
};

} // namespace vines
