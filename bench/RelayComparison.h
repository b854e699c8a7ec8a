#pragma once
// The data plane side by side: chains of 1..5 relay hops in front of one fast echo sink, built
// from vines-leaf forwarders, from socat and from HAProxy (each hop its own process on its own
// loopback address; a peer that is not installed is skipped with the command that installs it),
// and the direct path to the sink. One client measures every path the same way: single-stream
// TCP throughput one-way and echoed, 8 streams echoed, 64-byte round trips over TCP and UDP
// (p50/p95/p99/p99.9), connection set-up rate, and each hop's RSS afterwards.
#include <QString>
#include <QStringList>

namespace vines::bench {

struct RelayBenchOptions {
    int maxHops = 5;
    int minHops = 1;             // --from-hops: only the longer chains (quicker runs)
    qint64 megabytes = 1024;     // per single-stream transfer: at 20-30 Gbit/s, 256 MiB lasted 0.1 s and its figure
                                 // swung by half from run to run
    int probes = 5000;           // round trips per latency figure
    int connections = 500;       // for the set-up rate
    QString leafBinary;
    QStringList only;            // --only: these paths (vines, vines-k, socat, haproxy); empty: all
};

// Prints the table and the ratios; returns false when the Vines chain itself failed.
bool runRelayComparison(const RelayBenchOptions &options);

} // namespace vines::bench
