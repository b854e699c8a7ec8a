#pragma once
// Wiring of the console's model objects: database, catalog, stores, the embedded local VIM,
// the VNFM and the onboarder, all under one data directory. Shared by main() and the bench.
#include "ConsoleServices.h"
#include "cloudstack/CloudStackClient.h"
#include "ems/EmsClient.h"
#include "core/ChainDiversion.h"
#include "vim/LocalVim.h"
#include "api/NorthboundApi.h"
#include "task/TaskTree.h"
#include <QNetworkAccessManager>
#include <QDir>
#include <QStringList>
#include <memory>

namespace vines {

class Database;
class PackageCatalog;
class InstanceStore;
class OperationStore;
class LocalVim;
class Vim;
class CloudStackVim;
class Vnfm;
class PackageOnboarder;
class LocalEms;
class NsCatalog;
class Nfvo;
class EmsLink;
class ServiceAlarms;

class ConsoleCore {
public:
    struct Options {
        QString dataDir;
        QString leafBinary;
        bool keepVnfsRunning = true;    // like a real VIM: VNFs outlive the console, which re-adopts them
        QString guestPrefix = QStringLiteral("127.10");
        QString publicPrefix = QStringLiteral("127.20.0");
        LocalVim::GuestNetwork guestNetwork = LocalVim::GuestNetwork::Loopback;
        bool guestNetworkAuto = false;   // an existing local VIM keeps its servers' guest network
        GuestNamespaces::Options namespaces;   // the guest network's bridge and prefixes when it is namespaces
        QString emsBinary;              // the embedded EMS daemon
        EmsEndpoint externalEms;        // when valid, use this EMS instead of starting one
        int emsPollIntervalMs = 1000;   // dashboards get a new VNF metrics point every second
        cloudstack::Endpoint cloudStack;   // when valid, VNFs run on this CloudStack cloud instead of the local VIM
        QString cloudStackName = QStringLiteral("CloudStack");
        ChainDiversion cloudChains = ChainDiversion::NetworkRules;   // or LentRouter (admin accounts whose VR runs the Leaf agent)
        QByteArray cloudRouterSecret;                                 // LentRouter: the VR agent's secret
    };
    explicit ConsoleCore(Options options);
    ~ConsoleCore();
    // Opens everything, on the event loop (never a wait): `ready` once the console can be used,
    // or with what failed first.
    void open(std::function<void(const Result<> &)> ready);

    ConsoleServices services();
    Database &database() { return *m_db; }
    PackageCatalog &packages() { return *m_packages; }
    InstanceStore &instances() { return *m_instances; }
    OperationStore &operations() { return *m_operations; }
    Vim &vim();                              // the VIM in use
    LocalVim &localVim() { return *m_vim; }  // always there (the embedded VIM)
    CloudStackVim *cloudStackVim() { return m_cloud.get(); }
    Vnfm &vnfm() { return *m_vnfm; }
    PackageOnboarder &onboarder() { return *m_onboarder; }
    EmsClient &emsClient() { return *m_emsClient; }
    NsCatalog &nsCatalog() { return *m_nsCatalog; }
    Nfvo &nfvo() { return *m_nfvo; }
    EmsLink &emsLink() { return *m_emsLink; }
    ServiceAlarms &serviceAlarms() { return *m_serviceAlarms; }
    LocalEms *localEms() { return m_localEms.get(); }
    QStringList recoveryReport() const { return m_recovery; }
    QString dataDir() const { return m_opt.dataDir; }
    // What the northbound API drives: these same objects.
    api::ApiContext apiContext();

    static QString defaultDataDir();
    static QString defaultLeafBinary();
    static QString defaultEmsBinary();
    QString consoleId() const { return m_consoleId; }
    static QString samplePackagesDir();

private:
    Options m_opt;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<PackageCatalog> m_packages;
    std::unique_ptr<InstanceStore> m_instances;
    std::unique_ptr<OperationStore> m_operations;
    std::unique_ptr<LocalVim> m_vim;
    std::unique_ptr<CloudStackVim> m_cloud;
    QNetworkAccessManager m_nam;
    std::unique_ptr<LocalEms> m_localEms;
    std::unique_ptr<EmsClient> m_emsClient;
    std::unique_ptr<EmsLink> m_emsLink;
    std::unique_ptr<Vnfm> m_vnfm;
    std::unique_ptr<NsCatalog> m_nsCatalog;
    std::unique_ptr<Nfvo> m_nfvo;
    std::unique_ptr<ServiceAlarms> m_serviceAlarms;
    std::unique_ptr<PackageOnboarder> m_onboarder;
    std::unique_ptr<task::TaskTree> m_opening;
    Result<> openCatalog();
    Result<> startManagers();
    QStringList m_dbReport;
    QStringList m_recovery;
    QString m_consoleId;
    static QString loadConsoleId(const QDir &dir);
};

} // namespace vines
