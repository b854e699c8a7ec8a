#include "CloudStackClient.h"
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QRegularExpression>
#include <QTimer>

namespace vines::cloudstack {

QString explainErrorCode(int code)
{
    switch (code) {
    case 401: return QStringLiteral("unauthorized: wrong API key or secret, or the request signature expired");
    case 405: return QStringLiteral("method not allowed");
    case 431: return QStringLiteral("invalid parameter");
    case 432: return QStringLiteral("unsupported action");
    case 429: return QStringLiteral("API request limit exceeded (the cloud's api.throttling)");
    case 530: return QStringLiteral("internal error in CloudStack");
    case 531: return QStringLiteral("account error");
    case 532: return QStringLiteral("account resource limit reached");
    case 533: return QStringLiteral("insufficient capacity");
    case 534: return QStringLiteral("resource unavailable");
    case 535: return QStringLiteral("resource allocation error");
    case 536: return QStringLiteral("resource in use");
    case 537: return QStringLiteral("network rule conflict");
    default: return QStringLiteral("error %1").arg(code);
    }
}

Error::Kind errorKind(int code)
{
    switch (code) {
    case 401: return Error::Kind::Unauthorized;
    case 405: case 431: return Error::Kind::Invalid;
    case 432: case 531: return Error::Kind::Forbidden;
    case 429: return Error::Kind::TooMany;
    case 532: case 533: case 535: return Error::Kind::Exhausted;
    case 534: return Error::Kind::Unavailable;
    case 536: case 537: return Error::Kind::Conflict;
    default: return Error::Kind::Upstream;
    }
}

Client::Client(const Endpoint &ep, QObject *parent) : QObject(parent), m_ep(ep) {}

bool Client::idempotent(const QString &command)
{
    return command.startsWith(QLatin1String("list")) || command.startsWith(QLatin1String("query")) || command.startsWith(QLatin1String("get"));
}

void Client::begin()
{
    if (m_outstanding++ == 0)
        m_busySince.start();
}

void Client::end()
{
    if (--m_outstanding == 0)
        m_busyMs += m_busySince.elapsed();
}

qint64 Client::busyMs() const { return m_busyMs + (m_outstanding ? m_busySince.elapsed() : 0); }

void Client::call(const QString &command, const Params &params, Callback cb)
{
    begin();
    send(command, params, 0, [this, cb = std::move(cb)](const Reply &r) {
        end();
        cb(r);
    });
}

void Client::send(const QString &command, const Params &params, int attempt, Callback cb)
{
    Params p = params;
    p.prepend(qMakePair(QStringLiteral("command"), command));
    QUrl base = m_ep.apiUrl;
    base.setQuery(QString());
    // Sent exactly as signed: the encoded query is not re-normalized.
    const QUrl url = QUrl::fromEncoded(base.toEncoded() + '?'
                                       + signedQuery(p, m_ep.apiKey, m_ep.secretKey, QDateTime::currentDateTimeUtc().addSecs(600)));
    QNetworkRequest req(url);
    req.setTransferTimeout(m_opt.timeoutMs);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme() == QLatin1String("https") && (!m_ep.caFile.isEmpty() || !m_ep.verifyTls)) {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!m_ep.caFile.isEmpty())
            conf.addCaCertificates(QSslCertificate::fromPath(m_ep.caFile, QSsl::Pem));
        if (!m_ep.verifyTls)
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        req.setSslConfiguration(conf);
    }
    QNetworkReply *reply = m_nam.get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply, command, params, attempt, cb]() {
        reply->deleteLater();
        const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray raw = reply->readAll();
        const QJsonObject doc = QJsonDocument::fromJson(raw).object();
        const QString envelope = command.toLower() + QStringLiteral("response");
        const QJsonObject body = doc.contains(envelope) ? doc.value(envelope).toObject()
                                                        : (doc.size() == 1 ? doc.begin().value().toObject() : doc);
        const bool transport = httpStatus == 0;
        if (!transport && httpStatus < 300 && !body.contains("errorcode"))
            return cb(body);
        const int errorCode = body.value("errorcode").toInt(httpStatus);
        const QString text = body.value("errortext").toString();
        const Error failure = transport
            ? Error::unavailable(QStringLiteral("CloudStack %1: %2").arg(command, reply->errorString()))
            : Error(errorKind(errorCode), QStringLiteral("CloudStack %1 failed (%2, %3)%4").arg(command).arg(errorCode).arg(explainErrorCode(errorCode))
                                              .arg(text.isEmpty() ? QString() : QStringLiteral(": ") + text),
                    errorCode)
                  .withDetails(body);   // CloudStack's own envelope: errorcode, cserrorcode, errortext
        const bool limited = errorCode == 429;   // ApiErrorCode.API_LIMIT_EXCEED: wait for the next interval
        const bool retryable = limited || (transport ? reply->error() != QNetworkReply::SslHandshakeFailedError
                                                     : (httpStatus >= 500 && errorCode != 533));
        if (retryable && idempotent(command) && attempt < m_opt.retries) {
            QTimer::singleShot((limited ? 1000 : 200) * (1 << attempt), this, [this, command, params, attempt, cb]() {
                send(command, params, attempt + 1, cb);
            });
            return;
        }
        if (errorCode == 401 && command != QLatin1String("listCapabilities")) {
            // CloudStack answers 401 both for a bad key and for an explicitly denied command
            // (ApiServer.verifyRequest): a cheap call every role may make tells them apart.
            return send(QStringLiteral("listCapabilities"), {}, m_opt.retries, [command, failure, cb](const Reply &probe) {
                if (!probe)
                    return cb(failure);
                cb(Error(Error::Kind::Forbidden, QStringLiteral("CloudStack %1: not permitted for this account (its role may not call %1; "
                                                                "the API key and secret are valid)").arg(command), failure.code()));
            });
        }
        if (errorCode == 432)   // ApiServer: no such command, or none the account's role may call (both look alike)
            return cb(Error(Error::Kind::Forbidden,
                            QStringLiteral("CloudStack %1 failed (432, unsupported action: no such command, or not permitted for this account): %2")
                                .arg(command, text), 432).withDetails(body));
        cb(failure);
    });
}

