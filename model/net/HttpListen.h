#pragma once
// Puts a JsonHttpServer on the network: plain TCP, or TLS when a PEM certificate and key are
// given, every connection passing through the ConnectionGuard first. Returns the listening
// server (owned by the HTTP server), or the error naming the file or address at fault.
#include "util/Result.h"
#include <QHostAddress>
#include <QString>

class QTcpServer;

namespace vines {

class JsonHttpServer;
class ConnectionGuard;

Result<QTcpServer *> listenHttp(JsonHttpServer &server, ConnectionGuard &guard, const QHostAddress &address, quint16 port,
                                const QString &tlsCertificate, const QString &tlsKey);

} // namespace vines
