#pragma once
// The virtual router's NF: redirects traffic arriving on public addresses to private ones
// (one relay per route: publicAddress:port -> target), and carries the answers back, so the
// client sees them come from the public address. Routes change without disturbing the others.
// Where the agent may program the kernel, all routes are one nftables table (KernelPath); else
// each route is a splice relay. A public address not yet on the host is put on the agent's
// interface (as CloudStack's router holds the network's public addresses) and taken off with its route.
#include "KernelPath.h"
#include "RelayNf.h"
#include <QHash>
#include <QSet>
#include <QJsonArray>
#include <map>

namespace vines::leaf {

class RouterNf : public NetworkFunction {
    Q_OBJECT
public:
    Result<> start(const QString &address, const QJsonObject &config) override;
    void stop() override;
    Result<> reconfigure(const QJsonObject &config) override;
    QJsonObject extraMetrics() const override;
    NfCounters counters() const override;

private:
    struct Route { QString publicAddress; int port = 0; QString target; QJsonArray protocols; };
    static QList<Route> parse(const QJsonObject &config);
    static QString key(const Route &r) { return r.publicAddress + ':' + QString::number(r.port); }
    Result<> reconfigureKernel(const QHash<QString, Route> &wanted);
    Result<> takeAddresses(const QHash<QString, Route> &wanted);
    void releaseAddresses(const QHash<QString, Route> &wanted);

    QString m_address;                     // the agent's own
    std::unique_ptr<KernelPath> m_kernel;  // when the routes forward in the kernel
    QString m_pathNote;
    QSet<QString> m_taken;                 // public addresses this NF put on the host
    std::map<QString, std::unique_ptr<RelayNf>> m_relays;   // by publicAddress:port
    QHash<QString, Route> m_routes;
    NfCounters m_retired;   // counters of relays removed since start
};

} // namespace vines::leaf
