#pragma once
// A network function Leaf can run. Built-in types relay or answer real TCP/UDP traffic on
// the agent's own address; "exec" runs an executable shipped in the VNF Package.
#include <QJsonObject>
#include <QObject>
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

    virtual bool start(const QString &address, const QJsonObject &config, QString *error) = 0;
    virtual void stop() = 0;
    // Applies a new configuration to the running NF; false leaves the old one in place.
    virtual bool reconfigure(const QJsonObject &config, QString *error) = 0;
    virtual QJsonObject extraMetrics() const { return {}; }
    virtual qint64 childPid() const { return 0; }

    virtual NfCounters counters() const { return m_counters; }

    // Empty if config is valid for the type, else the reason naming the field.
    static QString validate(const QString &type, const QJsonObject &config);
    // config.data_path of the relaying NFs: "auto" (kernel where the agent may), "kernel" or "splice".
    static QString checkDataPath(const QJsonObject &config);
    // config.protocols of the relaying NFs as a set: sorted, each once; tcp and udp when not given.
    static QStringList protocolsOf(const QJsonValue &protocols);
    static std::unique_ptr<NetworkFunction> create(const QString &type, const QString &nfDir, int memoryMb);

Q_SIGNALS:
    void failed(const QString &reason);
    void log(const QString &line);

protected:
    NfCounters m_counters;
};

} // namespace vines::leaf
