#include "Records.h"
#include <QUuid>

namespace vines {

QString isoNow() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }
QDateTime fromIso(const QString &s) { return QDateTime::fromString(s, Qt::ISODateWithMs); }
QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

} // namespace vines
