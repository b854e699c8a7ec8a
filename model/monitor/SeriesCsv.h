#pragma once
// CSV export of named time series: one row per point (series, ISO time, ms since epoch, value).
#include "RingSeries.h"
#include <QByteArray>
#include <QString>

namespace vines {

struct NamedSeries {
    QString name;
    const RingSeries *series = nullptr;
};

QByteArray seriesToCsv(const QList<NamedSeries> &all, qint64 fromMs = 0);

} // namespace vines
