#pragma once
// Asynchronous JSON-over-HTTP client with per-request timeouts. Replies are delivered on the
// calling thread's event loop as Result<JsonReply>: a 2xx answer, or an Error whose kind follows
// the status (404 NotFound, 409 Conflict, a transfer timeout Timeout, no answer Unavailable) and
// whose code() is the status. A reply object never outlives its callback. Every request can be
// given up on: Pending::abortOn(token) aborts it when the token is cancelled, and its callback
// then gets a Cancelled error (the far side may have acted: the caller undoes what it asked for).
#include "task/Cancel.h"
#include "util/Result.h"
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>
#include <functional>

namespace vines {

struct JsonReply {
    int status = 0;           // HTTP status
    QJsonValue json;          // parsed body (object or array), undefined if not JSON
    QByteArray body;
    QJsonObject object() const { return json.toObject(); }
};
using HttpResult = Result<JsonReply>;
// The HTTP status of an answer, whether it succeeded or not (0: none came).
inline int httpStatus(const HttpResult &r) { return r ? r->status : r.error().code(); }

// A request in flight.
class Pending {
public:
    Pending() = default;
    explicit Pending(QNetworkReply *reply) : m_reply(reply) {}
    // Aborts the request if the token is cancelled before it is answered.
    const Pending &abortOn(const CancelToken &token) const;
    bool finished() const { return !m_reply || m_reply->isFinished(); }

private:
    QPointer<QNetworkReply> m_reply;
};

class HttpJsonClient {
public:
    using Callback = std::function<void(const HttpResult &)>;
    // Adjusts every request before it is sent (e.g. signs it, sets a TLS configuration).
    using Decorator = std::function<void(QNetworkRequest &, const QByteArray &verb, const QByteArray &body)>;
    explicit HttpJsonClient(QNetworkAccessManager *nam, int timeoutMs = 10000);

    Pending get(const QUrl &url, Callback cb) const;
    Pending post(const QUrl &url, const QJsonObject &body, Callback cb) const;
    Pending put(const QUrl &url, const QJsonObject &body, Callback cb) const;
    Pending del(const QUrl &url, Callback cb) const;
    Pending patch(const QUrl &url, const QJsonObject &body, Callback cb) const;
    Pending send(const QByteArray &verb, const QUrl &url, const QByteArray &body, Callback cb) const;
    void setTimeout(int ms) { m_timeoutMs = ms; }
    void setDecorator(Decorator d) { m_decorate = std::move(d); }

private:
    Decorator m_decorate;
    QNetworkAccessManager *m_nam;
    int m_timeoutMs;
};

} // namespace vines
