// VNFM lifecycle steps that act on the NF, all through the EMS (Ve-Vnfm-em): register the VNF
// with the EMS, wait for its execution platform, install/configure/start/stop/restart the NF,
// verify its state, deregister. The EMS's extended driver speaks the platform's protocol. Each
// step's request is aborted when the step is given up on (its undo then runs: what the EMS may
// have done is undone).
#include "Vnfm.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include "ems/EmsClient.h"
#include "package/CsarArchive.h"
#include "package/PackageError.h"
#include "util/Background.h"
#include "util/Guarded.h"
#include <QTimer>

namespace vines {

using task::Done;
using task::Run;

namespace {
using NfFiles = QMap<QString, QByteArray>;

Result<NfFiles> loadNfFiles(const QString &csarPath)
{
    try {
        NfFiles files;
        const CsarArchive a = CsarArchive::read(csarPath);
        for (const QString &n : a.names())
            if (n.startsWith(QLatin1String("Scripts/")) || n.startsWith(QLatin1String("Files/")))
                files.insert(n, a.file(n));
        return files;
    } catch (const PackageException &e) {
        return e.error().toError();
    }
}

HttpJsonClient::Callback finish(Done done) { return [done](const HttpResult &r) { done(r); }; }
} // namespace

QJsonObject Vnfm::registration(const InstanceRecord &r) const
{
    PackageRecord p;
    m_packages.get(r.packageId, &p);
    const QString platform = p.package.vnfd.exp.platform.isEmpty() ? QStringLiteral("leaf") : p.package.vnfd.exp.platform;
    QJsonObject options;
    if (platform == QLatin1String("leaf"))
        options.insert("leafSecret", QString::fromUtf8(r.platformSecret));
    return {{"vnfInstanceId", r.id}, {"name", r.name}, {"vnfExp", platform}, {"driverOptions", options},
            {"managementAddress", r.mgmtAddress},
            {"expectedState", r.instantiated() && r.vnfState == VnfState::Started ? "running" : "unknown"},
            {"monitoringPolicy", QJsonObject{{"intervalMs", m_opt.monitorIntervalMs}}}};
}

void Vnfm::adopt(const InstanceRecord &r)
{
    m_ems.registerVnf(registration(r), [](const HttpResult &) {});
}

Vnfm::Step Vnfm::holdFaultAlarmsStep(Ctx ctx)
{
    // Best effort: an EMS that cannot be told does not stop the repair. No undo: the heal's end
    // resumes the alarms whatever the outcome (settle).
    return task::leaf(QStringLiteral("Hold the EMS's fault alarms (maintenance)"), [this, ctx](const Run &run, Done done) {
        m_ems.updateVnf(ctx->id, {{"monitoringPolicy", QJsonObject{{"faults", false}}}}, [done](const HttpResult &) { done({}); }).abortOn(run.cancel());
    });
}

void Vnfm::resumeFaultAlarms(const QString &instanceId)
{
    m_ems.updateVnf(instanceId, {{"monitoringPolicy", QJsonObject{{"faults", true}}}}, [](const HttpResult &) {});
}

Vnfm::Step Vnfm::registerStep(Ctx ctx, bool withUndo)
{
    Step s = task::leaf(QStringLiteral("Register with EMS"), [this, ctx](const Run &run, Done done) {
        QJsonObject reg = registration(*ctx);
        reg.insert("expectedState", "unknown");   // nothing runs yet: no NF_DOWN alarm while we install
        m_ems.registerVnf(reg, guarded(this, [this, ctx, reg, run, done](const HttpResult &r) {
            if (r || r.error().code() != 409)
                return done(r);
            QJsonObject update = reg;   // already known (a heal, or a retry): point it at the new platform
            update.remove("vnfInstanceId");
            m_ems.updateVnf(ctx->id, update, finish(done)).abortOn(run.cancel());
        })).abortOn(run.cancel());
    });
    if (withUndo)
        s.undo = [this, ctx](const Run &, Done done) {
            m_ems.deregisterVnf(ctx->id, [done](const HttpResult &r) { done(r || r.error().code() == 404 ? Result<>() : Result<>(r.error())); });
        };
    return s;
}

Vnfm::Step Vnfm::deregisterStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Deregister from EMS"), [this, ctx](const Run &run, Done done) {
        // Terminate goes on whatever the EMS says; an unknown VNF is already what we want.
        m_ems.deregisterVnf(ctx->id, [done](const HttpResult &) { done({}); }).abortOn(run.cancel());
    });
}

Vnfm::Step Vnfm::waitPlatformStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Connect to VNF execution platform (via EMS)"), [this, ctx](const Run &run, Done done) {
        auto attempt = std::make_shared<std::function<void(int)>>();
        *attempt = [this, ctx, run, done, attempt](int left) {
            if (run.cancelled()) {
                *attempt = nullptr;
                return done(Error::cancelled(run.cancel().reason()));
            }
            m_ems.status(ctx->id, guarded(this, [this, run, done, attempt, left](const HttpResult &r) {
                if (r || left <= 0 || run.cancelled()) {
                    auto keep = *attempt;   // outlive the reset below
                    *attempt = nullptr;
                    return done(run.cancelled() && !r ? Result<>(Error::cancelled(run.cancel().reason())) : Result<>(r));
                }
                QTimer::singleShot(100, this, [attempt, left]() { if (*attempt) (*attempt)(left - 1); });
            })).abortOn(run.cancel());
        };
        (*attempt)(150);
    });
}

