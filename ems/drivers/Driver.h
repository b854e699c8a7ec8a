#pragma once
// An Extended Driver hides one VNF execution platform's specifics (protocol, URIs, parameter
// formats) behind the operations the EMS needs. All calls are asynchronous; the callback runs
// on the driver's thread exactly once.
#include "util/Result.h"
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <functional>

namespace vines::ems {

// What a platform answered (its data), or an Error whose code() is the HTTP-style status the EMS
// answers with (404 no NF, 409 conflict, 422 bad params, 501 unsupported, 502 platform error, 504
// timeout) and whose details()["code"] says what failed (unreachable, timeout, platform_error,
// not_supported, bad_parameters, host_key_mismatch, auth_failed, ...).
using DriverResult = Result<QJsonObject>;
inline DriverResult driverError(int status, const QString &code, const QString &message)
{
    return Error(Error::fromHttpStatus(status), message, status).withDetails({{"code", code}});
}
inline DriverResult driverOk(const QJsonObject &data = {}) { return data; }
inline QString driverCode(const Error &e) { return e.details().value("code").toString(); }
inline bool unreachable(const DriverResult &r)
{
    return !r && (driverCode(r.error()) == QLatin1String("unreachable") || driverCode(r.error()) == QLatin1String("timeout"));
}

using DriverCallback = std::function<void(const DriverResult &)>;

// What an NF is made of when the EMS installs it on a platform.
struct NfBundle {
    QString name;
    QString type;
    QJsonObject config;
    QMap<QString, QByteArray> files;   // relative path -> content
};

class Driver : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~Driver() override = default;
    virtual QString platform() const = 0;

    // One monitoring sample. data: {"nfState": running|stopped|failed|installed|none|unknown,
    // "metrics": {cpuPercent, memoryRssKb, packetsIn, packetsOut, bytesIn, bytesOut, ...}}.
    // A platform that does not answer yields code "unreachable" or "timeout".
    virtual void sample(DriverCallback cb) = 0;
    virtual void status(DriverCallback cb) = 0;
    virtual void install(const NfBundle &/*nf*/, DriverCallback cb) { unsupported("install", cb); }
    virtual void uninstall(DriverCallback cb) { unsupported("uninstall", cb); }
    virtual void start(DriverCallback cb) { unsupported("start", cb); }
    virtual void stop(DriverCallback cb) { unsupported("stop", cb); }
    virtual void restart(DriverCallback cb) { unsupported("restart", cb); }
    virtual void configure(const QJsonObject &/*config*/, DriverCallback cb) { unsupported("configure", cb); }
    virtual void readConfig(DriverCallback cb) { unsupported("read configuration", cb); }
    virtual void logs(int lines, DriverCallback cb) { Q_UNUSED(lines); unsupported("logs", cb); }
    // Gives the platform a new management secret (the EMS then signs with it).
    virtual void rotateSecret(const QByteArray &/*secret*/, DriverCallback cb) { unsupported("credential rotation", cb); }

protected:
    void unsupported(const QString &what, const DriverCallback &cb) const
    {
        cb(driverError(501, "not_supported", QStringLiteral("the %1 driver cannot %2").arg(platform(), what)));
    }
};

} // namespace vines::ems
