#pragma once
// Live probing of a chain's data plane, off the UI thread: a latency probe (small
// request/response on one TCP connection) every latencyIntervalMs, and a bulk TCP transfer of
// throughputBytes every throughputIntervalMs. Results are batched and delivered on the owner's
// thread a few times a second, so the UI never waits on the network.
#include <QMutex>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <thread>

namespace vines {

struct ProbeBatch {
    QList<QPair<qint64, double>> latencyMs;        // (time ms, rtt ms)
    QList<QPair<qint64, double>> throughputMbit;   // (time ms, Mbit/s)
    QStringList errors;
};

class ChainProbe : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString host;
        quint16 port = 9000;
        int latencyIntervalMs = 100;
        int throughputIntervalMs = 2000;
        qint64 throughputBytes = 1024 * 1024;
        int payloadBytes = 64;
    };
    explicit ChainProbe(Options o, QObject *parent = nullptr);
    ~ChainProbe() override;
    void start();
    void stop();
    bool running() const { return m_thread.joinable(); }
    Options options() const { return m_opt; }

Q_SIGNALS:
    void batch(const vines::ProbeBatch &b);

private:
    void run();
    void drain();
    Options m_opt;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    QMutex m_mutex;
    ProbeBatch m_pending;
    QTimer m_drain;
};

} // namespace vines

Q_DECLARE_METATYPE(vines::ProbeBatch)
