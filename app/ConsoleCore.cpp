#include "ConsoleCore.h"
#include "nfvo/ServiceAlarms.h"
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "ems/EmsLink.h"
#include "ems/LocalEms.h"
#include "lifecycle/Vnfm.h"
#include "catalog/NsCatalog.h"
#include "nfvo/Nfvo.h"
#include "package/PackageOnboarder.h"
#include "vim/CloudStackVim.h"
#include "vim/LocalVim.h"
#include "task/TaskTree.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUuid>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace vines {

ConsoleCore::ConsoleCore(Options options) : m_opt(std::move(options))
{
    if (m_opt.dataDir.isEmpty())
        m_opt.dataDir = defaultDataDir();
    if (m_opt.leafBinary.isEmpty())
        m_opt.leafBinary = defaultLeafBinary();
    if (m_opt.emsBinary.isEmpty())
        m_opt.emsBinary = defaultEmsBinary();
}

ConsoleCore::~ConsoleCore()
{
    m_opening.reset();   // an opening still under way is given up
    // Reverse order of dependencies.
    m_onboarder.reset();
    m_nfvo.reset();
    m_nsCatalog.reset();
    m_vnfm.reset();
    m_emsLink.reset();
    m_emsClient.reset();
    m_localEms.reset();   // stops the embedded EMS
    m_cloud.reset();
    m_vim.reset();
    m_operations.reset();
    m_instances.reset();
    m_packages.reset();
    m_db.reset();
}

QString ConsoleCore::defaultDataDir() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); }

QString ConsoleCore::defaultLeafBinary()
{
    const QString env = qEnvironmentVariable("VINES_LEAF_BIN");
    return env.isEmpty() ? QDir(QCoreApplication::applicationDirPath()).filePath("vines-leaf") : env;
}

QString ConsoleCore::defaultEmsBinary()
{
    const QString env = qEnvironmentVariable("VINES_EMS_BIN");
    return env.isEmpty() ? QDir(QCoreApplication::applicationDirPath()).filePath("vines-ems") : env;
}

QString ConsoleCore::samplePackagesDir()
{
    const QDir app(QCoreApplication::applicationDirPath());
    for (const QString &rel : {QStringLiteral("../packages"), QStringLiteral("../share/vines/packages")})
        if (QFileInfo::exists(app.filePath(rel)))
            return QDir::cleanPath(app.filePath(rel));
    return {};
}

// Opening is a task tree, every step on the event loop (the window paints meanwhile): the
// catalog, then the cloud's discovery and the EMS's start, then the VNFM and NFVO with their
// recovery. `ready` gets the first failure, or success.
void ConsoleCore::open(std::function<void(const Result<> &)> ready)
{
    using task::Done;
    using task::Run;
    QList<task::Task> steps;
    steps << task::leaf(QStringLiteral("Open the catalog"), [this](const Run &, Done done) { done(openCatalog()); });
    if (m_opt.cloudStack.isValid())
        steps << task::leaf(QStringLiteral("Discover the cloud"), [this](const Run &, Done done) {
            // Zones, templates, offerings and networks first: flavours must be known before anything runs.
            m_cloud->discover([this, done](const Result<> &r) {
                done(r ? r : Result<>(r.error().prefixed(QStringLiteral("cannot use CloudStack at %1").arg(m_opt.cloudStack.apiUrl.toString()))));
            });
        });
    steps << task::leaf(QStringLiteral("Start the element manager"), [this](const Run &, Done done) {
        if (m_opt.externalEms.isValid())
            return done({});
        LocalEms::Options eo;
        eo.binary = m_opt.emsBinary;
        eo.dataDir = QDir(m_opt.dataDir).filePath("ems");
        eo.defaultPollIntervalMs = m_opt.emsPollIntervalMs;
        m_localEms = std::make_unique<LocalEms>(eo);
        m_localEms->start(done);
    });
    steps << task::leaf(QStringLiteral("Start the VNFM and the NFVO"), [this](const Run &, Done done) { done(startManagers()); });
    // Owned by the core: a core closed while it opens (SIGTERM at start) ends the opening with it.
    m_opening = std::make_unique<task::TaskTree>(task::sequence(QStringLiteral("Open the console"), steps));
    QObject::connect(m_opening.get(), &task::TaskTree::finished, m_opening.get(), [ready](const task::TaskTree::Outcome &o) {
        ready(o.end == task::TaskTree::End::Completed ? Result<>() : Result<>(o.error));
    });
    m_opening->start();
}

