#pragma once
// A small JSON REST server on QAbstractHttpServer: method + path routing with {param}
// captures, JSON error bodies for every failure, and no exception ever escapes a handler.
#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QJsonValue>
#include <QHash>
#include <QList>
#include <functional>

namespace vines {

struct HttpRequest {
    QString method;
    QString path;
    QHash<QString, QString> params;   // captured {name} segments
    QHash<QString, QString> query;
    QByteArray body;
    const QHttpServerRequest *raw = nullptr;

    // Parses the body as a JSON object; on failure fills *error and returns false.
    bool jsonBody(QJsonObject *out, QString *error) const;
};

struct HttpResponse {
    int status = 200;
    QJsonValue body;
    QByteArray rawBody;            // used instead of body when non-empty
    QByteArray contentType;

    static HttpResponse json(const QJsonValue &v, int status = 200);
    static HttpResponse error(int status, const QString &code, const QString &message);
    static HttpResponse text(const QByteArray &text, int status = 200);
};

class JsonHttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;
    explicit JsonHttpServer(QObject *parent = nullptr);

    void route(const QString &method, const QString &pattern, Handler handler);
    qint64 maxBodyBytes() const { return m_maxBody; }
    void setMaxBodyBytes(qint64 n) { m_maxBody = n; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route { QString method; QStringList segments; Handler handler; };
    HttpResponse dispatch(const QHttpServerRequest &request);
    void send(const QHttpServerRequest &request, QTcpSocket *socket, const HttpResponse &r);
    QList<Route> m_routes;
    qint64 m_maxBody = 64 * 1024 * 1024;
};

QString methodName(QHttpServerRequest::Method m);

} // namespace vines
