#pragma once
// Measures a service chain's data plane from a client's point of view: latency as the
// round-trip time of small request/response probes over one TCP connection, throughput as a
// bulk TCP transfer echoed back by the last VNF. Blocking: run it off the UI thread
// (ChainMeasurementJob does). Results export as CSV.
#include <QList>
#include <QMetaType>
#include <QString>
#include <atomic>
#include <functional>

namespace vines {

struct LatencyResult {
    QList<double> rttMs;      // one per answered probe, in order
    int failures = 0;
    QString error;
    double percentile(double p) const;
    double mean() const;
};

struct ThroughputResult {
    qint64 bytes = 0;         // payload echoed back
    double seconds = 0;
    QString error;
    double mbitPerS() const { return seconds > 0 ? double(bytes) * 8.0 / seconds / 1e6 : 0; }
};

struct ChainMeasurement {
    QString label;            // e.g. "chain of 3" or "direct"
    int chainLength = 0;      // VNFs between client and answer (0: direct)
    QString target;           // host:port probed
    LatencyResult latency;
    ThroughputResult throughput;
};

class ChainMeter {
public:
    using Progress = std::function<void(int done, int total)>;
    static LatencyResult latency(const QString &host, quint16 port, int probes, int payloadBytes = 64, int timeoutMs = 3000,
                                 const Progress &progress = {}, const std::atomic<bool> *cancel = nullptr);
    static ThroughputResult throughput(const QString &host, quint16 port, qint64 bytes, int timeoutMs = 30000,
                                       const std::atomic<bool> *cancel = nullptr);
    // Summary rows (label, length, p50/p95/p99/mean ms, Mbit/s) then every latency sample.
    static QByteArray toCsv(const QList<ChainMeasurement> &results);
};

} // namespace vines

Q_DECLARE_METATYPE(vines::ChainMeasurement)
