#pragma once
// Extended driver for Click routers (the click-on-osv VNF-ExP), over the ControlSocket protocol.
// driverOptions:
//   "statusHandler":   handler read to tell the router is alive (default "version")
//   "metricHandlers":  {"packetsIn": "in.count", "bytesIn": "in.byte_count", ...} read as numbers
//   "configHandler":   handler read for the configuration (default "config")
//   "hotconfigHandler": handler written with a new configuration (default "hotconfig")
//   "commands":        {"start": "src.active true", "stop": "src.active false", "restart": ...}
// configure({"clickConfig": "..."}) hot-swaps the router configuration; other keys of the form
// "element.handler" are written with their value.
#include "ClickControlClient.h"
#include "Driver.h"
#include <memory>

namespace vines::ems {

class ClickDriver : public Driver {
    Q_OBJECT
public:
    ClickDriver(const QString &host, quint16 port, const QJsonObject &options, int timeoutMs, QObject *parent = nullptr);
    QString platform() const override { return QStringLiteral("click-on-osv"); }
    void sample(DriverCallback cb) override;
    void status(DriverCallback cb) override;
    void start(DriverCallback cb) override { command("start", cb); }
    void stop(DriverCallback cb) override { command("stop", cb); }
    void restart(DriverCallback cb) override { command("restart", cb); }
    void configure(const QJsonObject &config, DriverCallback cb) override;
    void readConfig(DriverCallback cb) override;

private:
    struct Write { QString handler; QByteArray value; bool data; };
    void writeAll(std::shared_ptr<QList<Write>> writes, const QJsonObject &config, DriverCallback cb);
    void command(const QString &name, const DriverCallback &cb);
    static DriverResult failure(const ClickReply &r, const QString &handler);
    ClickControlClient m_click;
    QJsonObject m_opt;
};

} // namespace vines::ems
