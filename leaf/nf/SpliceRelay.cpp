#include "SpliceRelay.h"
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vines::leaf {

namespace {
enum Tag : uint64_t { TcpListener = 1, UdpListener = 2, Wake = 3, PairSocket = 4, SessionSocket = 5 };
uint64_t tag(Tag t, int fd) { return (uint64_t(t) << 32) | uint32_t(fd); }
int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
std::string errorText(const char *what) { return std::string(what) + ": " + std::strerror(errno); }
std::string addressText(const sockaddr_in &a)
{
    char buf[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &a.sin_addr, buf, sizeof buf);
    return std::string(buf) + ':' + std::to_string(ntohs(a.sin_port));
}
} // namespace

struct SpliceRelay::Pair {
    int client = -1, upstream = -1;
    int c2u[2] = {-1, -1}, u2c[2] = {-1, -1};
    int capacity = PipeBytes;           // what the pipes really hold
    int inC2u = 0, inU2c = 0;           // bytes waiting in each pipe
    bool connected = false;
    bool clientEof = false, upstreamEof = false;
    bool shutUpstream = false, shutClient = false;
    uint32_t source = 0;
    int64_t lastMs = 0;
};

struct SpliceRelay::Session {
    int fd = -1;             // -1: the firewall refused this session
    sockaddr_in client{};
    sockaddr_in next{};      // where this session's datagrams go
    uint32_t source = 0;
    int64_t lastMs = 0;
};

SpliceRelay::SpliceRelay() = default;

SpliceRelay::~SpliceRelay() { stop(); }

void SpliceRelay::setNextHop(const sockaddr_in &next)
{
    std::lock_guard<std::mutex> lock(m_cfgMutex);
    m_next = next;
}

void SpliceRelay::setAdmit(Admit admit)
{
    std::lock_guard<std::mutex> lock(m_cfgMutex);
    m_admit = std::move(admit);
}

void SpliceRelay::setLog(Log log)
{
    std::lock_guard<std::mutex> lock(m_cfgMutex);
    m_log = std::move(log);
}

void SpliceRelay::log(const std::string &line)
{
    Log l;
    {
        std::lock_guard<std::mutex> lock(m_cfgMutex);
        l = m_log;
    }
    if (l)
        l(line);
}

bool SpliceRelay::admit(uint32_t source, bool tcp)
{
    std::lock_guard<std::mutex> lock(m_cfgMutex);
    if (m_next.sin_port == 0)
        return false;
    return !m_admit || m_admit(source, tcp);
}

bool SpliceRelay::start(const sockaddr_in &listen, bool tcp, bool udp, std::string *error)
{
    stop();
    m_listen = listen;
    auto fail = [&](const std::string &why) {
        *error = why;
        for (int *fd : {&m_tcp, &m_udp, &m_wake, &m_epoll})
            if (*fd >= 0) { ::close(*fd); *fd = -1; }
        return false;
    };
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wake < 0)
        return fail(errorText("epoll"));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = tag(Wake, m_wake);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
    const int one = 1;
    if (tcp) {
        m_tcp = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        setsockopt(m_tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (m_tcp < 0 || bind(m_tcp, reinterpret_cast<const sockaddr *>(&listen), sizeof listen) != 0 || ::listen(m_tcp, 1024) != 0)
            return fail("cannot listen on tcp " + addressText(listen) + ": " + std::strerror(errno));
        ev.events = EPOLLIN;
        ev.data.u64 = tag(TcpListener, m_tcp);
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_tcp, &ev);
    }
    if (udp) {
        m_udp = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_udp < 0 || bind(m_udp, reinterpret_cast<const sockaddr *>(&listen), sizeof listen) != 0)
            return fail("cannot bind udp " + addressText(listen) + ": " + std::strerror(errno));
        ev.events = EPOLLIN;
        ev.data.u64 = tag(UdpListener, m_udp);
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_udp, &ev);
    }
    m_running = true;
    m_thread = std::thread([this] { run(); });
    return true;
}

void SpliceRelay::stop()
{
    if (m_thread.joinable()) {
        m_running = false;
        const uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(m_wake, &one, sizeof one);
        m_thread.join();
    }
    std::vector<int> keys;
    for (const auto &[k, p] : m_pairs)
        keys.push_back(k);
    for (int k : keys)
        closePair(k);
    for (auto &[k, s] : m_sessions)
        if (s->fd >= 0)
            ::close(s->fd);
    m_sessions.clear();
    m_sessionOf.clear();
    m_c.udpSessions = 0;
    for (int *fd : {&m_tcp, &m_udp, &m_wake, &m_epoll})
        if (*fd >= 0) { ::close(*fd); *fd = -1; }
}

