#include "ChainMeter.h"
#include <QElapsedTimer>
#include <QTcpSocket>
#include <algorithm>
#include <numeric>

namespace vines {

double LatencyResult::percentile(double p) const
{
    if (rttMs.isEmpty())
        return 0;
    QList<double> s = rttMs;
    std::sort(s.begin(), s.end());
    const double rank = p / 100.0 * double(s.size() - 1);   // linear interpolation between closest ranks
    const qsizetype lo = qsizetype(rank);
    const qsizetype hi = qMin(lo + 1, s.size() - 1);
    return s[lo] + (s[hi] - s[lo]) * (rank - double(lo));
}

double LatencyResult::mean() const
{
    return rttMs.isEmpty() ? 0 : std::accumulate(rttMs.begin(), rttMs.end(), 0.0) / double(rttMs.size());
}

LatencyResult ChainMeter::latency(const QString &host, quint16 port, int probes, int payloadBytes, int timeoutMs,
                                  const Progress &progress, const std::atomic<bool> *cancel)
{
    LatencyResult out;
    QTcpSocket s;
    s.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    s.connectToHost(host, port);
    if (!s.waitForConnected(timeoutMs)) {
        out.error = QStringLiteral("cannot connect to %1:%2: %3").arg(host).arg(port).arg(s.errorString());
        out.failures = probes;
        return out;
    }
    QByteArray payload(qMax(1, payloadBytes), 'p');
    QElapsedTimer t;
    for (int i = 0; i < probes; ++i) {
        if (cancel && cancel->load())
            break;
        payload[0] = char('a' + i % 26);
        t.start();
        s.write(payload);
        QByteArray got;
        while (got.size() < payload.size()) {
            if (!s.bytesAvailable() && !s.waitForReadyRead(timeoutMs))
                break;
            got += s.read(payload.size() - got.size());
        }
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (got == payload) {
            out.rttMs << ms;
        } else {
            ++out.failures;
            out.error = got.isEmpty() ? QStringLiteral("probe %1 got no answer within %2 ms").arg(i).arg(timeoutMs)
                                      : QStringLiteral("probe %1 got a wrong answer").arg(i);
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
        }
        if (progress && (i % 50 == 0 || i == probes - 1))
            progress(i + 1, probes);
    }
    return out;
}

ThroughputResult ChainMeter::throughput(const QString &host, quint16 port, qint64 bytes, int timeoutMs, const std::atomic<bool> *cancel)
{
    ThroughputResult out;
    QTcpSocket s;
    s.connectToHost(host, port);
    if (!s.waitForConnected(timeoutMs)) {
        out.error = QStringLiteral("cannot connect to %1:%2: %3").arg(host).arg(port).arg(s.errorString());
        return out;
    }
    const QByteArray chunk(64 * 1024, 'b');
    qint64 sent = 0, received = 0;
    QElapsedTimer t, idle;
    t.start();
    idle.start();
    while (received < bytes) {
        if (cancel && cancel->load())
            break;
        // Keep at most 1 MiB in flight on our side so the reader keeps up.
        while (sent < bytes && s.bytesToWrite() < 1024 * 1024) {
            const qint64 n = qMin<qint64>(chunk.size(), bytes - sent);
            s.write(chunk.constData(), n);
            sent += n;
        }
        if (s.bytesToWrite() > 0)
            s.waitForBytesWritten(5);
        if (s.bytesAvailable() || s.waitForReadyRead(5)) {
            received += s.read(8 * 1024 * 1024).size();
            idle.restart();
        }
        if (idle.elapsed() > timeoutMs) {
            out.error = QStringLiteral("transfer stalled after %1 of %2 bytes").arg(received).arg(bytes);
            break;
        }
        if (s.state() != QAbstractSocket::ConnectedState && !s.bytesAvailable()) {
            out.error = QStringLiteral("connection closed after %1 of %2 bytes").arg(received).arg(bytes);
            break;
        }
    }
    out.seconds = double(t.nsecsElapsed()) / 1e9;
    out.bytes = received;
    return out;
}

QByteArray ChainMeter::toCsv(const QList<ChainMeasurement> &results)
{
    QByteArray csv = "label,chain_length,target,probes,failures,p50_ms,p95_ms,p99_ms,mean_ms,min_ms,max_ms,throughput_bytes,throughput_s,throughput_mbit_s\n";
    auto num = [](double v) { return QByteArray::number(v, 'f', 4); };
    for (const ChainMeasurement &m : results) {
        const auto &l = m.latency;
        csv += '"' + m.label.toUtf8().replace('"', "\"\"") + "\"," + QByteArray::number(m.chainLength) + ',' + m.target.toUtf8() + ','
               + QByteArray::number(l.rttMs.size()) + ',' + QByteArray::number(l.failures) + ',' + num(l.percentile(50)) + ','
               + num(l.percentile(95)) + ',' + num(l.percentile(99)) + ',' + num(l.mean()) + ',' + num(l.percentile(0)) + ','
               + num(l.percentile(100)) + ',' + QByteArray::number(m.throughput.bytes) + ',' + num(m.throughput.seconds) + ','
               + num(m.throughput.mbitPerS()) + '\n';
    }
    csv += "\nlabel,chain_length,probe,rtt_ms\n";
    for (const ChainMeasurement &m : results)
        for (int i = 0; i < m.latency.rttMs.size(); ++i)
            csv += '"' + m.label.toUtf8().replace('"', "\"\"") + "\"," + QByteArray::number(m.chainLength) + ',' + QByteArray::number(i) + ','
                   + num(m.latency.rttMs[i]) + '\n';
    return csv;
}

} // namespace vines