// A job id as CloudStack sends it: a string (UUID), or a number from older clouds.
static QString jobIdOf(const QJsonObject &body)
{
    const QJsonValue v = body.value("jobid");
    return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
}

void Client::callAsync(const QString &command, const Params &params, Callback cb0)
{
    begin();   // busy from the request until the job's result is in
    Callback cb = [this, cb0](const Reply &r) {
        end();
        cb0(r);
    };
    call(command, params, [this, command, cb](const Reply &r) {
        if (!r)
            return cb(r);
        const QString job = jobIdOf(*r);
        if (job.isEmpty())
            return cb(r);   // completed synchronously
        // A failed job may leave its resource behind (a VM in Error): pass its id on to the caller.
        const QString resource = r->value("id").toString();
        pollJob(job, m_opt.jobPollStartMs, QDateTime::currentMSecsSinceEpoch() + m_opt.jobTimeoutMs, [cb, resource](const Reply &res) {
            if (!res && !resource.isEmpty())
                return cb(res.error().withDetails({{"id", resource}}));
            cb(res);
        });
    });
}

void Client::pollJob(const QString &jobId, int delayMs, qint64 deadlineMs, Callback cb)
{
    QTimer::singleShot(delayMs, this, [this, jobId, delayMs, deadlineMs, cb]() {
        call("queryAsyncJobResult", {{"jobid", jobId}}, [this, jobId, delayMs, deadlineMs, cb](const Reply &r) {
            if (!r)
                return cb(r);
            const int status = r->value("jobstatus").toInt();
            if (status == 0) {
                if (QDateTime::currentMSecsSinceEpoch() > deadlineMs)
                    return cb(Error::timeout(QStringLiteral("CloudStack job %1 did not finish within %2 s").arg(jobId).arg(m_opt.jobTimeoutMs / 1000)));
                return pollJob(jobId, qMin(m_opt.jobPollMaxMs, delayMs * 2), deadlineMs, cb);
            }
            const QJsonObject result = r->value("jobresult").toObject();
            if (status == 1)
                return cb(result);
            const int code = result.value("errorcode").toInt(530);
            cb(Error(errorKind(code), QStringLiteral("CloudStack job %1 (%2) failed (%3, %4): %5").arg(jobId, r->value("cmd").toString())
                                          .arg(code).arg(explainErrorCode(code), result.value("errortext").toString()),
                     code));
        });
    });
}

void Client::listAll(const QString &command, const Params &params, const QString &key, Callback cb)
{
    page(command, params, key, 1, {}, std::move(cb));
}

void Client::page(const QString &command, const Params &params, const QString &key, int pageNo, QJsonArray acc, Callback cb)
{
    Params p = params;
    const int size = m_opt.pageSize;
    p << qMakePair(QStringLiteral("page"), QString::number(pageNo)) << qMakePair(QStringLiteral("pagesize"), QString::number(size));
    call(command, p, [this, command, params, key, pageNo, acc, cb, size](const Reply &r) mutable {
        // The cloud's default.page.size caps pagesize (BaseListCmd: "Page size can't exceed max
        // allowed page size value: N"): adopt N and ask for this page again.
        static const QRegularExpression cap(QStringLiteral("Page size can't exceed max allowed page size value: (\\d+)"));
        if (!r && r.error().code() == 431) {
            const auto m = cap.match(r.errorMessage());
            const int limit = m.hasMatch() ? m.captured(1).toInt() : 0;
            if (limit > 0 && limit < size) {
                m_opt.pageSize = limit;
                return page(command, params, key, pageNo == 1 ? 1 : ((pageNo - 1) * size) / limit + 1, acc, cb);
            }
        }
        if (!r)
            return cb(r);
        const QJsonArray items = r->value(key).toArray();
        for (const auto &v : items)
            acc.append(v);
        const int count = r->value("count").toInt(int(acc.size()));
        if (items.isEmpty() || acc.size() >= count || items.size() < size)
            return cb(QJsonObject{{key, acc}, {"count", int(acc.size())}});
        page(command, params, key, pageNo + 1, acc, cb);
    });
}

} // namespace vines::cloudstack
