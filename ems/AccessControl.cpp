#include "AccessControl.h"
#include <QRegularExpression>
#include "net/RequestSigning.h"
#include <QCryptographicHash>
#include <QUrlQuery>

namespace vines::ems {

namespace {
HttpResponse unauthorized(const QString &message)
{
    HttpResponse r = HttpResponse::error(401, "unauthorized", message);
    return r;
}
} // namespace

AccessControl::AccessControl(const EmsConfig &config) : m_config(config) {}

QByteArray AccessControl::tokenKey(const QByteArray &token) { return QCryptographicHash::hash(token, QCryptographicHash::Sha256); }

std::optional<HttpResponse> AccessControl::authenticate(const HttpRequest &r, Principal *who) const
{
    const QByteArray auth = r.header("authorization");
    if (auth.startsWith("Bearer "))
        return verifyBearer(auth.mid(7).trimmed(), who);
    if (!r.header("x-vines-signature").isEmpty() || !r.header("x-vines-key").isEmpty())
        return verifyHmac(r, who);
    return unauthorized("authentication required: sign the request (X-Vines-Key, X-Vines-Timestamp, X-Vines-Signature) "
                        "or send Authorization: Bearer <token> from POST /auth/token");
}

std::optional<HttpResponse> AccessControl::verifyHmac(const HttpRequest &r, Principal *who) const
{
    // Always compute an HMAC, even for unknown keys, so timing does not reveal which keys exist
    // (a placeholder secret no signature matches: the replay window never sees an unknown key's).
    const auto it = m_config.clients.constFind(QString::fromUtf8(r.header("x-vines-key")));
    const bool known = it != m_config.clients.constEnd();
    switch (signing::verify(r, known ? it->secret : QByteArray("unknown-client-placeholder-secret"), &m_replay)) {
    case signing::Verdict::Unsigned:
        return unauthorized("signed requests need X-Vines-Key, X-Vines-Timestamp and X-Vines-Signature");
    case signing::Verdict::Stale:
        return unauthorized(QStringLiteral("X-Vines-Timestamp is missing or more than %1 s away from the EMS clock").arg(signing::MaxClockSkewS));
    case signing::Verdict::BadSignature:
        return unauthorized("invalid API key or signature");
    case signing::Verdict::Replayed:
        return unauthorized(signing::describe(signing::Verdict::Replayed));
    case signing::Verdict::Valid:
        break;
    }
    if (!known)
        return unauthorized("invalid API key or signature");
    *who = {it->id, it->role, "hmac"};
    return std::nullopt;
}

std::optional<HttpResponse> AccessControl::verifyBearer(const QByteArray &token, Principal *who) const
{
    // The hash lookup compares digests of the token, not the token: its timing says nothing about the token.
    const auto it = m_tokens.constFind(tokenKey(token));
    if (it == m_tokens.constEnd())
        return unauthorized("invalid bearer token");
    if (it->expires < QDateTime::currentDateTimeUtc())
        return unauthorized("bearer token expired; request a new one from POST /auth/token");
    *who = it->who;
    who->method = "bearer";
    return std::nullopt;
}

std::optional<HttpResponse> AccessControl::authorize(const Principal &who, const HttpRequest &r) const
{
    if (who.role == Role::Vnfm)
        return std::nullopt;
    if (r.path.startsWith(QLatin1String("/vevnfm-em/")))
        return HttpResponse::error(403, "forbidden", QStringLiteral("client '%1' has role oss and may not use the Ve-Vnfm-em interface; use /os-em/v1").arg(who.clientId));
    // Writes an oss client may make, matched against the routes themselves (not a substring, which
    // let "DELETE /os-em/v1/vnfs/subscriptions-x" through): create a subscription, delete one.
    static const QRegularExpression subscriptions(QStringLiteral("^/os-em/v1/subscriptions(/[^/]+)?/?$"));
    const auto m = subscriptions.match(r.path);
    const bool collection = m.hasMatch() && m.captured(1).isEmpty();
    const bool item = m.hasMatch() && !m.captured(1).isEmpty();
    if (r.method == QLatin1String("GET") || (collection && r.method == QLatin1String("POST")) || (item && r.method == QLatin1String("DELETE")))
        return std::nullopt;
    return HttpResponse::error(403, "forbidden", QStringLiteral("client '%1' has role oss, which is read-only: %2 %3 is not allowed").arg(who.clientId, r.method, r.path));
}

HttpResponse AccessControl::issueToken(const HttpRequest &r)
{
    revokeExpired();
    Principal who;
    const Result<QJsonObject> parsed = r.jsonBody();
    if (!parsed)
        return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
    const QJsonObject body = *parsed;
    if (body.contains("clientId")) {
        const QString id = body.value("clientId").toString();
        const QByteArray secret = body.value("clientSecret").toString().toUtf8();
        const auto it = m_config.clients.constFind(id);
        const QByteArray known = it != m_config.clients.constEnd() ? it->secret : QByteArray("unknown-client-placeholder-secret");
        const bool match = signing::constantTimeEquals(tokenKey(known), tokenKey(secret));
        if (it == m_config.clients.constEnd() || !match)
            return unauthorized("invalid client id or secret");
        who = {it->id, it->role, "secret"};
    } else if (auto denied = verifyHmac(r, &who)) {
        return *denied;
    }
    const QByteArray token = signing::randomToken(32);
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(m_config.tokenLifetimeS);
    m_tokens.insert(tokenKey(token), {who, expires});
    return HttpResponse::json(QJsonObject{{"access_token", QString::fromLatin1(token)}, {"token_type", "Bearer"},
                                          {"expires_in", m_config.tokenLifetimeS}, {"role", roleName(who.role)}}, 201);
}

void AccessControl::revokeExpired()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_tokens.begin(); it != m_tokens.end();)
        it = it->expires < now ? m_tokens.erase(it) : std::next(it);
}

} // namespace vines::ems
