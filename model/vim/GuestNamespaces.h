#pragma once
// The local VIM's guest network where the machine allows it (root, iproute2): each instance is
// its own network namespace with one veth link to a bridge, like a CloudStack VM on its guest
// network. The bridge is in a namespace of its own, the switch (named as Options::bridge), so
// the host's firewall and br_netfilter never see the guests' frames; the host joins it by a veth
// uplink of that same name, which holds the guest network's gateway (the host, in the virtual
// router's place) and an address on the public network, whose addresses the router VNF takes on
// its own link, so the host reaches a chain's public address as a client outside would.
// Traffic between instances crosses the kernel (veth, bridge), so VNFs can forward it there.
#include "Vim.h"
#include <QSet>
#include <functional>
#include <QStringList>

namespace vines {

class GuestNamespaces {
public:
    struct Options {
        QString bridge = QStringLiteral("vinesbr0");   // the switch namespace, and the host's uplink to it
        QString guestPrefix = QStringLiteral("10.10");      // guest network guestPrefix.0.0/16, gateway .0.1
        QString publicPrefix = QStringLiteral("10.20.0");   // public network publicPrefix.0/24, the host .254
        QString namespacePrefix = QStringLiteral("vines-");
        // Links on one host have no wire: frames as large as loopback's, and IPv4 BIG TCP packets as
        // large as the kernel builds (GSO_MAX_SIZE, 512 KiB; kernel 6.3 or later, ignored before), so
        // each hop forwards an eighth as many packets for the same bytes (a 5-hop chain: 23 Gbit/s
        // with 185000-byte packets, 33-35 with these, on this 2-core VM).
        int mtu = 65000;
        quint32 bigTcpBytes = 524280;
    };
    GuestNamespaces();
    explicit GuestNamespaces(Options o) : m_opt(std::move(o)) {}

    // Empty when this process may build namespaces; else why not (for the operator).
    static QString unavailableReason();
    const Options &options() const { return m_opt; }
    QString gateway() const { return m_opt.guestPrefix + QStringLiteral(".0.1"); }

    QString switchNamespace() const { return m_opt.bridge; }
    Result<> ensureBridge() const;                                    // idempotent
    Result<> addGuest(const QString &id, const QString &address) const;   // namespace + link + address; idempotent
    void removeGuest(const QString &id) const;
    void removeBridge() const;   // the uplink and the switch, when no guest is left (a test's, a bench's)
    // Deletes this prefix's namespaces nothing runs in (agents that ended with a console that is gone,
    // or stopped ones: a namespace holds nothing else, and booting makes it again), except those
    // another live process made (a console booting an agent into it). How many went.
    int removeEmpty() const;
    bool hasGuest(const QString &id) const;
    static bool namespaceExists(const QString &netns);   // a named network namespace (ip netns) of any owner
    // IPv4 addresses held in this host's namespaces of this prefix other than the ids given (another
    // console's guests, its router's public addresses): what a new address must not be.
    QSet<QString> foreignAddresses(const QSet<QString> &ownIds) const;
    QString namespaceOf(const QString &id) const { return m_opt.namespacePrefix + id; }
    // Runs fn on a thread of its own inside the named network namespace (empty: this process's own),
    // and waits for it; sockets fn opens stay in that namespace. False if it cannot be entered.
    static bool runInNamespace(const QString &netns, const std::function<void()> &fn);
    // The command line that runs a program inside the instance's namespace (ip netns exec keeps the pid).
    QStringList wrap(const QString &id, const QString &program, const QStringList &args) const;

private:
    QString hostLink(const QString &id) const;
    static QString ownerFile(const QString &netns);
    static void markOwner(const QString &netns);
    static bool ownedByAnotherLiveProcess(const QString &netns);
    Options m_opt;
};

} // namespace vines
