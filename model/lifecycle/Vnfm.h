#pragma once
// The VNF Manager: VNF instance lifecycle (instantiate, start, stop, restart, scale, heal,
// terminate) as asynchronous operation occurrences with progress and rollback, guarded by a
// state machine that refuses illegal transitions with a clear message.
#include "catalog/Records.h"
#include <QHash>
#include <QObject>
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
struct LcmStep;

// What an instantiation asks for (SOL003 InstantiateVnfRequest, as far as the console goes).
struct InstantiateRequest {
    QString packageId;
    QString name;
    QString computeFlavour;        // VIM flavour / service offering; empty = the smallest that fits
    QString deploymentFlavour;     // VNFD flavour_id; empty = the package's default flavour
    QString instantiationLevel;    // empty = the flavour's default level
    QJsonObject config;            // NF configuration overrides
};

enum class ScaleDirection { Out, In };

struct NfStatus {
    QString state;     // running, stopped, installed, failed, unreachable, none, unknown
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

class LcmOperation;

// Who asks for the operations started while it lives, and how they end on a failed step: the
// GUI's roll back at once; the northbound API's halt in FAILED_TEMP for the client to retry,
// roll back or fail (SOL003). One per call, on the VNFM's thread.
struct LcmInvocation {
    QString requestedBy;        // recorded in the occurrence's params ("api:<token name>")
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

    // Brings the records back in line after a restart: interrupted operations are failed,
    // VIM instances that no VNF instance owns are destroyed. Returns what it did, one line each.
    QStringList recover();

    // Creates a VNF instance from a catalog package and instantiates it. Returns the
    // operation occurrence id, or an empty string with *error.
    QString instantiate(const QString &packageId, const QString &name, const QString &flavour,
                        const QJsonObject &config, QString *error, QString *instanceId = nullptr);
    QString instantiate(const InstantiateRequest &request, QString *error, QString *instanceId = nullptr);
    // SOL003's two steps: a NOT_INSTANTIATED VNF instance of a package (returns its id), then
    // its instantiation with the request's flavour, level, compute flavour and configuration.
    QString createInstance(const QString &packageId, const QString &name, QString *error);
    QString instantiateInstance(const QString &instanceId, const InstantiateRequest &request, QString *error);
    // On an operation occurrence halted in FAILED_TEMP: go on from the failed step, undo what
    // was done, or end it FAILED. False with *error when the occurrence is not halted.
    bool retryOperation(const QString &opId, QString *error);
    bool rollbackOperation(const QString &opId, QString *error);
    bool failOperation(const QString &opId, QString *error);
    QString reinstantiate(const QString &instanceId, QString *error);
    // Takes over a platform the VIM already runs (e.g. CloudStack's virtual router) as a VNF of
    // this package: registers it with the EMS, installs, configures and starts the NF on it.
    // Terminating such a VNF stops its NF but never destroys the platform.
    QString adoptPlatform(const QString &packageId, const QString &name, const VimInstance &platform, QString *error,
                          QString *instanceId = nullptr);
    QString start(const QString &instanceId, QString *error);
    QString stop(const QString &instanceId, QString *error);
    QString restart(const QString &instanceId, QString *error);
    // Vertical scaling: a different compute flavour for the VNF's VIM instance.
    QString scale(const QString &instanceId, const QString &flavour, QString *error);
    // Horizontal scaling (SOL003 ScaleVnfRequest): `steps` steps of a scaling aspect of the VNF's
    // deployment flavour, adding or removing VNFC instances by the aspect's VDU deltas, within
    // the aspect's max_scale_level and each VDU's vdu_profile.
    QString scaleAspect(const QString &instanceId, const QString &aspectId, ScaleDirection direction, int steps, QString *error);
    // The deployment flavour a VNF instance runs (null when its package is gone).
    std::optional<DeploymentFlavour> deploymentFlavourOf(const QString &instanceId) const;
    QString heal(const QString &instanceId, QString *error);
    // Pushes a new NF configuration (merged over the current one) through the EMS; rolls back on failure.
    QString configure(const QString &instanceId, const QJsonObject &changes, QString *error);
    // Replaces the secret the VNF's platform agent verifies requests with (ROTATE_CREDENTIALS).
    QString rotateCredentials(const QString &instanceId, QString *error);
    QString terminate(const QString &instanceId, QString *error);
    bool deleteInstance(const QString &instanceId, QString *error);

