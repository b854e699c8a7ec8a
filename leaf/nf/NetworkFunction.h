#pragma once
// A network function Leaf can run. Built-in types relay or answer real TCP/UDP traffic on
// the agent's own address; "exec" runs an executable shipped in the VNF Package. The types, and
// the checks of their configuration, are declared in model/nf/NfTypes; each class registers its
// maker with NfFactory in its own file.
#include "nf/NfTypes.h"
#include "util/Result.h"
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace vines::leaf {

struct NfCounters {
    quint64 packetsIn = 0;    // reads (TCP segments as delivered, UDP datagrams) received
    quint64 packetsOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    quint64 dropped = 0;      // connections/datagrams refused (no next hop, firewall, errors)
    quint64 connections = 0;  // TCP connections accepted in total
    quint64 active = 0;       // TCP connections open now

    // Adds every count, the open connections too (a retired NF's are zero).
    NfCounters &operator+=(const NfCounters &o)
    {
        packetsIn += o.packetsIn; packetsOut += o.packetsOut; bytesIn += o.bytesIn; bytesOut += o.bytesOut;
        dropped += o.dropped; connections += o.connections; active += o.active;
        return *this;
    }
};

class NetworkFunction : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~NetworkFunction() override = default;

    virtual Result<> start(const QString &address, const QJsonObject &config) = 0;
    virtual void stop() = 0;
    // Applies a new configuration to the running NF; a failure leaves the old one in place.
    virtual Result<> reconfigure(const QJsonObject &config) = 0;
    virtual QJsonObject extraMetrics() const { return {}; }
    virtual qint64 childPid() const { return 0; }

    virtual NfCounters counters() const { return m_counters; }

    static QStringList protocolsOf(const QJsonValue &protocols) { return NfTypes::protocolsOf(protocols); }

Q_SIGNALS:
    void failed(const QString &reason);
    void log(const QString &line);

protected:
    NfCounters m_counters;
};

// Makes the NF of a type (NfTypes); each NF's file registers its maker once:
//   static const NfFactory::Registration forwarder("forwarder", [](const NfFactory::Where &) { ... });
class NfFactory {
public:
    struct Where {
        QString nfDir;     // the installed NF's files
        int memoryMb = 0;  // the platform's flavour
    };
    using Make = std::function<std::unique_ptr<NetworkFunction>(const Where &)>;
    struct Registration {
        Registration(const char *type, Make make);
    };
    static std::unique_ptr<NetworkFunction> create(const QString &type, const Where &where);
    // Declared types no maker is registered for (empty in a sound build).
    static QStringList missing();
};

} // namespace vines::leaf
