#include "VnfMetricsFeed.h"
#include <QDateTime>
#include <QJsonObject>
#include "util/Guarded.h"

namespace vines {

VnfMetricsFeed::VnfMetricsFeed(EmsClient &ems, int capacity, QObject *parent) : QObject(parent), m_ems(ems), m_capacity(capacity)
{
    connect(&m_timer, &QTimer::timeout, this, &VnfMetricsFeed::poll);
}

void VnfMetricsFeed::setVnfs(const QStringList &ids)
{
    m_vnfs = ids;
    for (const QString &id : ids)
        if (!m_series.contains(id))
            for (const QString &m : metricNames())
                m_series[id].insert(m, RingSeries(m_capacity));
}

const RingSeries *VnfMetricsFeed::series(const QString &vnfId, const QString &metric) const
{
    auto it = m_series.constFind(vnfId);
    if (it == m_series.constEnd())
        return nullptr;
    auto jt = it->constFind(metric);
    return jt == it->constEnd() ? nullptr : &*jt;
}

void VnfMetricsFeed::add(const QString &vnfId, qint64 tMs, const QJsonObject &values)
{
    if (!m_series.contains(vnfId))
        setVnfs(m_vnfs + QStringList{vnfId});
    for (const QString &m : metricNames())
        if (values.contains(m))
            m_series[vnfId][m].append(tMs, values.value(m).toDouble());
}

void VnfMetricsFeed::poll()
{
    for (const QString &id : std::as_const(m_vnfs))
        m_ems.metrics(id, false, guarded(this, [this, id](const HttpResult &r) {
            if (!r)
                return;
            const QString at = r->object().value("sampleTime").toString();
            if (at == m_lastSample.value(id))
                return;   // nothing new since the last poll
            m_lastSample.insert(id, at);
            const qint64 t = QDateTime::fromString(at, Qt::ISODateWithMs).toMSecsSinceEpoch();
            add(id, t, r->object().value("values").toObject());
            Q_EMIT updated();
        }));   // a dashboard closed meanwhile drops the answer
}

} // namespace vines