Vnfm::Step Vnfm::takeOverStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Take over the platform's running NF, if any"), [this, ctx](const Run &run, Done done) {
        PackageRecord p;
        m_packages.get(ctx->packageId, &p);
        const QString type = p.package.vnfd.exp.nfType;
        m_ems.status(ctx->id, guarded(this, [this, ctx, type, run, done](const HttpResult &r) {
            const QJsonObject nf = r.valueOr({}).object().value("nf").toObject();
            if (!r || nf.value("state").toString() != QLatin1String("running") || nf.value("type").toString() != type)
                return done({});   // nothing to keep: install as usual
            // A platform adopted again (e.g. a shared virtual router): keep its NF and configuration.
            m_ems.config(ctx->id, guarded(this, [this, ctx, done](const HttpResult &c) {
                if (!c)
                    return done(c);
                QJsonObject config = c->object().value("config").toObject();
                config.insert("vines.adopted", true);
                config.insert("vines.reuseNf", true);
                ctx->config = config;
                save(ctx);
                done({});
            })).abortOn(run.cancel());
        })).abortOn(run.cancel());
    });
}

Vnfm::Step Vnfm::installStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Install NF"), [this, ctx](const Run &run, Done done) {
        if (ctx->config.value("vines.reuseNf").toBool())
            return done({});
        PackageRecord p;
        if (!m_packages.get(ctx->packageId, &p))
            return done(Error::notFound(QStringLiteral("package %1 is no longer in the catalog").arg(ctx->packageId)));
        const QString path = p.filePath;
        const VnfExp exp = p.package.vnfd.exp;
        inBackground<Result<NfFiles>>(this, [path]() { return loadNfFiles(path); }, [this, ctx, exp, run, done](const Result<NfFiles> &f) {
            if (!f)
                return done(f.error());
            if (run.cancelled())
                return done(Error::cancelled(run.cancel().reason()));
            m_ems.installNf(ctx->id, ctx->name, exp.nfType, ctx->config, *f, finish(done)).abortOn(run.cancel());
        });
    });
}

Vnfm::Step Vnfm::configureStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Configure NF"), [this, ctx](const Run &run, Done done) {
        if (ctx->config.value("vines.reuseNf").toBool())
            return done({});
        m_ems.configure(ctx->id, ctx->config, finish(done)).abortOn(run.cancel());
    });
}

Vnfm::Step Vnfm::startNfStep(Ctx ctx, bool withUndo)
{
    Step s = task::leaf(QStringLiteral("Start NF"), [this, ctx](const Run &run, Done done) {
        if (ctx->config.value("vines.reuseNf").toBool()) {   // already running: just make the EMS expect it to
            m_ems.updateVnf(ctx->id, {{"expectedState", "running"}}, finish(done)).abortOn(run.cancel());
            return;
        }
        m_ems.nfAction(ctx->id, "start", finish(done)).abortOn(run.cancel());
    });
    if (withUndo)
        s.undo = [this, ctx](const Run &, Done done) {
            if (ctx->config.value("vines.reuseNf").toBool())
                return done({});   // it ran before we came: leave it running
            m_ems.nfAction(ctx->id, "stop", finish(done));
        };
    return s;
}

Vnfm::Step Vnfm::restartNfStep(Ctx ctx)
{
    return task::leaf(QStringLiteral("Restart NF"), [this, ctx](const Run &run, Done done) {
        m_ems.nfAction(ctx->id, "restart", finish(done)).abortOn(run.cancel());
    });
}

Vnfm::Step Vnfm::stopNfStep(Ctx ctx, bool tolerant, int timeoutMs)
{
    Step s = task::leaf(tolerant ? QStringLiteral("Stop NF gracefully") : QStringLiteral("Stop NF"), [this, ctx, tolerant](const Run &run, Done done) {
        if (ctx->mgmtAddress.isEmpty())
            return done(tolerant ? Result<>() : Result<>(Error::conflict(QStringLiteral("the VNF has no management address"))));
        // Terminate goes on to the forced path (destroying the VIM instance) whatever happens here.
        m_ems.nfAction(ctx->id, "stop", [done, tolerant](const HttpResult &r) { done(r || tolerant ? Result<>() : Result<>(r.error())); })
            .abortOn(run.cancel());
    });
    s.timeoutMs = tolerant ? (timeoutMs > 0 ? timeoutMs : m_opt.gracefulStopTimeoutMs) + 1000 : 0;
    return s;
}

Vnfm::Step Vnfm::verifyStep(Ctx ctx, NfState expected)
{
    return task::leaf(QStringLiteral("Verify NF %1").arg(text(expected)), [this, ctx, expected](const Run &run, Done done) {
        m_ems.status(ctx->id, guarded(this, [this, ctx, expected, done](const HttpResult &r) {
            if (!r)
                return done(r);
            const QJsonObject nf = r->object().value("nf").toObject();
            const NfState state = fromText(r->object().value("nfState").toString(), NfState::Unknown);
            const QString why = nf.value("error").toString();
            setNf(ctx->id, state, why);
            if (state != expected)
                return done(Error::upstream(QStringLiteral("NF is %1, expected %2%3").arg(text(state), text(expected), why.isEmpty() ? QString() : ": " + why)));
            done({});
        })).abortOn(run.cancel());
    });
}

} // namespace vines
