#pragma once
// Asynchronous Apache CloudStack API client: signed GET requests (signatureversion 3 with
// expires), JSON response envelopes ("<command>response"), error envelopes (errorcode,
// cserrorcode, errortext) turned into clear messages, list pagination, asynchronous jobs
// followed with queryAsyncJobResult (backoff, timeout), TLS with certificate verification
// (optionally trusting an extra CA file), and retries only for idempotent calls.
#include "CloudStackSigner.h"
#include "util/Result.h"
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QElapsedTimer>
#include <QObject>
#include <QUrl>
#include <functional>

namespace vines::cloudstack {

struct Endpoint {
    QUrl apiUrl;              // e.g. https://cloud.example.com/client/api
    QString apiKey;
    QByteArray secretKey;     // never logged
    QString caFile;           // extra trusted CA (PEM) for https
    bool verifyTls = true;    // false only for lab clouds with self-made certificates (not recommended)
    bool isValid() const { return apiUrl.isValid() && !apiKey.isEmpty() && !secretKey.isEmpty(); }
};

// A call's answer: the inside of "<command>response" (or the job's result), or an Error whose
// code() is CloudStack's errorcode (401, 431, 530, 533, ...) and whose kind follows it: a command
// the account's role may not call is Forbidden (the key is valid), a bad key Unauthorized.
using Reply = vines::Result<QJsonObject>;
QString explainErrorCode(int errorCode);
Error::Kind errorKind(int errorCode);

class Client : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;
    struct Options {
        int timeoutMs = 30000;
        int retries = 3;                  // idempotent calls only
        int jobTimeoutMs = 600000;
        int jobPollStartMs = 250;
        int jobPollMaxMs = 3000;
        int pageSize = 500;
    };
    explicit Client(const Endpoint &ep, QObject *parent = nullptr);
    void setEndpoint(const Endpoint &ep) { m_ep = ep; }
    Endpoint endpoint() const { return m_ep; }
    void setOptions(const Options &o) { m_opt = o; }
    const Options &options() const { return m_opt; }

    // One API call. Idempotent calls (list*, query*, get*) are retried on transport errors and 5xx.
    void call(const QString &command, const Params &params, Callback cb);
    // An asynchronous command: waits for its job and delivers the job result.
    void callAsync(const QString &command, const Params &params, Callback cb);
    // Every page of a list* call; body[key] holds all items, body["count"] their number.
    void listAll(const QString &command, const Params &params, const QString &key, Callback cb);

    static bool idempotent(const QString &command);
    // Wall time during which at least one API call or job was outstanding: the time spent
    // waiting on the cloud (for separating orchestration overhead from VIM time).
    qint64 busyMs() const;
    void resetBusy() { m_busyMs = 0; if (m_outstanding) m_busySince.restart(); }

private:
    void send(const QString &command, const Params &params, int attempt, Callback cb);
    void pollJob(const QString &jobId, int delayMs, qint64 deadlineMs, Callback cb);
    void page(const QString &command, const Params &params, const QString &key, int pageNo, QJsonArray acc, Callback cb);
    void begin();
    void end();
    Endpoint m_ep;
    Options m_opt;
    QNetworkAccessManager m_nam;
    int m_outstanding = 0;
    qint64 m_busyMs = 0;
    QElapsedTimer m_busySince;
};

} // namespace vines::cloudstack
