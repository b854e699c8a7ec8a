#pragma once
// Asynchronous JSON-over-HTTP client with per-request timeouts. Replies are delivered on the
// calling thread's event loop; a reply object never outlives its callback.
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrl>
#include <functional>

namespace vines {

struct HttpReply {
    bool ok = false;          // transport OK and 2xx
    bool timedOut = false;    // no answer within the timeout
    int status = 0;           // HTTP status, 0 when no response
    QJsonValue json;          // parsed body (object or array), undefined if not JSON
    QByteArray body;
    QString error;            // human readable, set when !ok

    QJsonObject object() const { return json.toObject(); }
};

class HttpJsonClient {
public:
    using Callback = std::function<void(const HttpReply &)>;
    // Adjusts every request before it is sent (e.g. signs it, sets a TLS configuration).
    using Decorator = std::function<void(QNetworkRequest &, const QByteArray &verb, const QByteArray &body)>;
    explicit HttpJsonClient(QNetworkAccessManager *nam, int timeoutMs = 10000);

    void get(const QUrl &url, Callback cb) const;
    void post(const QUrl &url, const QJsonObject &body, Callback cb) const;
    void put(const QUrl &url, const QJsonObject &body, Callback cb) const;
    void del(const QUrl &url, Callback cb) const;
    void patch(const QUrl &url, const QJsonObject &body, Callback cb) const;
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body, Callback cb) const;
    void setTimeout(int ms) { m_timeoutMs = ms; }
    void setDecorator(Decorator d) { m_decorate = std::move(d); }

private:
    Decorator m_decorate;
    QNetworkAccessManager *m_nam;
    int m_timeoutMs;
};

} // namespace vines
