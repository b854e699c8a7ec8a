#pragma once
// Kernel forwarding for Leaf's relaying NFs, as the original Vines does on its VNFs: nftables
// DNAT sends a flow arriving for listen address:port on to the next hop, SNAT to the NF's own
// address brings the answers back through it, and the kernel moves every packet (no socket,
// no thread, no copy in this process). One nftables table per NF, replaced in one transaction
// on every change and deleted when the NF stops.
//   Firewall: decided once per flow (ct state new) in the forward hook, in rule order.
//   Monitor:  a dynamic set keeps a counter per source address (headers only, payload untouched).
//   Counters: the kernel's rule counters (IP packets and bytes, headers included), read on demand.
//   CPUs:     each flow is forwarded on the CPU where its reader reads (RFS on the NF's interfaces,
//             net/FlowSteering.h), not inline on the CPU of whoever sent it.
// Needs CAP_NET_ADMIN and an address that is not loopback (the kernel does not forward from
// 127/8); available() says which is missing, and the NF then uses its splice relay instead.
#include "nf/FirewallRules.h"
#include "NetworkFunction.h"
#include <QHostAddress>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace vines::leaf {

class KernelPath {
public:
    struct Route {
        QHostAddress listen;
        quint16 port = 0;
        QHostAddress next;
        quint16 nextPort = 0;
        bool tcp = true, udp = true;
        QHostAddress source;   // what the next hop sees the flow come from (answers return here); null: listen
    };

    explicit KernelPath(QString table) : m_table(std::move(table)) {}
    ~KernelPath() { remove(); }
    KernelPath(const KernelPath &) = delete;
    KernelPath &operator=(const KernelPath &) = delete;

    // What config.data_path ("auto", "kernel", "splice") and this agent allow for an NF on `address`:
    // the kernel, or the splice relay with why not (note); an error when "kernel" was asked for and cannot be had.
    struct Choice { bool kernel = false; QString note; };
    static Result<Choice> choose(const QJsonObject &config, const QHostAddress &address);
    // Puts `address` on the interface of `besides` (the agent's own address) unless it is already on this
    // host: a virtual router taking a public address, as CloudStack's router does. Loopback addresses
    // need nothing (all of 127/8 is bindable). Whether it was put there, or the error.
    static Result<bool> ensureLocalAddress(const QHostAddress &address, const QHostAddress &besides);
    static void dropLocalAddress(const QHostAddress &address);

    // Programs the table: routes (with no next hop they refuse), per-flow firewall rules, per-source counts.
    Result<> apply(const QList<Route> &routes, const QJsonObject &firewall, bool monitor);
    void remove();
    bool active() const { return m_applied; }
    bool steersFlows() const { return !m_steered.isEmpty(); }   // RFS on the interfaces its flows use

    NfCounters counters() const;           // what removed tables counted too
    QJsonArray topTalkers(int n, int *flows) const;
    QString table() const { return m_table; }

private:
    // Empty when this process can forward for `address` in the kernel; else why not, for the NF status.
    static QString unavailableReason(const QHostAddress &address);
    QString script(const QList<Route> &routes, const QJsonObject &firewall, bool monitor) const;
    NfCounters readTable() const;
    QJsonArray listing() const;   // the table as nft lists it (rules with their counters, the talkers set)
    void steer(const QStringList &links);   // RFS on these interfaces, off on the ones no longer used

    QString m_table;
    QList<Route> m_routes;
    bool m_applied = false;
    QStringList m_steered;
    // The last listing: the metrics endpoint reads the counters, then the top talkers, from one nft run.
    mutable QJsonArray m_listing;
    mutable QElapsedTimer m_listedAt;
    NfCounters m_retired;
};

} // namespace vines::leaf
