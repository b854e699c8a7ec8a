#pragma once
// The Vim interface on an Apache CloudStack cloud: zones, templates, service offerings (the
// flavours) and guest networks are discovered; VNF instances are VMs (deployVirtualMachine,
// start/stop/reboot, scaleVirtualMachine or changeServiceForVirtualMachine, destroy — with
// expunge only where the account may), host names CloudStack accepts, tagged (createTags) so the console can reconcile after a crash; public addresses
// are associateIpAddress + enableStaticNat + firewall rules. Chains are diverted by port
// forwarding rules on their public address, which the network's virtual router implements and
// every role may create; admin accounts whose VR runs the Leaf agent may instead lend the VR to
// the NFVO (listRouters), managed as an internal VNF.
#include "Vim.h"
#include "cloudstack/CloudAccount.h"
#include "cloudstack/CloudStackClient.h"
#include "task/TaskTree.h"
#include <QTimer>

namespace vines {

using cloudstack::CloudAccount;

class CloudStackVim : public Vim {
    Q_OBJECT
public:
    struct Options {
        cloudstack::Endpoint endpoint;
        QString name = QStringLiteral("CloudStack");
        QString zone;                 // name or id; empty: the first
        QString templateName;         // name or id; empty: the first executable template
        QString network;              // name or id; empty: the first guest network
        quint16 managementPort = 7780;
        int watchIntervalMs = 10000;  // how often VM states are checked for changes behind our back
        QString consoleId;            // tags public addresses as this console's
        ChainDiversion chains = ChainDiversion::NetworkRules;   // or LentRouter (admin accounts)
        QByteArray routerSecret;      // LentRouter: the secret the VR's Leaf agent was set up with
    };
    explicit CloudStackVim(Options o, QObject *parent = nullptr);

    // Reads zones, templates, offerings, networks and the account (a task tree: each read a step);
    // the other calls wait for it.
    void discover(std::function<void(const Result<> &)> done);
    bool discovered() const { return m_discovered; }
    cloudstack::Client &client() { return m_cs; }
    const CloudAccount &account() const { return m_account; }

    QString id() const override { return QStringLiteral("cloudstack:") + m_opt.endpoint.apiUrl.host(); }
    QString displayName() const override { return QStringLiteral("%1 (%2)").arg(m_opt.name, m_opt.endpoint.apiUrl.host()); }
    QList<Flavour> flavours() const override { return m_flavours; }

    void createInstance(const CreateSpec &spec, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void startInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void stopInstance(const QString &id, VimCallback<VimInstance> cb) override;
    void rebootInstance(const QString &id, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void scaleInstance(const QString &id, const QString &flavour, const CancelToken &cancel, VimCallback<VimInstance> cb) override;
    void destroyInstance(const QString &id, VimCallback<> cb) override;
    void listInstances(VimCallback<QList<VimInstance>> cb) override;

    void allocatePublicAddress(VimCallback<PublicAddress> cb) override;
    void associatePublicAddress(const QString &address, const QString &instanceId, const QList<quint16> &openPorts,
                                VimCallback<PublicAddress> cb) override;
    void releasePublicAddress(const QString &address, VimCallback<> cb) override;
    void listPublicAddresses(VimCallback<QList<PublicAddress>> cb) override;
    void listNetworks(VimCallback<QList<VimNetwork>> cb) override;
    ChainDiversion chainDiversion() const override { return m_opt.chains; }
    QString chainDiversionText() const override;
    void findRouter(VimCallback<VimInstance> cb) override;
    void divert(const Diversion &d, VimCallback<> cb) override;

private:
    VimInstance toInstance(const QJsonObject &vm) const;
    // The calls as one parallel group (a failure with an accepted code counts as done).
    task::Task callsTask(const QString &name, const QList<std::pair<QString, cloudstack::Params>> &calls, const QList<int> &acceptedCodes = {});
    // One asynchronous API call as a task leaf.
    task::Task callTask(const QString &command, const cloudstack::Params &params, const QList<int> &acceptedCodes = {});
    QString offeringFor(const QString &flavour) const;
    void whenReady(std::function<void()> fn, std::function<void(const Error &)> fail);
    void vmAction(const QString &command, const QString &id, const cloudstack::Params &extra, VimCallback<VimInstance> cb);
    void ipId(const QString &address, std::function<void(const Result<QString> &id)> cb);
    void watch();
    cloudstack::Params destroyParams(const QString &id) const;

    Options m_opt;
    cloudstack::Client m_cs;
    bool m_discovered = false;
    int m_deploys = 0;
    CloudAccount m_account;
    QList<std::pair<std::function<void()>, std::function<void(const Error &)>>> m_waiting;
    bool m_discovering = false;
    QString m_zoneId, m_templateId, m_networkId;
    QList<Flavour> m_flavours;
    QHash<QString, QString> m_offerings;   // flavour name -> service offering id
    QHash<QString, ServerState> m_states;  // vm id -> last seen state
    QTimer m_watch;
};

} // namespace vines