Result<> ConsoleCore::openCatalog()
{
    if (!QDir().mkpath(m_opt.dataDir))
        return Error::unavailable(QStringLiteral("cannot create data directory %1").arg(m_opt.dataDir));
    const QDir dir(m_opt.dataDir);
    m_db = std::make_unique<Database>(dir.filePath("vines.db"));
    if (Result<> opened = m_db->open(); !opened) {
        if (!m_db->damaged())
            return opened;
        // A damaged catalog is set aside and the newest good backup restored; the VIM's agents
        // are reconciled against what it holds (ends those nobody records).
        m_dbReport << Database::recover(dir.filePath("vines.db"));
        m_db = std::make_unique<Database>(dir.filePath("vines.db"));
        if (Result<> reopened = m_db->open(); !reopened)
            return reopened;
    }
    if (Result<> backedUp = m_db->backup(); !backedUp)
        m_dbReport << QStringLiteral("could not back up the catalog: %1").arg(backedUp.errorMessage());
    m_packages = std::make_unique<PackageCatalog>(*m_db, dir.filePath("packages"));
    m_instances = std::make_unique<InstanceStore>(*m_db);
    m_operations = std::make_unique<OperationStore>(*m_db);
    LocalVim::Options vo;
    vo.leafBinary = m_opt.leafBinary;
    vo.workDir = dir.filePath("local-vim");
    vo.keepRunningOnExit = m_opt.keepVnfsRunning;
    vo.guestPrefix = m_opt.guestPrefix;
    vo.publicPrefix = m_opt.publicPrefix;
    vo.guestNetwork = m_opt.guestNetwork;
    vo.namespaces = m_opt.namespaces;
    vo.followExistingServers = m_opt.guestNetworkAuto;
    m_vim = std::make_unique<LocalVim>(*m_db, vo);
    m_consoleId = loadConsoleId(dir);
    if (m_opt.cloudStack.isValid()) {
        CloudStackVim::Options co;
        co.endpoint = m_opt.cloudStack;
        co.name = m_opt.cloudStackName;
        co.chains = m_opt.cloudChains;
        co.routerSecret = m_opt.cloudRouterSecret;
        co.consoleId = m_consoleId;
        m_cloud = std::make_unique<CloudStackVim>(co);
    }
    return {};
}

Result<> ConsoleCore::startManagers()
{
    const EmsEndpoint ep = m_opt.externalEms.isValid() ? m_opt.externalEms : m_localEms->endpoint();
    m_emsClient = std::make_unique<EmsClient>(&m_nam, ep);
    if (m_localEms)
        QObject::connect(m_localEms.get(), &LocalEms::endpointChanged, m_localEms.get(), [this](const EmsEndpoint &e) {
            m_emsClient->setEndpoint(e);
            m_emsLink->refreshNow();
        });
    m_emsLink = std::make_unique<EmsLink>(*m_emsClient);
    if (Result<> linked = m_emsLink->start(); !linked)
        return linked;
    m_vnfm = std::make_unique<Vnfm>(*m_packages, *m_instances, *m_operations, vim(), *m_emsClient);
    Vnfm::Options vopt = m_vnfm->options();
    vopt.monitorIntervalMs = m_opt.emsPollIntervalMs;
    vopt.consoleId = m_consoleId;
    m_vnfm->setOptions(vopt);
    QObject::connect(m_emsLink.get(), &EmsLink::nfStateReported, m_vnfm.get(), &Vnfm::applyNfState);
    m_nsCatalog = std::make_unique<NsCatalog>(*m_db, *m_packages);
    m_nfvo = std::make_unique<Nfvo>(*m_nsCatalog, *m_packages, *m_instances, *m_operations, *m_vnfm, vim());
    const QStringList nsReport = m_nfvo->recover();
    m_serviceAlarms = std::make_unique<ServiceAlarms>(*m_nsCatalog, *m_instances, *m_emsLink);
    m_onboarder = std::make_unique<PackageOnboarder>(*m_packages);
    m_recovery = m_dbReport + m_vnfm->recover() + nsReport;
    return {};
}

// A stable id for this console installation (its data directory), used to tag cloud resources.
QString ConsoleCore::loadConsoleId(const QDir &dir)
{
    QFile f(dir.filePath("console.id"));
    if (f.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(f.readAll()).trimmed();
        if (!id.isEmpty())
            return id;
        f.close();
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (f.open(QIODevice::WriteOnly))
        f.write(id.toLatin1() + '\n');
    return id;
}

Vim &ConsoleCore::vim()
{
    if (m_cloud)
        return *m_cloud;
    return *m_vim;
}

ConsoleServices ConsoleCore::services()
{
    return ConsoleServices{*m_packages, *m_instances, *m_operations, *m_vnfm, *m_onboarder, *m_emsLink, *m_nsCatalog, *m_nfvo, *m_serviceAlarms};
}

api::ApiContext ConsoleCore::apiContext()
{
    return api::ApiContext{*m_db, *m_packages, *m_onboarder, *m_instances, *m_operations, *m_vnfm, *m_nsCatalog, *m_nfvo,
                           *m_emsClient, *m_serviceAlarms, m_nam, QDir(m_opt.dataDir).filePath(QStringLiteral("api-uploads"))};
}

} // namespace vines
