#pragma once
// A small JSON REST server on QAbstractHttpServer: method + path routing with {param}
// captures (a whole segment, or before a fixed suffix: {id}.json), JSON error bodies for every failure, and no exception ever escapes a handler.
#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include "util/Result.h"
#include <QJsonObject>
#include <QJsonValue>
#include <QHash>
#include <QList>
#include <functional>
#include <optional>

namespace vines {

struct HttpRequest {
    QString method;
    QString path;
    QHash<QString, QString> params;   // captured {name} segments
    QHash<QString, QString> query;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;   // names lower-cased
    QString principal;                       // set by the guard: who sent it
    QString role;                            // set by the guard: what they may do
    const QHttpServerRequest *raw = nullptr; // valid only while a synchronous handler runs

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }

    // Parses the body as a JSON object; on failure fills *error and returns false.
    Result<QJsonObject> jsonBody() const;   // {} for an empty body
};

struct HttpResponse {
    int status = 200;
    QJsonValue body;
    QByteArray rawBody;            // used instead of body when non-empty
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;   // extra response headers (Location, Link, Version, ...)

    HttpResponse &withHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); return *this; }
    static HttpResponse json(const QJsonValue &v, int status = 200);
    static HttpResponse error(int status, const QString &code, const QString &message);
    static HttpResponse text(const QByteArray &text, int status = 200);
};

class JsonHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    using Responder = std::function<void(const HttpResponse &)>;   // may be called later, once
    using AsyncHandler = std::function<void(const HttpRequest &, Responder)>;
    // Runs before every handler; a returned response (e.g. 401) answers instead of the route.
    using Guard = std::function<std::optional<HttpResponse>(HttpRequest &)>;
    // Shapes the server's own errors (404, 405, 413, 500); HttpResponse::error by default.
    using ErrorFactory = std::function<HttpResponse(int status, const QString &code, const QString &message)>;
    // Sees every request's answer (after it is sent): for activity logs.
    using Observer = std::function<void(const HttpRequest &, const HttpResponse &)>;
    explicit JsonHttpServer(QObject *parent = nullptr);

    void route(const QString &method, const QString &pattern, Handler handler);
    void routeAsync(const QString &method, const QString &pattern, AsyncHandler handler);
    void setGuard(Guard guard) { m_guard = std::move(guard); }
    void setErrorFactory(ErrorFactory f) { m_errors = std::move(f); }
    void setObserver(Observer o) { m_observer = std::move(o); }
    qint64 maxBodyBytes() const { return m_maxBody; }
    void setMaxBodyBytes(qint64 n) { m_maxBody = n; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route { QString method; QStringList segments; AsyncHandler handler; };
    void dispatch(const QHttpServerRequest &request, const Responder &respond);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const HttpResponse &r);
    QList<Route> m_routes;
    Guard m_guard;
    ErrorFactory m_errors = &HttpResponse::error;
    Observer m_observer;
    qint64 m_maxBody = 64 * 1024 * 1024;
};

QString methodName(QHttpServerRequest::Method m);

} // namespace vines
