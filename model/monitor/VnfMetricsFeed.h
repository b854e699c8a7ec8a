#pragma once
// Per-VNF metrics for the dashboards, read from the EMS performance monitor once a second
// (CPU %, resident memory, packets and bytes per second), kept in fixed-size ring series.
#include "RingSeries.h"
#include "ems/EmsClient.h"
#include <QHash>
#include <QObject>
#include <QTimer>

namespace vines {

class VnfMetricsFeed : public QObject {
    Q_OBJECT
public:
    static QStringList metricNames() { return {"cpuPercent", "memoryRssKb", "packetsInPerS", "packetsOutPerS", "bytesInPerS", "bytesOutPerS"}; }
    VnfMetricsFeed(EmsClient &ems, int capacity = 3600, QObject *parent = nullptr);
    void setVnfs(const QStringList &ids);
    void start(int intervalMs = 1000) { m_timer.start(intervalMs); poll(); }
    void stop() { m_timer.stop(); }
    const RingSeries *series(const QString &vnfId, const QString &metric) const;
    QStringList vnfs() const { return m_vnfs; }
    // For tests and replays: feeds a sample as if the EMS had reported it.
    void add(const QString &vnfId, qint64 tMs, const QJsonObject &values);

Q_SIGNALS:
    void updated();

private:
    void poll();
    EmsClient &m_ems;
    int m_capacity;
    QStringList m_vnfs;
    QHash<QString, QHash<QString, RingSeries>> m_series;
    QHash<QString, QString> m_lastSample;
    QTimer m_timer;
};

} // namespace vines
