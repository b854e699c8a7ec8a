#pragma once
// The data path of Leaf's relaying NFs (forwarder, firewall, monitor, and the router's routes):
// an epoll loop on its own thread that never waits for Qt's event loop.
//   TCP: each accepted connection gets a connection to the next hop (from the relay's own
//        address) and one pipe per direction; bytes move socket -> pipe -> socket with splice(2),
//        never copied through user space. A direction whose pipe is full stops reading, so a slow
//        receiver slows the sender through TCP: per connection pair the relay holds at most two
//        pipes' worth (PipeBytes each) in the kernel and nothing in user space. EOF is passed on
//        as a half-close; a pair idle for the idle timeout is closed, half-open ones included.
//   UDP: datagrams are read and written in batches (recvmmsg/sendmmsg), one upstream socket per
//        client address and port (a session), expired after 60 s without traffic.
// The admission callback (the firewall) runs once per new TCP connection or UDP session, never
// per byte or datagram. Counters are atomics, read by the metrics endpoint at any time; the
// monitor's per-source counts come from the byte counts splice returns (payload untouched).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
#include <netinet/in.h>
#include <sys/socket.h>

namespace vines::leaf {

class SpliceRelay {
public:
    static constexpr int PipeBytes = 256 * 1024;        // per direction of a TCP pair
    static constexpr int MaxPairs = 4096;               // TCP pairs at once (each holds 6 descriptors)
    static constexpr int MaxUdpSessions = 4096;
    static constexpr int UdpBatch = 16;                 // datagrams per recvmmsg/sendmmsg
    static constexpr int UdpSessionIdleMs = 60000;

    struct Counters {
        std::atomic<uint64_t> packetsIn{0}, packetsOut{0}, bytesIn{0}, bytesOut{0}, dropped{0}, connections{0}, active{0},
            idleClosed{0}, udpSessions{0};
    };
    struct SourceStats { uint64_t packets = 0, bytes = 0; int64_t lastSeenMs = 0; };
    // Whether a new flow from this source may pass (IPv4 address in host order). Runs on the relay thread.
    using Admit = std::function<bool(uint32_t source, bool tcp)>;
    using Log = std::function<void(const std::string &line)>;   // called on the relay thread

    SpliceRelay();
    ~SpliceRelay();
    SpliceRelay(const SpliceRelay &) = delete;
    SpliceRelay &operator=(const SpliceRelay &) = delete;

    // Binds the listeners (errors come back here) and starts the relay thread.
    bool start(const sockaddr_in &listen, bool tcp, bool udp, std::string *error);
    void stop();
    // Applied to flows opened from now on; open flows keep their path.
    void setNextHop(const sockaddr_in &next);
    void setIdleTimeoutMs(int ms) { m_idleMs.store(ms); }
    void setAdmit(Admit admit);
    void setLog(Log log);
    void setPerSourceStats(bool on) { m_perSource.store(on); }

    const Counters &counters() const { return m_c; }
    std::vector<std::pair<uint32_t, SourceStats>> sources() const;
    int udpSessions() const { return int(m_c.udpSessions.load()); }

private:
    struct Pair;
    struct Session;
    void run();
    void acceptTcp();
    void pump(Pair &p);
    void closePair(int key);
    void readUdpClients();
    void readUdpSession(Session &s);
    void sendBatch(int fd, mmsghdr *msgs, int n);
    void sweep(int64_t now);
    void account(uint32_t source, uint64_t bytes, int64_t now);
    bool admit(uint32_t source, bool tcp);
    void log(const std::string &line);

    int m_epoll = -1, m_wake = -1, m_tcp = -1, m_udp = -1;
    sockaddr_in m_listen{};
    std::mutex m_cfgMutex;             // next hop, admit, log
    sockaddr_in m_next{};
    Admit m_admit;
    Log m_log;
    std::atomic<int> m_idleMs{300000};
    std::atomic<bool> m_perSource{false};
    std::atomic<bool> m_running{false};
    std::thread m_thread;
    Counters m_c;
    // Relay-thread state.
    std::unordered_map<int, std::unique_ptr<Pair>> m_pairs;            // by the client socket
    std::unordered_map<int, int> m_pairOf;                              // either socket -> client socket
    std::unordered_map<uint64_t, std::unique_ptr<Session>> m_sessions;  // by client address:port
    std::unordered_map<int, Session *> m_sessionOf;                     // upstream socket -> session
    mutable std::mutex m_sourceMutex;
    std::unordered_map<uint32_t, SourceStats> m_sources;
};

} // namespace vines::leaf
