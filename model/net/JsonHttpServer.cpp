#include "JsonHttpServer.h"
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>
#include <QPointer>
#include <QTcpSocket>
#include <QMetaEnum>
#include <exception>

namespace vines {

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

Result<QJsonObject> HttpRequest::jsonBody() const
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::invalid(QStringLiteral("malformed JSON body at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    if (!doc.isObject())
        return Error::invalid(QStringLiteral("JSON body must be an object"));
    return doc.object();
}

HttpResponse HttpResponse::json(const QJsonValue &v, int status)
{
    HttpResponse r;
    r.status = status;
    r.body = v;
    return r;
}

HttpResponse HttpResponse::error(int status, const QString &code, const QString &message)
{
    return json(QJsonObject{{"error", QJsonObject{{"status", status}, {"code", code}, {"message", message}}}}, status);
}

HttpResponse HttpResponse::text(const QByteArray &text, int status)
{
    HttpResponse r;
    r.status = status;
    r.rawBody = text;
    r.contentType = "text/plain; charset=utf-8";
    return r;
}

JsonHttpServer::JsonHttpServer(QObject *parent) : QAbstractHttpServer(parent) {}

void JsonHttpServer::route(const QString &method, const QString &pattern, Handler handler)
{
    routeAsync(method, pattern, [handler = std::move(handler)](const HttpRequest &r, Responder respond) { respond(handler(r)); });
}

void JsonHttpServer::routeAsync(const QString &method, const QString &pattern, AsyncHandler handler)
{
    m_routes.append({method, pattern.split('/', Qt::SkipEmptyParts), std::move(handler)});
}

namespace {
QByteArray encodeBody(const HttpResponse &r, QByteArray *contentType)
{
    if (!r.rawBody.isEmpty() || !r.contentType.isEmpty()) {
        *contentType = r.contentType.isEmpty() ? QByteArray("application/octet-stream") : r.contentType;
        return r.rawBody;
    }
    *contentType = "application/json";
    QJsonDocument doc;
    if (r.body.isArray())
        doc = QJsonDocument(r.body.toArray());
    else if (r.body.isObject())
        doc = QJsonDocument(r.body.toObject());
    else
        doc = QJsonDocument(QJsonObject{{"value", r.body}});
    return doc.toJson(QJsonDocument::Compact);
}

// Writes a complete HTTP/1.1 response on a socket that may have outlived its request.
void writeRaw(QTcpSocket *socket, const HttpResponse &r)
{
    QByteArray type;
    const QByteArray body = encodeBody(r, &type);
    QByteArray reason = QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(r.status);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + (reason.isEmpty() ? QByteArray("Status") : reason)
                      + "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size())
                      + "\r\nConnection: keep-alive\r\n";
    for (const auto &h : r.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    socket->write(head + body);
}
} // namespace

void JsonHttpServer::dispatch(const QHttpServerRequest &request, const Responder &answer)
{
    HttpRequest req;
    req.method = methodName(request.method());
    req.path = request.url().path();
    const Responder respond = !m_observer ? answer : Responder([this, answer, req](const HttpResponse &r) {
        answer(r);
        m_observer(req, r);
    });
    if (request.body().size() > m_maxBody)
        return respond(m_errors(413, "payload_too_large", QStringLiteral("request body exceeds %1 bytes").arg(m_maxBody)));
    req.body = request.body();
    req.raw = &request;
    for (const auto &h : request.headers())
        req.headers.insert(h.first.toLower(), h.second);
    const QUrlQuery q = request.query();
    for (const auto &item : q.queryItems(QUrl::FullyDecoded))
        req.query.insert(item.first, item.second);
    const QStringList segs = req.path.split('/', Qt::SkipEmptyParts);
    bool pathMatched = false;
    for (const Route &r : std::as_const(m_routes)) {
        if (r.segments.size() != segs.size())
            continue;
        QHash<QString, QString> params;
        bool ok = true;
        for (int i = 0; i < segs.size() && ok; ++i) {
            const QString &p = r.segments.at(i);
            const int close = p.startsWith('{') ? int(p.indexOf('}')) : -1;
            if (close > 0) {   // {name} or {name}.suffix (e.g. Tacker's legacy "{id}.json")
                const QString suffix = p.mid(close + 1);
                const QString &seg = segs.at(i);
                ok = seg.size() > suffix.size() && seg.endsWith(suffix);
                if (ok)
                    params.insert(p.mid(1, close - 1), seg.left(seg.size() - suffix.size()));
            } else {
                ok = (p == segs.at(i));
            }
        }
        if (!ok)
            continue;
        pathMatched = true;
        if (r.method != req.method)
            continue;
        req.params = params;
        try {
            if (m_guard) {
                if (auto denied = m_guard(req))
                    return respond(*denied);
            }
            r.handler(req, respond);
        } catch (const std::exception &e) {
            respond(m_errors(500, "internal_error", QString::fromUtf8(e.what())));
        } catch (...) {
            respond(m_errors(500, "internal_error", "unexpected failure"));
        }
        return;
    }
    if (pathMatched)
        return respond(m_errors(405, "method_not_allowed", QStringLiteral("%1 is not allowed on %2").arg(req.method, req.path)));
    respond(m_errors(404, "not_found", QStringLiteral("no such resource: %1").arg(req.path)));
}

void JsonHttpServer::send(const QHttpServerRequest &request, QTcpSocket *socket, const HttpResponse &r)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    QByteArray type;
    const QByteArray body = encodeBody(r, &type);
    if (r.headers.isEmpty())
        return responder.write(body, type, static_cast<QHttpServerResponder::StatusCode>(r.status));
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(r.status));
    responder.writeHeader("Content-Type", type);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    for (const auto &h : r.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(body);
}

bool JsonHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Synchronous answers go through QHttpServerResponder while the request is alive; an
    // answer that comes later is written straight on the socket if the client is still there.
    auto inCall = std::make_shared<bool>(true);
    auto answered = std::make_shared<bool>(false);
    QPointer<QTcpSocket> guard(socket);
    dispatch(request, [this, &request, socket, inCall, answered, guard](const HttpResponse &r) {
        if (*answered)
            return;
        *answered = true;
        if (*inCall)
            send(request, socket, r);
        else if (guard && guard->state() == QAbstractSocket::ConnectedState)
            writeRaw(guard, r);
    });
    *inCall = false;
    return true;
}

void JsonHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    send(request, socket, m_errors(404, "not_found", "no such resource"));
}

} // namespace vines
