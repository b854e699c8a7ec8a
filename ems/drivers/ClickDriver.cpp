#include "ClickDriver.h"
#include <memory>

namespace vines::ems {

ClickDriver::ClickDriver(const QString &host, quint16 port, const QJsonObject &options, int timeoutMs, QObject *parent)
    : Driver(parent), m_click(host, port, timeoutMs, this), m_opt(options)
{
}

DriverResult ClickDriver::failure(const ClickReply &r, const QString &handler)
{
    if (r.transportError)
        return driverError(502, r.timedOut ? "timeout" : "unreachable", r.message);
    const int status = (r.code == 510 || r.code == 511) ? 404 : (r.code == 530 ? 403 : (r.code == 500 || r.code == 501 ? 422 : 502));
    return driverError(status, QStringLiteral("click_%1").arg(r.code),
                                 QStringLiteral("Click handler %1: %2 %3").arg(handler).arg(r.code).arg(r.message));
}

void ClickDriver::status(DriverCallback cb)
{
    const QString h = m_opt.value("statusHandler").toString("version");
    m_click.read(h, [this, h, cb](const ClickReply &r) {
        if (!r.ok)
            return cb(failure(r, h));
        cb(driverOk({{"nfState", "running"}, {"platform", platform()}, {"protocol", m_click.protocolVersion()},
                                  {h, QString::fromUtf8(r.data).trimmed()}}));
    });
}

void ClickDriver::sample(DriverCallback cb)
{
    // Read the liveness handler, then every metric handler; a metric that fails is reported
    // in "errors" without making the router look down.
    const QJsonObject handlers = m_opt.value("metricHandlers").toObject();
    auto metrics = std::make_shared<QJsonObject>();
    auto errors = std::make_shared<QJsonObject>();
    auto left = std::make_shared<int>(int(handlers.size()));
    status([this, handlers, metrics, errors, left, cb](const DriverResult &st) {
        if (!st)
            return cb(st);
        auto finish = [metrics, errors, cb]() {
            QJsonObject d{{"nfState", "running"}, {"metrics", *metrics}};
            if (!errors->isEmpty())
                d.insert("errors", *errors);
            cb(driverOk(d));
        };
        if (*left == 0)
            return finish();
        for (auto it = handlers.begin(); it != handlers.end(); ++it) {
            const QString name = it.key();
            const QString h = it.value().toString();
            m_click.read(h, [name, h, metrics, errors, left, finish](const ClickReply &r) {
                bool ok = false;
                const double v = QString::fromUtf8(r.data).trimmed().toDouble(&ok);
                if (r.ok && ok)
                    metrics->insert(name, v);
                else
                    errors->insert(name, r.ok ? QStringLiteral("%1 is not a number").arg(h) : failure(r, h).errorMessage());
                if (--*left == 0)
                    finish();
            });
        }
    });
}

void ClickDriver::command(const QString &name, const DriverCallback &cb)
{
    const QString spec = m_opt.value("commands").toObject().value(name).toString();
    if (spec.isEmpty())
        return unsupported(name + QStringLiteral(" (no driverOptions.commands.") + name + ')', cb);
    const QString handler = spec.section(' ', 0, 0);
    const QString args = spec.section(' ', 1);
    m_click.write(handler, args, [handler, cb](const ClickReply &r) {
        if (!r.ok)
            return cb(failure(r, handler));
        cb(driverOk({{"handler", handler}, {"message", r.message}}));
    });
}

void ClickDriver::configure(const QJsonObject &config, DriverCallback cb)
{
    auto writes = std::make_shared<QList<Write>>();
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.key() == QLatin1String("clickConfig")) {
            if (!it.value().isString())
                return cb(driverError(422, "bad_parameters", "config.clickConfig must be a string"));
            writes->prepend({m_opt.value("hotconfigHandler").toString("hotconfig"), it.value().toString().toUtf8(), true});
        } else if (it.key().contains('.')) {
            const QJsonValue v = it.value();
            const QString text = v.isString() ? v.toString() : v.isBool() ? (v.toBool() ? "true" : "false") : QString::number(v.toDouble());
            if (v.isObject() || v.isArray() || v.isNull())
                return cb(driverError(422, "bad_parameters", QStringLiteral("config.%1 must be a string, number or boolean").arg(it.key())));
            writes->append({it.key(), text.toUtf8(), false});
        } else {
            return cb(driverError(422, "bad_parameters",
                                            QStringLiteral("config.%1: Click configuration keys are 'clickConfig' or element.handler").arg(it.key())));
        }
    }
    writeAll(writes, config, cb);
}

void ClickDriver::writeAll(std::shared_ptr<QList<Write>> writes, const QJsonObject &config, DriverCallback cb)
{
    if (writes->isEmpty())
        return cb(driverOk({{"config", config}}));
    const Write w = writes->takeFirst();
    auto done = [this, w, writes, config, cb](const ClickReply &r) {
        if (!r.ok)
            return cb(failure(r, w.handler));
        writeAll(writes, config, cb);
    };
    if (w.data)
        m_click.writeData(w.handler, w.value, done);
    else
        m_click.write(w.handler, QString::fromUtf8(w.value), done);
}

void ClickDriver::readConfig(DriverCallback cb)
{
    const QString h = m_opt.value("configHandler").toString("config");
    m_click.read(h, [h, cb](const ClickReply &r) {
        if (!r.ok)
            return cb(failure(r, h));
        cb(driverOk({{"config", QJsonObject{{"clickConfig", QString::fromUtf8(r.data)}}}}));
    });
}

} // namespace vines::ems
