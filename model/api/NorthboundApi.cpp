#include "NorthboundApi.h"
#include "ApiSupport.h"
#include "LcmSubscriptions.h"
#include "catalog/Database.h"
#include "net/ConnectionGuard.h"
#include "net/HttpListen.h"
#include "net/JsonHttpServer.h"
#include "package/PackageOnboarder.h"
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>

namespace vines::api {

NorthboundApi::NorthboundApi(ApiContext ctx, ApiTokens &tokens, ApiConfig config, QObject *parent)
    : QObject(parent), m_ctx(ctx), m_tokens(tokens), m_config(std::move(config)), m_server(std::make_unique<JsonHttpServer>()),
      m_subs(std::make_unique<LcmSubscriptions>(ctx.db, ctx.operations, ctx.instances, ctx.nam))
{
    m_server->setMaxBodyBytes(m_config.maxPackageBytes);
    m_server->setErrorFactory([](int status, const QString &, const QString &message) { return problem(status, message); });
    m_server->setGuard([this](HttpRequest &r) -> std::optional<HttpResponse> {
        const QByteArray token = r.header("x-auth-token");
        if (token.isEmpty())
            return problem(401, QStringLiteral("the request carries no X-Auth-Token header; create a token in the console (API > Access tokens…)"));
        const std::optional<ApiToken> who = m_tokens.verify(token);
        if (!who)
            return problem(401, QStringLiteral("the X-Auth-Token is not a token of this console (unknown or revoked)"));
        r.principal = who->name;
        r.role = roleName(who->role);
        if (r.method != QLatin1String("GET") && who->role != Role::Operator)
            return problem(403, QStringLiteral("token '%1' is read-only; %2 %3 needs a read-write token").arg(who->name, r.method, r.path));
        return std::nullopt;
    });
    m_server->setObserver([this](const HttpRequest &r, const HttpResponse &resp) {
        Q_EMIT requestServed(r.principal, r.method, r.path, resp.status);
    });
    // Uploaded content onboarded under the resource's id: the pending row goes, or says why not.
    connect(&m_ctx.onboarder, &PackageOnboarder::onboarded, this, [this](const QString &path, const QString &) {
        const QString id = m_uploads.take(path);
        if (id.isEmpty())
            return;
        QFile::remove(path);
        m_ctx.db.exec(QStringLiteral("DELETE FROM api_pending WHERE id = ?"), {id});
    });
    connect(&m_ctx.onboarder, &PackageOnboarder::failed, this, [this](const QString &path, const QString &error) {
        const QString id = m_uploads.take(path);
        if (id.isEmpty())
            return;
        QFile::remove(path);
        setPendingState(id, QStringLiteral("CREATED"), error);
    });
    addPackageRoutes();
    addLcmRoutes();
    addFmRoutes();
    addNfvoRoutes();
    addTackerLegacyRoutes();
}

NorthboundApi::~NorthboundApi() = default;

Result<> NorthboundApi::start()
{
    // Uploads interrupted by a restart never finished onboarding: they are CREATED again.
    (void)m_ctx.db.exec(QStringLiteral("UPDATE api_pending SET state = 'CREATED', failure = 'the upload was interrupted by a restart' "
                                 "WHERE state <> 'CREATED'"));
    QDir().mkpath(m_ctx.uploadDir);
    for (const QString &f : QDir(m_ctx.uploadDir).entryList({"*.upload"}, QDir::Files))
        QFile::remove(QDir(m_ctx.uploadDir).filePath(f));
    m_guard = std::make_unique<ConnectionGuard>(ConnectionGuard::Limits{m_config.maxConnections, m_config.maxPackageBytes, 120000, true});
    const Result<QTcpServer *> tcp = listenHttp(*m_server, *m_guard, m_config.address, m_config.port, m_config.tlsCertificate, m_config.tlsKey);
    if (!tcp)
        return tcp.error();
    m_port = (*tcp)->serverPort();
    QString host = m_config.address.toString();
    if (m_config.address == QHostAddress::Any || m_config.address == QHostAddress::AnyIPv4)
        host = QStringLiteral("127.0.0.1");
    if (m_config.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = '[' + host + ']';
    m_links.base = QStringLiteral("%1://%2:%3").arg(m_config.tls() ? "https" : "http", host).arg(m_port);
    m_subs->setLinks(m_links);
    return {};
}

QList<PendingPackage> NorthboundApi::pending(const QString &kind) const
{
    QList<PendingPackage> out;
    QSqlQuery q = m_ctx.db.query(QStringLiteral("SELECT id, state, user_defined_json, failure, created_at FROM api_pending WHERE kind = ? ORDER BY created_at"),
                                 {kind});
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), QJsonDocument::fromJson(q.value(2).toByteArray()).object(),
                    q.value(3).toString(), fromIso(q.value(4).toString())});
    return out;
}

bool NorthboundApi::pendingResource(const QString &kind, const QString &id, PendingPackage *out) const
{
    for (const PendingPackage &p : pending(kind))
        if (p.id == id) {
            *out = p;
            return true;
        }
    return false;
}

std::optional<HttpResponse> NorthboundApi::createPending(const QString &kind, const HttpRequest &r, const QString &requestType,
                                                         PendingPackage *out)
{
    QJsonObject body, userData;
    if (auto bad = readRequest(r, {"userDefinedData"}, requestType, &body))
        return bad;
    if (auto bad = optionalObject(body, "userDefinedData", &userData))
        return bad;
    *out = PendingPackage{newId(), QStringLiteral("CREATED"), userData, {}, QDateTime::currentDateTimeUtc()};
    if (const Result<> stored = m_ctx.db.exec(QStringLiteral("INSERT INTO api_pending (id, kind, state, user_defined_json, created_at) VALUES (?, ?, 'CREATED', ?, ?)"),
                                              {out->id, kind, QString::fromUtf8(QJsonDocument(userData).toJson(QJsonDocument::Compact)), isoNow()});
        !stored)
        return problem(stored.error());
    return std::nullopt;
}

void NorthboundApi::setPendingState(const QString &id, const QString &state, const QString &failure)
{
    (void)m_ctx.db.exec(QStringLiteral("UPDATE api_pending SET state = ?, failure = ? WHERE id = ?"), {state, failure, id});
}

} // namespace vines::api
