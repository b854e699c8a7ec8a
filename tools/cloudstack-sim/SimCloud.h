#pragma once
// The state of the simulated Apache CloudStack cloud: one zone, templates, service offerings,
// an isolated guest network with its virtual router, VMs (each a real vines-leaf process on its
// guest address, so NF operations and data-plane traffic are real), public IPs, static NAT,
// port forwarding and firewall rules, resource tags, and asynchronous jobs with configurable
// delays and injected failures.
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTimer>
#include <functional>

namespace vines::sim {

struct ApiError {
    int code = 0;            // CloudStack errorcode, also the HTTP status
    QString text;
};

// Who signed the request: CloudStack's account and its role type.
struct Caller {
    QString account = QStringLiteral("admin");
    bool admin = true;            // RoleType Admin (accounttype 1) or User (accounttype 0)
};

struct Failure {
    QString command;
    int errorCode = 530;
    QString errorText;
    int remaining = 1;       // how many calls fail
};

class SimCloud : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString leafBinary;
        QString workDir;
        QString guestPrefix = QStringLiteral("127.61.0");   // VMs at .10 upwards, the virtual router at .1
        QString publicPrefix = QStringLiteral("127.62.0");
        int jobDelayMs = 200;
        bool allowUserExpunge = false;   // global setting allow.user.expunge.recover.vm (default false)
        int defaultPageSize = 500;       // global setting default.page.size
        QByteArray routerSecret;         // the VR's Leaf agent secret (for consoles that are lent the VR); random when empty
    };
    explicit SimCloud(Options o, QObject *parent = nullptr);
    ~SimCloud() override;

    using Done = std::function<void(const QJsonObject &result, const ApiError &error)>;
    // Runs a command. Synchronous ones call done at once; asynchronous ones answer {jobid, id}
    // and finish the job later. Parameters are CloudStack's, decoded.
    void execute(const QString &command, const QHash<QString, QString> &params, Done done);
    // The caller of the next execute() (set by the API front end after verifying the signature).
    void setCaller(const Caller &c) { m_caller = c; }
    // Commands a User-role account may not call (CloudStack's API classes authorize only admin roles).
    static bool adminOnly(const QString &command);
    bool isAsync(const QString &command) const;
    void injectFailure(const Failure &f) { m_failures << f; }
    QJsonObject state() const;
    void setJobDelayMs(int ms) { m_opt.jobDelayMs = ms; }

private:
    struct Vm {
        QString id, name, displayName, state, offering, templateId, ip;
        QString account = QStringLiteral("admin");   // the owner
        QProcess *leaf = nullptr;
        QJsonArray tags;
        QString created;
    };
    struct PublicIp { QString id, address, staticNatVm; QJsonArray tags; QString account = QStringLiteral("admin"); };
    // What the caller sees of an owner's resources: its own; everything for an admin that asks
    // with listall=true (ListVMsCmd & co. list only the caller's resources by default).
    bool visible(const QString &owner, const QHash<QString, QString> &p) const;
    // Acting on another account's resource: CloudStack's checkAccess refuses (531) unless admin.
    bool mayOperate(const QString &owner) const { return m_caller.admin || owner == m_caller.account; }
    // The virtual router's netfilter (SimCloudNat.cpp): the port forwarding and static NAT rules
    // as relays in a vines-leaf process on the router's public address.
    QJsonArray natRoutes() const;
    void applyNat(std::function<void()> then);
    void natApplied(bool ok, const QString &why);
    void bootNat();
    QJsonObject vmJson(const Vm &vm) const;
    QJsonObject ipJson(const PublicIp &ip) const;
    QJsonObject routerJson() const;
    QJsonObject offering(const QString &id) const;
    ApiError require(const QHash<QString, QString> &p, const QStringList &names, const QString &command) const;
    void job(const QString &command, const QString &resourceId, std::function<void(Done)> work, Done reply,
             std::function<void()> onInjectedFailure = {});
    void bootLeaf(Vm &vm, const QString &address, std::function<void(bool, QString)> done);
    // Writes what the guest's metadata service would serve (0600) and returns the file.
    QString writeUserData(const QString &vmId, const QByteArray &data) const;
    void stopLeaf(Vm &vm);
    QString freeGuestIp() const;
    QJsonArray filtered(const QString &resourceType, const QHash<QString, QString> &p) const;
    bool takeFailure(const QString &command, ApiError *e);

    Options m_opt;
    QHash<QString, Vm> m_vms;
    QHash<QString, PublicIp> m_ips;
    QHash<QString, QJsonObject> m_pfRules, m_fwRules, m_ipfRules;
    QHash<QString, QString> m_relatedFw;      // firewall rule id -> the port forwarding rule that opened it
    QHash<QString, QJsonObject> m_jobs;
    QList<Failure> m_failures;
    Vm m_router;
    Vm m_nat;                                 // the router's public side: a Leaf process running its rules
    QNetworkAccessManager *m_nam = nullptr;
    QByteArray m_natSecret;
    bool m_natReady = false, m_natBusy = false, m_natDirty = false;
    QList<std::function<void()>> m_natWaiting, m_natNext;
    QString m_natError;
    QString m_zone, m_network, m_template;
    Caller m_caller;
};

} // namespace vines::sim
