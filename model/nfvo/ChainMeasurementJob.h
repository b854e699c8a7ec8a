#pragma once
// Runs ChainMeter off the calling thread for a list of targets (e.g. the chain and a direct
// connection to its last VNF) and reports progress and results on the calling thread.
#include "ChainMeter.h"
#include <QObject>
#include <memory>

namespace vines {

class ChainMeasurementJob : public QObject {
    Q_OBJECT
public:
    struct Target { QString label; int chainLength = 0; QString host; quint16 port = 0; };
    struct Plan { int probes = 500; int payloadBytes = 64; qint64 throughputBytes = 16 * 1024 * 1024; };
    ChainMeasurementJob(QList<Target> targets, Plan plan, QObject *parent = nullptr);
    ~ChainMeasurementJob() override;
    void start();
    void cancel();
    bool running() const { return m_running; }

Q_SIGNALS:
    void progress(int percent, const QString &stage);
    void finished(const QList<vines::ChainMeasurement> &results);

private:
    QList<Target> m_targets;
    Plan m_plan;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace vines