    // 1-64 letters, digits, '.', '_' or '-'.
    static bool validVnfName(const QString &name);
    // Empty when the operation may run on the instance now, else why not.
    QString whyNot(const QString &operation, const QString &instanceId) const;
    NfStatus nfStatus(const QString &instanceId) const { return m_nf.value(instanceId); }
    // NF state reported by the EMS (polled, or pushed in a notification).
    void applyNfState(const QString &instanceId, const QString &state, const QString &detail);
    EmsClient &ems() { return m_ems; }
    QString defaultFlavour(const QString &packageId, QString *error) const;
    Vim &vim() { return m_vim; }
    PackageCatalog &packages() { return m_packages; }
    InstanceStore &instances() { return m_instances; }
    OperationStore &operations() { return m_operations; }

Q_SIGNALS:
    void operationFinished(const QString &opId, const QString &state, const QString &error);
    void nfStatusChanged(const QString &instanceId);

private:
    using Ctx = std::shared_ptr<InstanceRecord>;
    QString begin(const QString &operation, const QString &instanceId, const QJsonObject &params,
                  QList<LcmStep> steps, Ctx ctx, std::function<void(const QString &state)> onFinish, QString *error);
    QJsonObject registration(const InstanceRecord &r) const;
    QByteArray platformUserData(const InstanceRecord &r) const;   // VINES_LEAF_SECRET=... for the VIM to hand the agent
    InstanceRecord newRecord(const QString &packageId, const QString &name, const QString &flavour, const QJsonObject &config) const;
    void adopt(const InstanceRecord &r);
    void setNf(const QString &id, const QString &state, const QString &detail, NfStatus::DataPath dataPath = NfStatus::DataPath::None,
               const QString &dataPathNote = {});
    void save(const Ctx &ctx);
    void poll();

    LcmStep createVimStep(Ctx ctx);
    LcmStep registerStep(Ctx ctx);
    LcmStep holdFaultAlarmsStep(Ctx ctx);
    void resumeFaultAlarms(const QString &instanceId);
    LcmStep deregisterStep(Ctx ctx);
    LcmStep waitPlatformStep(Ctx ctx);
    LcmStep restartNfStep(Ctx ctx);
    LcmStep takeOverStep(Ctx ctx);
    LcmStep installStep(Ctx ctx);
    LcmStep configureStep(Ctx ctx);
    LcmStep startNfStep(Ctx ctx, bool withUndo);
    LcmStep stopNfStep(Ctx ctx, bool tolerant);
    LcmStep verifyStep(Ctx ctx, const QString &expected);
    LcmStep powerOnStep(Ctx ctx);
    LcmStep destroyVimStep(Ctx ctx, bool tolerant);
    LcmStep vnfcStep(Ctx ctx, const QMap<QString, int> &target, const QString &name);
    // VDU instance counts: the deployment's (initial = true) or just the VNF's own instance.
    QMap<QString, int> vnfcTarget(const QString &instanceId, bool initial) const;
    QString instantiateRecord(const QString &instanceId, const QString &computeFlavour, const QJsonObject &config,
                              const DeploymentState &deployment, QString *error);
    QString checkCounts(const DeploymentFlavour &f, const QMap<QString, int> &counts) const;
    // The package exists, is enabled and runs on a platform this VNFM provides (Leaf).
    bool instantiablePackage(const QString &packageId, PackageRecord *p, QString *error) const;

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
    LcmOperation *haltedOperation(const QString &opId, QString *error) const;
};

} // namespace vines
