#include "NotificationListener.h"
#include "net/RequestSigning.h"
#include <QDateTime>

namespace vines {

NotificationListener::NotificationListener(QObject *parent) : QObject(parent), m_pending(signing::randomToken())
{
    // The EMS checks a callback with GET before subscribing it (SOL 002/003 subscribers answer 204).
    m_server.route("GET", "/notifications", [](const HttpRequest &) { return HttpResponse::text({}, 204); });
    m_server.route("POST", "/notifications", [this](const HttpRequest &r) {
        const auto it = m_secrets.constFind(QString::fromUtf8(r.header("x-vines-key")));
        const QByteArray secret = it != m_secrets.constEnd() ? *it : QByteArray("unknown-subscription-placeholder");
        if (signing::verify(r, secret, &m_replay) != signing::Verdict::Valid || it == m_secrets.constEnd()) {
            ++m_rejected;
            return HttpResponse::error(401, "unauthorized", "notification not signed by a known subscription");
        }
        const Result<QJsonObject> body = r.jsonBody();
        if (!body)
            return HttpResponse::error(400, "malformed_json", body.errorMessage());
        ++m_received;
        Q_EMIT notification(*body);
        return HttpResponse::json(QJsonObject{{"received", true}});
    });
}

Result<> NotificationListener::listen(const QHostAddress &address)
{
    m_tcp = m_guard.newTcpServer(this);
    if (!m_tcp->listen(address, 0))
        return Error::unavailable(QStringLiteral("notification listener: %1").arg(m_tcp->errorString()));
    m_server.bind(m_tcp);
    return {};
}

QUrl NotificationListener::callbackUrl() const
{
    QUrl u;
    u.setScheme("http");
    u.setHost(m_tcp ? m_tcp->serverAddress().toString() : QStringLiteral("127.0.0.1"));
    u.setPort(m_tcp ? m_tcp->serverPort() : 0);
    u.setPath("/notifications");
    return u;
}

} // namespace vines
