#pragma once
// The virtual router's NF: redirects traffic arriving on public addresses to private ones
// (one relay per route: publicAddress:port -> target), and carries the answers back, so the
// client sees them come from the public address. Routes change without disturbing the others.
#include "RelayNf.h"
#include <QHash>
#include <QJsonArray>
#include <map>

namespace vines::leaf {

class RouterNf : public NetworkFunction {
    Q_OBJECT
public:
    bool start(const QString &address, const QJsonObject &config, QString *error) override;
    void stop() override;
    bool reconfigure(const QJsonObject &config, QString *error) override;
    QJsonObject extraMetrics() const override;
    NfCounters counters() const override;

    static QString validate(const QJsonObject &config);

private:
    struct Route { QString publicAddress; int port = 0; QString target; QJsonArray protocols; };
    static QList<Route> parse(const QJsonObject &config);
    static QString key(const Route &r) { return r.publicAddress + ':' + QString::number(r.port); }
    std::map<QString, std::unique_ptr<RelayNf>> m_relays;   // by publicAddress:port
    QHash<QString, Route> m_routes;
    NfCounters m_retired;   // counters of relays removed since start
};

} // namespace vines::leaf
