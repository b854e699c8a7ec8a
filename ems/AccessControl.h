#pragma once
// Access Control: every EMS request is authenticated, either by an HMAC-SHA256 signature with
// the client's API key (see net/RequestSigning.h) or by a bearer token the client obtained from
// POST /auth/token. Roles: "vnfm" may do everything; "oss" is read-only, except that it may
// manage its own notification subscriptions, and only on the Os-Em interface.
// Comparisons of secrets, signatures and tokens run in constant time.
#include "EmsConfig.h"
#include "net/JsonHttpServer.h"
#include "net/RequestSigning.h"
#include <QDateTime>
#include <QHash>
#include <optional>

namespace vines::ems {

struct Principal {
    QString clientId;
    Role role = Role::Oss;
    QString method;   // hmac or bearer
};

class AccessControl {
public:
    explicit AccessControl(const EmsConfig &config);

    // Who sent this request, or the 401 response to give.
    std::optional<HttpResponse> authenticate(const HttpRequest &r, Principal *who) const;
    // Whether that principal may do this; the 403 response otherwise.
    std::optional<HttpResponse> authorize(const Principal &who, const HttpRequest &r) const;

    // POST /auth/token with {"clientId","clientSecret"} (or an HMAC-signed empty body).
    HttpResponse issueToken(const HttpRequest &r);
    void revokeExpired();
    int activeTokens() const { return int(m_tokens.size()); }

private:
    struct Token { Principal who; QDateTime expires; };
    std::optional<HttpResponse> verifyHmac(const HttpRequest &r, Principal *who) const;
    std::optional<HttpResponse> verifyBearer(const QByteArray &token, Principal *who) const;
    static QByteArray tokenKey(const QByteArray &token);
    mutable signing::ReplayWindow m_replay;   // signed requests are accepted once

    const EmsConfig &m_config;
    QHash<QByteArray, Token> m_tokens;   // keyed by SHA-256 of the token, never the token itself
};

} // namespace vines::ems
