#include "SeriesCsv.h"
#include <QDateTime>

namespace vines {

QByteArray seriesToCsv(const QList<NamedSeries> &all, qint64 fromMs)
{
    QByteArray csv = "series,time,time_ms,value\n";
    for (const NamedSeries &s : all) {
        if (!s.series)
            continue;
        const QByteArray name = '"' + s.name.toUtf8().replace('"', "\"\"") + '"';
        for (const QPointF &p : s.series->window(fromMs, s.series->capacity() + 1))
            csv += name + ',' + QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toString(Qt::ISODateWithMs).toUtf8() + ','
                   + QByteArray::number(qint64(p.x())) + ',' + QByteArray::number(p.y(), 'g', 10) + '\n';
    }
    return csv;
}

} // namespace vines
