#include "ConnectionGuard.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace vines {

namespace {
class GuardedTcpServer : public QTcpServer {
public:
    GuardedTcpServer(ConnectionGuard *guard, QObject *parent) : QTcpServer(parent), m_guard(guard) {}
protected:
    void incomingConnection(qintptr fd) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(fd)) {
            socket->deleteLater();
            return;
        }
        if (m_guard->admit(socket))   // our readyRead handler is connected before the HTTP server's
            addPendingConnection(socket);
    }
private:
    QPointer<ConnectionGuard> m_guard;
};

constexpr const char *kReceived = "vinesReceived";   // bytes received since the last response was written
constexpr const char *kClosing = "vinesClosing";
constexpr const char *kDrainLeft = "vinesDrainLeft";   // refused body bytes still to come (-1: unknown)

// The Content-Length of a request head at the start of data, or -1.
qint64 announcedLength(const QByteArray &data)
{
    const int end = data.indexOf("\r\n\r\n");
    const QByteArray head = (end < 0 ? data : data.left(end)).toLower();
    const int at = head.indexOf("\r\ncontent-length:");
    if (at < 0)
        return -1;
    const int eol = head.indexOf("\r\n", at + 2);
    bool ok = false;
    const qint64 n = head.mid(at + 17, eol < 0 ? -1 : eol - at - 17).trimmed().toLongLong(&ok);
    return ok ? n : -1;
}
} // namespace

ConnectionGuard::ConnectionGuard(Limits limits, QObject *parent) : QObject(parent), m_limits(limits) {}

QTcpServer *ConnectionGuard::newTcpServer(QObject *parent)
{
    auto *server = new GuardedTcpServer(this, parent);
    server->setListenBacklogSize(1024);   // bursts of clients (Qt's default, 50, drops handshakes under load)
    return server;
}

void ConnectionGuard::guard(QSslServer *server)
{
    server->setListenBacklogSize(1024);
    connect(server, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) { admit(socket); });
}

bool ConnectionGuard::admit(QTcpSocket *socket)
{
    if (m_open >= m_limits.maxConnections) {
        ++m_refused;
        socket->abort();
        socket->deleteLater();
        return false;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this]() { --m_open; });
    auto *idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_limits.idleTimeoutMs);
    connect(idle, &QTimer::timeout, socket, [this, socket]() {
        ++m_idleClosed;
        socket->abort();
    });
    idle->start();
    connect(socket, &QIODevice::readyRead, socket, [this, socket, idle]() {
        idle->start();
        inspect(socket);
    });
    connect(socket, &QIODevice::bytesWritten, socket, [socket, idle]() {
        idle->start();
        socket->setProperty(kReceived, 0);   // a response went out: the next bytes are a new request
    });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    return true;
}

void ConnectionGuard::inspect(QTcpSocket *socket)
{
    if (socket->property(kClosing).toBool()) {
        // Refused: whatever still comes is dropped, not buffered; once the announced body is in,
        // the connection closes (closing earlier would make the client's kernel reset it and
        // throw the 413 away before the client reads it).
        const qint64 left = socket->property(kDrainLeft).toLongLong() - socket->readAll().size();
        socket->setProperty(kDrainLeft, left);
        if (left <= 0)
            socket->disconnectFromHost();
        return;
    }
    const qint64 before = socket->property(kReceived).toLongLong();
    const qint64 available = socket->bytesAvailable();
    if (before == 0) {
        const qint64 announced = announcedLength(socket->peek(qMin<qint64>(available, 16384)));
        if (announced > m_limits.maxRequestBytes)
            return refuse(socket, announced);
    }
    const qint64 received = before + available;
    socket->setProperty(kReceived, received);
    if (received > m_limits.maxRequestBytes + 64 * 1024)   // chunked or lying about its length
        refuse(socket, received);
}

void ConnectionGuard::refuse(QTcpSocket *socket, qint64 size)
{
    ++m_oversized;
    socket->setProperty(kClosing, true);
    const qint64 held = socket->bytesAvailable();
    const QByteArray head = socket->peek(qMin<qint64>(held, 16384));
    const int headEnd = head.indexOf("\r\n\r\n");
    const qint64 announced = announcedLength(head);
    // What of the body has not arrived yet (from this point), bounded: at most 64 MiB more is read.
    const qint64 bodyHere = headEnd < 0 ? 0 : held - (headEnd + 4);
    socket->setProperty(kDrainLeft, announced < 0 ? 0 : qMin<qint64>(announced - bodyHere, 64LL * 1024 * 1024));
    socket->readAll();
    const QString message = QStringLiteral("request body of %1 bytes exceeds %2 bytes").arg(size).arg(m_limits.maxRequestBytes);
    const QJsonObject o = m_limits.problemDetails
        ? QJsonObject{{"type", "about:blank"}, {"title", "Payload Too Large"}, {"status", 413}, {"detail", message}}
        : QJsonObject{{"error", QJsonObject{{"code", "payload_too_large"}, {"message", message}}}};
    const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    const QByteArray type = m_limits.problemDetails ? "application/problem+json" : "application/json";
    socket->write("HTTP/1.1 413 Payload Too Large\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    if (socket->property(kDrainLeft).toLongLong() <= 0)
        return socket->disconnectFromHost();
    QTimer::singleShot(10000, socket, [socket]() { socket->abort(); });   // a client that never finishes its body
}

} // namespace vines
