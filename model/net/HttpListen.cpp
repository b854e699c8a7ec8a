#include "HttpListen.h"
#include "ConnectionGuard.h"
#include "JsonHttpServer.h"
#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>

namespace vines {

Result<QTcpServer *> listenHttp(JsonHttpServer &server, ConnectionGuard &guard, const QHostAddress &address, quint16 port,
                                const QString &tlsCertificate, const QString &tlsKey)
{
    QTcpServer *tcp = nullptr;
    if (!tlsCertificate.isEmpty() || !tlsKey.isEmpty()) {
        QFile cf(tlsCertificate), kf(tlsKey);
        if (!cf.open(QIODevice::ReadOnly) || !kf.open(QIODevice::ReadOnly))
            return Error::notFound(QStringLiteral("tls: cannot read %1 or %2").arg(tlsCertificate, tlsKey));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(cf.readAll(), QSsl::Pem);
        const QByteArray pem = kf.readAll();
        QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty())
            return Error::invalid(QStringLiteral("tls.certificate: %1 holds no PEM certificate").arg(tlsCertificate));
        if (key.isNull())
            return Error::invalid(QStringLiteral("tls.key: %1 is not a PEM RSA or EC private key").arg(tlsKey));
        auto *ssl = new QSslServer(&server);
        guard.guard(ssl);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(chain);
        conf.setPrivateKey(key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(conf);
        tcp = ssl;
    } else {
        tcp = guard.newTcpServer(&server);
    }
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        delete tcp;
        return Error::unavailable(QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(why));
    }
    server.bind(tcp);
    return tcp;
}

} // namespace vines
