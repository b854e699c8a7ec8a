// The NFVO's last step of a chain change: the chain answers on its public address. A chain just
// composed may take a moment to carry traffic everywhere on a busy machine (the router's
// address announced, the hosts' neighbour entries, the NFs' tables applied), so the probe is
// tried again until the step's deadline; the step fails only when no try got an answer, and
// says what the last one met.
#include "Nfvo.h"
#include "NsContext.h"
#include "catalog/InstanceStore.h"
#include "catalog/PackageCatalog.h"
#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

namespace vines {

using task::Run;

namespace {

constexpr int AttemptMs = 2000;      // one probe's answer
constexpr int BudgetMs = 15000;      // all of them
constexpr int PauseMs = 250;         // between probes
const QByteArray kProbe = "vines-chain-probe\n";

// One TCP probe: connected (and, through an echoing chain, echoed back).
void probeTcp(QObject *owner, const QString &address, quint16 port, bool echoes, std::function<void(const Result<> &)> done)
{
    auto *sock = new QTcpSocket(owner);
    auto finished = std::make_shared<bool>(false);
    auto finish = [sock, finished, done](const Result<> &r) {
        if (std::exchange(*finished, true))
            return;
        sock->abort();
        sock->deleteLater();
        done(r);
    };
    QObject::connect(sock, &QTcpSocket::connected, sock, [sock, echoes, finish]() {
        if (!echoes)
            return finish({});
        sock->write(kProbe);
    });
    auto got = std::make_shared<QByteArray>();
    QObject::connect(sock, &QTcpSocket::readyRead, sock, [sock, got, finish]() {
        *got += sock->readAll();
        if (got->size() >= kProbe.size())
            finish(*got == kProbe ? Result<>()
                                  : Result<>(Error::upstream(QStringLiteral("the chain answered '%1' instead of echoing the probe").arg(QString::fromUtf8(got->left(40).trimmed())))));
    });
    QObject::connect(sock, &QTcpSocket::errorOccurred, sock, [sock, finish](QAbstractSocket::SocketError) {
        finish(Error::unavailable(sock->errorString()));
    });
    QTimer::singleShot(AttemptMs, sock, [finish]() { finish(Error::timeout(QStringLiteral("no answer within %1 s").arg(AttemptMs / 1000))); });
    sock->connectToHost(address, port);
}

// One UDP probe: a datagram through it comes back from an echoing last VNF.
void probeUdp(QObject *owner, const QString &address, quint16 port, std::function<void(const Result<> &)> done)
{
    auto *sock = new QUdpSocket(owner);
    auto finished = std::make_shared<bool>(false);
    auto finish = [sock, finished, done](const Result<> &r) {
        if (std::exchange(*finished, true))
            return;
        sock->close();
        sock->deleteLater();
        done(r);
    };
    const QByteArray probe = kProbe.trimmed();
    QObject::connect(sock, &QUdpSocket::readyRead, sock, [sock, probe, finish]() {
        while (sock->hasPendingDatagrams()) {
            const QByteArray got = sock->receiveDatagram().data();
            finish(got == probe ? Result<>()
                                : Result<>(Error::upstream(QStringLiteral("the chain answered '%1' instead of echoing the probe").arg(QString::fromUtf8(got.left(40))))));
        }
    });
    sock->writeDatagram(probe, QHostAddress(address), port);
    QTimer::singleShot(AttemptMs, sock, [finish]() { finish(Error::timeout(QStringLiteral("no UDP answer within %1 s").arg(AttemptMs / 1000))); });
}

} // namespace

Nfvo::Step Nfvo::verifyStep(CtxPtr ctx)
{
    Step s = task::leaf(QStringLiteral("Verify the chain answers on its public address"), [this, ctx](const Run &run, Done done) {
        InstanceRecord last;
        m_instances.get(ctx->ns.vnfInstanceIds.value(ctx->ns.vnfInstanceIds.size() - 1), &last);
        PackageRecord p;
        m_packages.get(last.packageId, &p);
        const bool echoes = p.package.vnfd.exp.nfType == QLatin1String("echo");
        NsdRecord nsd;   // what the chain carries: its first path's classifier
        const QStringList protocols = m_ns.descriptor(ctx->ns.nsdId, &nsd) && !nsd.nsd.vnffgs.isEmpty() ? nsd.nsd.vnffgs.first().protocols() : QStringList();
        const bool udp = !protocols.isEmpty() && !protocols.contains(QLatin1String("tcp"));
        if (udp && !echoes)
            return done({});   // nothing answers a datagram that could be checked
        const QString address = ctx->ns.publicAddress;
        const quint16 port = quint16(ctx->ns.servicePort);
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        auto attempt = std::make_shared<std::function<void(int)>>();
        QPointer<Nfvo> self(this);
        *attempt = [self, address, port, echoes, udp, run, done, clock, attempt](int n) {
            if (!self)
                return;
            auto next = [self, done, clock, attempt, n, run](const Result<> &r) {
                if (r || run.cancelled() || clock->elapsed() + PauseMs >= BudgetMs) {
                    auto keep = *attempt;   // outlives the reset
                    *attempt = nullptr;
                    if (r)
                        return done({});
                    if (run.cancelled())
                        return done(Error::cancelled(run.cancel().reason()));
                    return done(r.error().withMessage(QStringLiteral("no answer through the chain in %1 tries over %2 s (the last: %3)")
                                                          .arg(n + 1).arg(clock->elapsed() / 1000.0, 0, 'f', 1).arg(r.errorMessage())));
                }
                QTimer::singleShot(PauseMs, self, [attempt, n]() { if (*attempt) (*attempt)(n + 1); });
            };
            udp ? probeUdp(self, address, port, next) : probeTcp(self, address, port, echoes, next);
        };
        (*attempt)(0);
    });
    s.timeoutMs = BudgetMs + AttemptMs + 3000;
    return s;
}

} // namespace vines
