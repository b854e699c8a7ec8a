#include "ChainProbe.h"
#include "nfvo/ChainMeter.h"
#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>

namespace vines {

ChainProbe::ChainProbe(Options o, QObject *parent) : QObject(parent), m_opt(std::move(o))
{
    m_drain.setInterval(250);
    connect(&m_drain, &QTimer::timeout, this, &ChainProbe::drain);
}

ChainProbe::~ChainProbe() { stop(); }

void ChainProbe::start()
{
    if (running())
        return;
    m_stop = false;
    m_thread = std::thread([this]() { run(); });
    m_drain.start();
}

void ChainProbe::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    m_drain.stop();
    drain();
}

void ChainProbe::drain()
{
    ProbeBatch b;
    {
        QMutexLocker lock(&m_mutex);
        std::swap(b, m_pending);
    }
    if (!b.latencyMs.isEmpty() || !b.throughputMbit.isEmpty() || !b.errors.isEmpty())
        Q_EMIT batch(b);
}

void ChainProbe::run()
{
    QTcpSocket s;   // lives on this thread only
    s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QElapsedTimer sinceBulk;
    sinceBulk.start();
    QByteArray payload(qMax(1, m_opt.payloadBytes), 'l');
    qint64 nextProbe = QDateTime::currentMSecsSinceEpoch();
    auto error = [this](const QString &e) {
        QMutexLocker lock(&m_mutex);
        if (m_pending.errors.size() < 20)
            m_pending.errors << e;
    };
    while (!m_stop) {
        if (s.state() != QAbstractSocket::ConnectedState) {
            s.abort();
            s.connectToHost(m_opt.host, m_opt.port);
            if (!s.waitForConnected(1000)) {
                error(QStringLiteral("cannot connect to %1:%2: %3").arg(m_opt.host).arg(m_opt.port).arg(s.errorString()));
                for (int i = 0; i < 10 && !m_stop; ++i)
                    QThread::msleep(50);
                continue;
            }
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now < nextProbe) {
            QThread::msleep(quint64(qMin<qint64>(nextProbe - now, 50)));
            continue;
        }
        nextProbe += m_opt.latencyIntervalMs;
        if (nextProbe < now)
            nextProbe = now + m_opt.latencyIntervalMs;   // fell behind: don't burst
        QElapsedTimer t;
        t.start();
        s.write(payload);
        QByteArray got;
        while (got.size() < payload.size() && (s.bytesAvailable() || s.waitForReadyRead(2000)))
            got += s.read(payload.size() - got.size());
        if (got == payload) {
            QMutexLocker lock(&m_mutex);
            m_pending.latencyMs << qMakePair(QDateTime::currentMSecsSinceEpoch(), double(t.nsecsElapsed()) / 1e6);
        } else {
            error(QStringLiteral("latency probe to %1:%2 got no answer").arg(m_opt.host).arg(m_opt.port));
            s.abort();
        }
        if (m_opt.throughputBytes > 0 && sinceBulk.elapsed() >= m_opt.throughputIntervalMs) {
            sinceBulk.restart();
            const ThroughputResult r = ChainMeter::throughput(m_opt.host, m_opt.port, m_opt.throughputBytes, 5000);
            if (r.error.isEmpty()) {
                QMutexLocker lock(&m_mutex);
                m_pending.throughputMbit << qMakePair(QDateTime::currentMSecsSinceEpoch(), r.mbitPerS());
            } else {
                error(r.error);
            }
        }
    }
}

} // namespace vines
