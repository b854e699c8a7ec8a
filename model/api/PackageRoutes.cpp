// SOL005 VNF package management: /vnfpkgm/v1/vnf_packages.
#include "ApiSupport.h"
#include "NorthboundApi.h"
#include "catalog/Database.h"
#include "catalog/PackageCatalog.h"
#include "package/CsarArchive.h"
#include "package/PackageError.h"
#include "package/PackageOnboarder.h"
#include "util/PrivateFile.h"
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace vines::api {

namespace {
const QString kBase = QStringLiteral("/vnfpkgm/v1/vnf_packages");
const QString kKind = QStringLiteral("vnf_package");

HttpResponse notFound(const QString &id) { return problem(404, QStringLiteral("no VNF package %1").arg(id)); }

// The VNFD files of a stored package: its Definitions/ folder and the entry definitions file.
QMap<QString, QByteArray> vnfdFiles(const PackageRecord &p, QString *error)
{
    CsarArchive archive;
    try {
        archive = CsarArchive::read(p.filePath);
    } catch (const PackageException &e) {
        *error = e.error().toString();
        return {};
    }
    QMap<QString, QByteArray> files;
    for (auto it = archive.files().begin(); it != archive.files().end(); ++it)
        if (it.key().startsWith(QLatin1String("Definitions/")) || it.key() == p.package.entryDefinitions)
            files.insert(it.key(), it.value());
    return files;
}
} // namespace

void NorthboundApi::addPackageRoutes()
{
    JsonHttpServer &s = *m_server;
    s.route("GET", kBase, [this](const HttpRequest &r) {
        QJsonArray all;
        for (const PackageRecord &p : m_ctx.packages.list())
            all.append(vnfPkgInfo(p, m_links));
        for (const PendingPackage &p : pending(kKind))
            all.append(vnfPkgInfo(p, m_links));
        return filteredList(r, all);
    });
    s.route("POST", kBase, [this](const HttpRequest &r) {
        PendingPackage p;
        if (auto bad = createPending(kKind, r, QStringLiteral("CreateVnfPkgInfoRequest"), &p))
            return *bad;
        return created(vnfPkgInfo(p, m_links), m_links(kBase + '/' + p.id));
    });
    s.route("GET", kBase + "/{id}", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        PackageRecord p;
        if (m_ctx.packages.get(id, &p))
            return HttpResponse::json(vnfPkgInfo(p, m_links));
        PendingPackage pending;
        if (pendingResource(kKind, id, &pending))
            return HttpResponse::json(vnfPkgInfo(pending, m_links));
        return notFound(id);
    });
    s.route("PATCH", kBase + "/{id}", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        QJsonObject body, userData;
        if (auto bad = readRequest(r, {"operationalState", "userDefinedData"}, "VnfPkgInfoModifications", &body))
            return *bad;
        if (auto bad = optionalObject(body, "userDefinedData", &userData))
            return *bad;
        QString state;
        if (auto bad = requireString(body, "operationalState", &state, false))
            return *bad;
        const std::optional<OperationalState> wanted = fromText<OperationalState>(state);
        if (!state.isEmpty() && !wanted)
            return problem(400, QStringLiteral("field 'operationalState' must be ENABLED or DISABLED, not '%1'").arg(state));
        if (body.isEmpty())
            return problem(400, QStringLiteral("VnfPkgInfoModifications needs operationalState or userDefinedData"));
        PackageRecord p;
        if (!m_ctx.packages.get(id, &p)) {
            PendingPackage pending;
            return pendingResource(kKind, id, &pending) ? problem(409, QStringLiteral("VNF package %1 is %2, not ONBOARDED").arg(id, pending.state))
                                                : notFound(id);
        }
        if (!state.isEmpty()) {
            if (*wanted == p.operationalState)
                return problem(409, QStringLiteral("VNF package %1 is already %2").arg(id, state));
            if (Result<> set = m_ctx.packages.setOperationalState(id, *wanted); !set)
                return problem(409, set.errorMessage());
        }
        return HttpResponse::json(body);
    });
    s.route("DELETE", kBase + "/{id}", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        PackageRecord p;
        if (m_ctx.packages.get(id, &p)) {
            if (p.operationalState == OperationalState::Enabled)
                return problem(409, QStringLiteral("VNF package %1 is ENABLED; disable it before deleting it").arg(id));
            if (p.usageState == UsageState::InUse)
                return problem(409, QStringLiteral("VNF package %1 is IN_USE by VNF instances").arg(id));
            if (Result<> removed = m_ctx.packages.remove(id); !removed)
                return problem(409, removed.errorMessage());
            return noContent();
        }
        PendingPackage pending;
        if (!pendingResource(kKind, id, &pending))
            return notFound(id);
        if (pending.state != QLatin1String("CREATED"))
            return problem(409, QStringLiteral("VNF package %1 is %2; wait until its content is processed").arg(id, pending.state));
        if (Result<> removed = m_ctx.db.exec(QStringLiteral("DELETE FROM api_pending WHERE id = ?"), {id}); !removed)
            return problem(removed.error());
        return noContent();
    });
    s.route("PUT", kBase + "/{id}/package_content", [this](const HttpRequest &r) {
        const QString id = r.params.value("id");
        PackageRecord p;
        if (m_ctx.packages.get(id, &p))
            return problem(409, QStringLiteral("VNF package %1 is already ONBOARDED").arg(id));
        PendingPackage pending;
        if (!pendingResource(kKind, id, &pending))
            return notFound(id);
        if (pending.state != QLatin1String("CREATED"))
            return problem(409, QStringLiteral("VNF package %1 is %2: its content is being processed").arg(id, pending.state));
        // SOL005 sends package content as application/zip. python-tackerclient 1.12 labels it
        // application/json (its HTTP client drops the content type it chose), so a ZIP body under
        // that label is taken too; any other label is refused.
        const QByteArray type = r.header("content-type").split(';').first().trimmed().toLower();
        const bool zipBody = r.body.startsWith(QByteArrayLiteral("PK\x03\x04"));
        if (!type.isEmpty() && type != "application/zip" && type != "application/octet-stream" && !(type == "application/json" && zipBody))
            return problem(415, QStringLiteral("package content must be sent as application/zip, not %1").arg(QString::fromLatin1(type)));
        if (!zipBody)
            return problem(400, QStringLiteral("package content is not a ZIP archive (a CSAR, SOL004)"));
        const QString path = QDir(m_ctx.uploadDir).filePath(id + ".upload");
        if (const Result<> written = writePrivateFile(path, r.body); !written)
            return problem(written.error());
        setPendingState(id, QStringLiteral("PROCESSING"), {});
        m_uploads.insert(path, id);
        m_ctx.onboarder.onboard(path, id);
        return accepted({});
    });
    s.route("GET", kBase + "/{id}/package_content", [this](const HttpRequest &r) {
        PackageRecord p;
        if (!m_ctx.packages.get(r.params.value("id"), &p))
            return notFound(r.params.value("id"));
        QFile f(p.filePath);
        if (!f.open(QIODevice::ReadOnly))
            return problem(500, QStringLiteral("cannot read the stored package %1").arg(p.filePath));
        HttpResponse out;
        out.rawBody = f.readAll();
        out.contentType = "application/zip";
        return out;
    });
    s.route("GET", kBase + "/{id}/vnfd", [this](const HttpRequest &r) {
        PackageRecord p;
        if (!m_ctx.packages.get(r.params.value("id"), &p))
            return notFound(r.params.value("id"));
        QString error;
        const QMap<QString, QByteArray> files = vnfdFiles(p, &error);
        if (!error.isEmpty())
            return problem(500, error);
        // text/plain when asked for it alone (one file only, SOL005); otherwise the ZIP, which is
        // always a valid answer (python-tackerclient 1.12 sends Accept: application/json here).
        const QByteArray accept = r.header("accept");
        HttpResponse out;
        if (accept.contains("text/plain") && !accept.contains("application/zip")) {
            if (files.size() != 1)
                return problem(406, QStringLiteral("the VNFD of package %1 is %2 files; ask for application/zip").arg(p.id).arg(files.size()));
            out.rawBody = files.value(p.package.entryDefinitions);
            out.contentType = "text/plain";
            return out;
        }
        QTemporaryDir tmp;
        const QString zipPath = tmp.filePath("vnfd.zip");
        if (const Result<> written = CsarWriter::write(zipPath, files); !written)
            return problem(written.error());
        QFile f(zipPath);
        f.open(QIODevice::ReadOnly);
        out.rawBody = f.readAll();
        out.contentType = "application/zip";
        return out;
    });
}

} // namespace vines::api
