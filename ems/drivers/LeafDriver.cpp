#include "LeafDriver.h"
#include <QPointer>

namespace vines::ems {

LeafDriver::LeafDriver(QNetworkAccessManager *nam, const QString &host, quint16 port, const QByteArray &secret, int timeoutMs, QObject *parent)
    : Driver(parent), m_leaf(nam, host, port, secret, timeoutMs)
{
}

// Turns a Leaf HTTP reply into a driver result: the agent's own JSON errors keep their status
// and code; transport failures become "unreachable"/"timeout".
LeafClient::Callback LeafDriver::adapt(DriverCallback cb) const
{
    // No guard on the driver: the reply outlives a driver that was rebuilt meanwhile, and the
    // caller still deserves its answer.
    return [cb](const HttpResult &r) {
        if (r.ok())
            return cb(driverOk(r->object()));
        if (httpStatus(r) == 0) {
            const bool timedOut = (!r && r.error().is(Error::Kind::Timeout));
            return cb(driverError(timedOut ? 504 : 502, timedOut ? "timeout" : "unreachable",
                                            QStringLiteral("Leaf agent: %1").arg(r.errorMessage())));
        }
        const QJsonObject e = r.error().details().value("error").toObject();
        cb(driverError(httpStatus(r), e.value("code").toString("platform_error"),
                                 QStringLiteral("Leaf agent: %1").arg(e.value("message").toString(r.errorMessage()))));
    };
}

void LeafDriver::sample(DriverCallback cb)
{
    m_leaf.metrics(adapt([cb](const DriverResult &r) {
        if (!r)
            return cb(r);
        QJsonObject metrics = (*r);
        const QString state = metrics.take("state").toString("unknown");
        metrics.remove("instanceId");
        metrics.remove("at");
        cb(driverOk({{"nfState", state}, {"metrics", metrics}}));
    }));
}

void LeafDriver::status(DriverCallback cb)
{
    m_leaf.status(adapt([cb](const DriverResult &r) {
        if (!r)
            return cb(r);
        QJsonObject d = (*r);
        d.insert("nfState", (*r).value("nf").toObject().value("state").toString("unknown"));
        cb(driverOk(d));
    }));
}

void LeafDriver::install(const NfBundle &nf, DriverCallback cb) { m_leaf.install(nf.name, nf.type, nf.config, nf.files, adapt(cb)); }
void LeafDriver::rotateSecret(const QByteArray &secret, DriverCallback cb) { m_leaf.rotateSecret(secret, adapt(cb)); }
void LeafDriver::uninstall(DriverCallback cb) { m_leaf.uninstall(adapt(cb)); }
void LeafDriver::start(DriverCallback cb) { m_leaf.start(adapt(cb)); }
void LeafDriver::stop(DriverCallback cb) { m_leaf.stop(adapt(cb)); }
void LeafDriver::restart(DriverCallback cb) { m_leaf.restart(adapt(cb)); }
void LeafDriver::configure(const QJsonObject &config, DriverCallback cb) { m_leaf.configure(config, adapt(cb)); }
void LeafDriver::readConfig(DriverCallback cb) { m_leaf.config(adapt(cb)); }
void LeafDriver::logs(int lines, DriverCallback cb) { m_leaf.logs(lines, adapt(cb)); }

} // namespace vines::ems