void SpliceRelay::run()
{
    epoll_event events[64];
    int64_t nextSweep = nowMs() + 250;
    bool listenerPaused = false;
    while (m_running) {
        const int n = epoll_wait(m_epoll, events, 64, 250);
        for (int i = 0; i < n && m_running; ++i) {
            const Tag t = Tag(events[i].data.u64 >> 32);
            const int fd = int(uint32_t(events[i].data.u64));
            switch (t) {
            case Wake: break;
            case TcpListener:
                acceptTcp();
                if (m_pairs.size() >= size_t(MaxPairs) || errno == EMFILE || errno == ENFILE) {
                    epoll_ctl(m_epoll, EPOLL_CTL_DEL, m_tcp, nullptr);   // no spinning on what cannot be taken now
                    listenerPaused = true;
                }
                break;
            case UdpListener: readUdpClients(); break;
            case PairSocket: {
                const auto it = m_pairOf.find(fd);
                if (it == m_pairOf.end())
                    break;
                Pair &p = *m_pairs.at(it->second);
                if (!p.connected && fd == p.upstream && (events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                    int err = 0;
                    socklen_t len = sizeof err;
                    getsockopt(p.upstream, SOL_SOCKET, SO_ERROR, &err, &len);
                    if (err != 0) {
                        m_c.dropped.fetch_add(1, std::memory_order_relaxed);
                        sockaddr_in next;
                        {
                            std::lock_guard<std::mutex> lock(m_cfgMutex);
                            next = m_next;
                        }
                        log("next hop " + addressText(next) + " error: " + std::strerror(err));
                        closePair(it->second);
                        break;
                    }
                    p.connected = true;
                }
                pump(p);
                break;
            }
            case SessionSocket: {
                const auto it = m_sessionOf.find(fd);
                if (it != m_sessionOf.end())
                    readUdpSession(*it->second);
                break;
            }
            }
        }
        const int64_t now = nowMs();
        if (now >= nextSweep) {
            sweep(now);
            nextSweep = now + 250;
            if (listenerPaused && m_pairs.size() < size_t(MaxPairs)) {
                epoll_event ev{};
                ev.events = EPOLLIN;
                ev.data.u64 = tag(TcpListener, m_tcp);
                epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_tcp, &ev);
                listenerPaused = false;
            }
        }
    }
}

