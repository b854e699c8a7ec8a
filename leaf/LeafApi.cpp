#include "LeafApi.h"
#include "LeafAuth.h"
#include "NfHost.h"
#include "net/RequestSigning.h"
#include <QJsonArray>

namespace vines::leaf {

namespace {
// Runs the action first, then describes the resulting state (argument order is unspecified in C++).
HttpResponse answer(const std::function<Result<>()> &action, const std::function<QJsonObject()> &body, int status = 200)
{
    const Result<> o = action();
    if (!o)
        return HttpResponse::error(Error::httpStatus(o.error().kind()), o.error().details().value("code").toString("error"), o.errorMessage());
    return HttpResponse::json(body(), status);
}
} // namespace

LeafApi::LeafApi(NfHost &host, LeafAuth &auth, QObject *parent) : JsonHttpServer(parent), m_host(host), m_auth(auth)
{
    setGuard([this](HttpRequest &r) -> std::optional<HttpResponse> {
        const signing::Verdict v = signing::verify(r, m_auth.secret(), &m_replay);
        if (v == signing::Verdict::Valid)
            return std::nullopt;
        return HttpResponse::error(401, "unauthorized", signing::describe(v));
    });
    route("PUT", "/credentials", [this](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        if (!body.value("secret").isString())
            return HttpResponse::error(400, "bad_request", "field 'secret' is required (a string)");
        if (const Result<> rotated = m_auth.rotate(body.value("secret").toString().toUtf8()); !rotated)
            return HttpResponse::error(400, "bad_request", rotated.errorMessage());
        m_host.logs().add("leaf", "management secret rotated");
        return HttpResponse::json(QJsonObject{{"rotated", true}});
    });
    route("GET", "/status", [this](const HttpRequest &) { return HttpResponse::json(m_host.status()); });
    route("GET", "/metrics", [this](const HttpRequest &) { return HttpResponse::json(m_host.metrics()); });
    route("GET", "/logs", [this](const HttpRequest &r) {
        bool ok = true;
        const int n = r.query.contains("lines") ? r.query.value("lines").toInt(&ok) : 100;
        if (!ok || n < 0 || n > 100000)
            return HttpResponse::error(400, "bad_request", "query parameter 'lines' must be a number from 0 to 100000");
        return HttpResponse::json(QJsonObject{{"lines", QJsonArray::fromStringList(m_host.logs().tail(n))}});
    });
    route("POST", "/nf", [this](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        if (!body.value("name").isString() || !body.value("type").isString())
            return HttpResponse::error(400, "bad_request", "fields 'name' and 'type' are required strings");
        if (body.contains("config") && !body.value("config").isObject())
            return HttpResponse::error(400, "bad_request", "field 'config' must be an object");
        if (body.contains("files") && !body.value("files").isObject())
            return HttpResponse::error(400, "bad_request", "field 'files' must be an object of path: base64");
        QMap<QString, QByteArray> files;
        const QJsonObject f = body.value("files").toObject();
        for (auto it = f.begin(); it != f.end(); ++it) {
            const auto decoded = QByteArray::fromBase64Encoding(it.value().toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!it.value().isString() || !decoded)
                return HttpResponse::error(400, "bad_request", QStringLiteral("files.%1 is not valid base64").arg(it.key()));
            files.insert(it.key(), decoded.decoded);
        }
        return answer([&]() { return m_host.install(body.value("name").toString(), body.value("type").toString(),
                                                    body.value("config").toObject(), files); },
                      [this]() { return m_host.status(); }, 201);
    });
    route("DELETE", "/nf", [this](const HttpRequest &) { return answer([this]() { return m_host.uninstall(); }, [this]() { return m_host.status(); }); });
    route("POST", "/nf/start", [this](const HttpRequest &) { return answer([this]() { return m_host.start(); }, [this]() { return m_host.status(); }); });
    route("POST", "/nf/stop", [this](const HttpRequest &) { return answer([this]() { return m_host.stop(); }, [this]() { return m_host.status(); }); });
    route("POST", "/nf/restart", [this](const HttpRequest &) { return answer([this]() { return m_host.restart(); }, [this]() { return m_host.status(); }); });
    route("GET", "/nf/config", [this](const HttpRequest &) { return HttpResponse::json(QJsonObject{{"config", m_host.config()}}); });
    route("PUT", "/nf/config", [this](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        QJsonObject body = *parsed;
        if (!body.value("config").isObject())
            return HttpResponse::error(400, "bad_request", "field 'config' must be an object");
        return answer([&]() { return m_host.configure(body.value("config").toObject()); },
                      [this]() { return QJsonObject{{"config", m_host.config()}}; });
    });
}

} // namespace vines::leaf
