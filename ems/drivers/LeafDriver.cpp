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
    return [cb](const HttpReply &r) {
        if (r.ok)
            return cb(DriverResult::success(r.object()));
        if (r.status == 0) {
            const bool timedOut = r.timedOut;
            return cb(DriverResult::failure(timedOut ? 504 : 502, timedOut ? "timeout" : "unreachable",
                                            QStringLiteral("Leaf agent: %1").arg(r.error)));
        }
        const QJsonObject e = r.object().value("error").toObject();
        cb(DriverResult::failure(r.status, e.value("code").toString("platform_error"),
                                 QStringLiteral("Leaf agent: %1").arg(e.value("message").toString(r.error))));
    };
}

void LeafDriver::sample(DriverCallback cb)
{
    m_leaf.metrics(adapt([cb](const DriverResult &r) {
        if (!r.ok)
            return cb(r);
        QJsonObject metrics = r.data;
        const QString state = metrics.take("state").toString("unknown");
        metrics.remove("instanceId");
        metrics.remove("at");
        cb(DriverResult::success({{"nfState", state}, {"metrics", metrics}}));
    }));
}

void LeafDriver::status(DriverCallback cb)
{
    m_leaf.status(adapt([cb](const DriverResult &r) {
        if (!r.ok)
            return cb(r);
        QJsonObject d = r.data;
        d.insert("nfState", r.data.value("nf").toObject().value("state").toString("unknown"));
        cb(DriverResult::success(d));
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
