#include "Records.h"
#include <QJsonArray>
#include <QUuid>

namespace vines {

QJsonObject DeploymentState::toJson() const
{
    QJsonObject scale;
    for (auto it = scaleStatus.begin(); it != scaleStatus.end(); ++it)
        scale.insert(it.key(), it.value());
    QJsonArray vnfcs;
    for (const VnfcRecord &v : extraVnfcs)
        vnfcs.append(QJsonObject{{"vdu", v.vdu}, {"vimInstanceId", v.vimInstanceId}});
    return {{"flavourId", flavourId}, {"instantiationLevel", instantiationLevel}, {"scaleStatus", scale}, {"extraVnfcs", vnfcs}};
}

DeploymentState DeploymentState::fromJson(const QJsonObject &o)
{
    DeploymentState d;
    d.flavourId = o.value("flavourId").toString();
    d.instantiationLevel = o.value("instantiationLevel").toString();
    const QJsonObject scale = o.value("scaleStatus").toObject();
    for (auto it = scale.begin(); it != scale.end(); ++it)
        d.scaleStatus.insert(it.key(), it.value().toInt());
    for (const auto &v : o.value("extraVnfcs").toArray())
        d.extraVnfcs << VnfcRecord{v.toObject().value("vdu").toString(), v.toObject().value("vimInstanceId").toString()};
    return d;
}


QString isoNow() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }
QDateTime fromIso(const QString &s) { return QDateTime::fromString(s, Qt::ISODateWithMs); }
QString newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

} // namespace vines