void SpliceRelay::acceptTcp()
{
    for (;;) {
        sockaddr_in from{};
        socklen_t len = sizeof from;
        const int c = accept4(m_tcp, reinterpret_cast<sockaddr *>(&from), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c < 0)
            return;   // EAGAIN, or out of descriptors (the caller pauses the listener)
        const uint32_t source = ntohl(from.sin_addr.s_addr);
        if (m_pairs.size() >= size_t(MaxPairs) || !admit(source, true)) {
            m_c.dropped.fetch_add(1, std::memory_order_relaxed);
            ::close(c);
            continue;
        }
        auto p = std::make_unique<Pair>();
        p->client = c;
        p->source = source;
        p->lastMs = nowMs();
        sockaddr_in next;
        {
            std::lock_guard<std::mutex> lock(m_cfgMutex);
            next = m_next;
        }
        sockaddr_in local = m_listen;
        local.sin_port = 0;   // leave from our own address, as a real hop would
        p->upstream = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const bool pipes = pipe2(p->c2u, O_NONBLOCK | O_CLOEXEC) == 0 && pipe2(p->u2c, O_NONBLOCK | O_CLOEXEC) == 0;
        if (p->upstream < 0 || !pipes || bind(p->upstream, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0
            || (connect(p->upstream, reinterpret_cast<sockaddr *>(&next), sizeof next) != 0 && errno != EINPROGRESS)) {
            log("cannot open a flow to " + addressText(next) + ": " + std::strerror(errno));
            m_c.dropped.fetch_add(1, std::memory_order_relaxed);
            for (int fd : {p->client, p->upstream, p->c2u[0], p->c2u[1], p->u2c[0], p->u2c[1]})
                if (fd >= 0) ::close(fd);
            continue;
        }
        fcntl(p->c2u[1], F_SETPIPE_SZ, PipeBytes);
        fcntl(p->u2c[1], F_SETPIPE_SZ, PipeBytes);
        p->capacity = std::min(fcntl(p->c2u[1], F_GETPIPE_SZ), fcntl(p->u2c[1], F_GETPIPE_SZ));
        const int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        setsockopt(p->upstream, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (int fd : {p->client, p->upstream}) {
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
            ev.data.u64 = tag(PairSocket, fd);
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
            m_pairOf[fd] = c;
        }
        m_c.connections.fetch_add(1, std::memory_order_relaxed);
        m_c.active.fetch_add(1, std::memory_order_relaxed);
        m_pairs.emplace(c, std::move(p));
    }
}

void SpliceRelay::pump(Pair &p)
{
    if (!p.connected)
        return;   // the client's bytes wait in the kernel until the next hop answers
    const int64_t now = nowMs();
    // One direction: source -> pipe -> destination, until neither side can move more. False on an error.
    auto move = [&](int src, int (&pipe)[2], int &in, int dst, bool &eof, bool &shut, bool fromClient) {
        for (;;) {
            bool progress = false;
            if (!eof && in < p.capacity) {
                const ssize_t n = splice(src, nullptr, pipe[1], nullptr, size_t(p.capacity - in), SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
                if (n > 0) {
                    in += int(n);
                    progress = true;
                    p.lastMs = now;
                    m_c.packetsIn.fetch_add(1, std::memory_order_relaxed);
                    m_c.bytesIn.fetch_add(uint64_t(n), std::memory_order_relaxed);
                    if (fromClient && m_perSource.load(std::memory_order_relaxed))
                        account(p.source, uint64_t(n), now);
                } else if (n == 0) {
                    eof = true;
                } else if (errno != EAGAIN && errno != EWOULDBLOCK) {
                    return false;
                }
            }
            if (in > 0) {
                const ssize_t m = splice(pipe[0], nullptr, dst, nullptr, size_t(in), SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
                if (m > 0) {
                    in -= int(m);
                    progress = true;
                    m_c.packetsOut.fetch_add(1, std::memory_order_relaxed);
                    m_c.bytesOut.fetch_add(uint64_t(m), std::memory_order_relaxed);
                } else if (m < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                    return false;
                }
            }
            if (eof && in == 0 && !shut) {
                ::shutdown(dst, SHUT_WR);   // pass the half-close on
                shut = true;
            }
            if (!progress)
                return true;
        }
    };
    const bool ok = move(p.client, p.c2u, p.inC2u, p.upstream, p.clientEof, p.shutUpstream, true)
                    && move(p.upstream, p.u2c, p.inU2c, p.client, p.upstreamEof, p.shutClient, false);
    if (!ok || (p.shutUpstream && p.shutClient))
        closePair(p.client);
}

void SpliceRelay::closePair(int key)
{
    const auto it = m_pairs.find(key);
    if (it == m_pairs.end())
        return;
    Pair &p = *it->second;
    for (int fd : {p.client, p.upstream}) {
        m_pairOf.erase(fd);
        if (fd >= 0)
            ::close(fd);   // also leaves the epoll set
    }
    for (int fd : {p.c2u[0], p.c2u[1], p.u2c[0], p.u2c[1]})
        if (fd >= 0)
            ::close(fd);
    m_pairs.erase(it);
    m_c.active.fetch_sub(1, std::memory_order_relaxed);
}

void SpliceRelay::sweep(int64_t now)
{
    const int idleMs = m_idleMs.load();
    std::vector<int> idle;
    for (const auto &[k, p] : m_pairs)
        if (now - p->lastMs > idleMs)
            idle.push_back(k);
    for (int k : idle)
        closePair(k);
    if (!idle.empty()) {
        m_c.idleClosed.fetch_add(idle.size(), std::memory_order_relaxed);
        log("closed " + std::to_string(idle.size()) + " TCP flow(s) idle for " + std::to_string(idleMs / 1000) + " s");
    }
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (now - it->second->lastMs > std::min(idleMs, UdpSessionIdleMs)) {
            if (it->second->fd >= 0) {
                m_sessionOf.erase(it->second->fd);
                ::close(it->second->fd);
            }
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
    m_c.udpSessions.store(m_sessions.size(), std::memory_order_relaxed);
}

void SpliceRelay::account(uint32_t source, uint64_t bytes, int64_t now)
{
    std::lock_guard<std::mutex> lock(m_sourceMutex);
    SourceStats &s = m_sources[source];
    ++s.packets;
    s.bytes += bytes;
    s.lastSeenMs = now;
}

std::vector<std::pair<uint32_t, SpliceRelay::SourceStats>> SpliceRelay::sources() const
{
    std::lock_guard<std::mutex> lock(m_sourceMutex);
    return {m_sources.begin(), m_sources.end()};
}

namespace {
// Reusable buffers for one batch of datagrams.
struct Batch {
    static constexpr int Size = SpliceRelay::UdpBatch;
    std::vector<char> data = std::vector<char>(size_t(Size) * 65536);
    mmsghdr msgs[Size]{};
    iovec iov[Size]{};
    sockaddr_in addr[Size]{};
    void prepare(bool withAddress)
    {
        for (int i = 0; i < Size; ++i) {
            iov[i] = {data.data() + size_t(i) * 65536, 65536};
            msgs[i].msg_hdr = {};
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            if (withAddress) {
                msgs[i].msg_hdr.msg_name = &addr[i];
                msgs[i].msg_hdr.msg_namelen = sizeof addr[i];
            }
        }
    }
};
Batch &batch()
{
    thread_local Batch b;   // one per relay thread
    return b;
}
} // namespace

// Sends a batch of datagrams and counts what went out; what the socket would not take is dropped.
void SpliceRelay::sendBatch(int fd, mmsghdr *msgs, int n)
{
    const int sent = std::max(0, sendmmsg(fd, msgs, unsigned(n), MSG_DONTWAIT));
    for (int i = 0; i < sent; ++i) {
        m_c.packetsOut.fetch_add(1, std::memory_order_relaxed);
        m_c.bytesOut.fetch_add(msgs[i].msg_len, std::memory_order_relaxed);
    }
    if (sent < n)
        m_c.dropped.fetch_add(size_t(n - sent), std::memory_order_relaxed);
}

void SpliceRelay::readUdpClients()
{
    Batch &b = batch();
    for (;;) {
        b.prepare(true);
        const int n = recvmmsg(m_udp, b.msgs, Batch::Size, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            return;
        const int64_t now = nowMs();
        // Datagrams of one batch go out per session, each session's in one sendmmsg.
        std::unordered_map<Session *, std::vector<mmsghdr>> out;
        for (int i = 0; i < n; ++i) {
            const size_t len = b.msgs[i].msg_len;
            const sockaddr_in &from = b.addr[i];
            const uint32_t source = ntohl(from.sin_addr.s_addr);
            m_c.packetsIn.fetch_add(1, std::memory_order_relaxed);
            m_c.bytesIn.fetch_add(len, std::memory_order_relaxed);
            if (m_perSource.load(std::memory_order_relaxed))
                account(source, len, now);
            const uint64_t key = (uint64_t(source) << 16) | ntohs(from.sin_port);
            auto it = m_sessions.find(key);
            if (it == m_sessions.end()) {
                if (m_sessions.size() >= size_t(MaxUdpSessions)) {
                    m_c.dropped.fetch_add(1, std::memory_order_relaxed);
                    continue;
                }
                auto s = std::make_unique<Session>();
                s->client = from;
                s->source = source;
                if (admit(source, false)) {   // once per session, not per datagram
                    sockaddr_in next;
                    {
                        std::lock_guard<std::mutex> lock(m_cfgMutex);
                        next = m_next;
                    }
                    sockaddr_in local = m_listen;
                    local.sin_port = 0;
                    // Not connect()ed: a next hop may answer from another of its addresses.
                    s->next = next;
                    s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
                    if (s->fd < 0 || bind(s->fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
                        if (s->fd >= 0)
                            ::close(s->fd);
                        s->fd = -1;
                    } else {
                        epoll_event ev{};
                        ev.events = EPOLLIN;
                        ev.data.u64 = tag(SessionSocket, s->fd);
                        epoll_ctl(m_epoll, EPOLL_CTL_ADD, s->fd, &ev);
                        m_sessionOf[s->fd] = s.get();
                    }
                }
                it = m_sessions.emplace(key, std::move(s)).first;
                m_c.udpSessions.store(m_sessions.size(), std::memory_order_relaxed);
            }
            Session &s = *it->second;
            s.lastMs = now;
            if (s.fd < 0) {
                m_c.dropped.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            mmsghdr m{};
            m.msg_hdr.msg_name = &s.next;
            m.msg_hdr.msg_namelen = sizeof s.next;
            m.msg_hdr.msg_iov = &b.iov[i];
            m.msg_hdr.msg_iovlen = 1;
            b.iov[i].iov_len = len;
            out[&s].push_back(m);
        }
        for (auto &[s, msgs] : out) {
            sendBatch(s->fd, msgs.data(), int(msgs.size()));
        }
        if (n < Batch::Size)
            return;
    }
}

void SpliceRelay::readUdpSession(Session &s)
{
    Batch &b = batch();
    for (;;) {
        b.prepare(false);
        const int n = recvmmsg(s.fd, b.msgs, Batch::Size, MSG_DONTWAIT, nullptr);
        if (n <= 0)
            return;
        s.lastMs = nowMs();
        for (int i = 0; i < n; ++i) {
            m_c.packetsIn.fetch_add(1, std::memory_order_relaxed);
            m_c.bytesIn.fetch_add(b.msgs[i].msg_len, std::memory_order_relaxed);
            b.iov[i].iov_len = b.msgs[i].msg_len;
            b.msgs[i].msg_hdr.msg_name = &s.client;   // the answer goes back to the client, from the listening address
            b.msgs[i].msg_hdr.msg_namelen = sizeof s.client;
        }
        sendBatch(m_udp, b.msgs, n);
        if (n < Batch::Size)
            return;
    }
}

} // namespace vines::leaf
