#pragma once
// Limits for an HTTP server's connections, applied before Qt's HTTP server buffers anything:
// at most maxConnections open (more are closed at once), a request whose Content-Length (or
// whose bytes received so far) exceeds maxRequestBytes is answered 413 and the connection
// closed without buffering the body, and a connection idle for idleTimeoutMs is closed.
#include <QObject>
#include <QTcpServer>

class QTcpSocket;
class QSslServer;

namespace vines {

class ConnectionGuard : public QObject {
    Q_OBJECT
public:
    struct Limits {
        int maxConnections = 512;
        qint64 maxRequestBytes = 64 * 1024 * 1024;
        int idleTimeoutMs = 60000;
        bool problemDetails = false;   // refusals as SOL013 ProblemDetails (application/problem+json)
    };
    explicit ConnectionGuard(Limits limits, QObject *parent = nullptr);

    // A plain TCP server whose connections go through this guard.
    QTcpServer *newTcpServer(QObject *parent);
    // Guards a TLS server's connections from the start of their handshake.
    void guard(QSslServer *server);
    // Takes a new connection: false (and the socket is aborted) when the server is full.
    bool admit(QTcpSocket *socket);

    int open() const { return m_open; }
    qint64 refusedConnections() const { return m_refused; }
    qint64 oversizedRequests() const { return m_oversized; }
    qint64 idleClosed() const { return m_idleClosed; }
    const Limits &limits() const { return m_limits; }

private:
    void inspect(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, qint64 announced);
    Limits m_limits;
    int m_open = 0;
    qint64 m_refused = 0, m_oversized = 0, m_idleClosed = 0;
};

} // namespace vines
