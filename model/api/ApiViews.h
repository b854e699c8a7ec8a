#pragma once
// The console's records as the ETSI resources the northbound API returns: VnfPkgInfo (SOL005),
// VnfInstance and VnfLcmOpOcc (SOL003), NsdInfo, NsInstance and NsLcmOpOcc (SOL005), Alarm (SOL003 FM).
#include "catalog/NsCatalog.h"
#include "catalog/Records.h"
#include "ems/EmsLink.h"
#include <QJsonObject>

namespace vines::api {

struct Links {   // builds absolute hrefs under the API's base URL
    QString base;
    QString operator()(const QString &path) const { return base + path; }
};

// A package resource that has no content yet (SOL005 CREATED/UPLOADING/PROCESSING).
struct PendingPackage {
    QString id;
    QString state;            // CREATED, UPLOADING, PROCESSING
    QJsonObject userDefinedData;
    QString failure;          // why the last upload was refused (onboardingFailureDetails)
    QDateTime createdAt;
};

QJsonObject vnfPkgInfo(const PackageRecord &p, const Links &links);
QJsonObject vnfPkgInfo(const PendingPackage &p, const Links &links);
QJsonObject vnfInstance(const InstanceRecord &r, const PackageRecord *pkg, const QString &description, const Links &links);
// The SOL003 operation an occurrence of ours is (START/STOP/RESTART are OPERATE).
QString sol003Operation(const QString &ours);
QJsonObject vnfLcmOpOcc(const OperationRecord &op, const Links &links);
QJsonObject nsdInfo(const NsdRecord &d, const Links &links);
QJsonObject nsInstance(const NsInstanceRecord &r, const QString &nsdInfoId, const Links &links);
QJsonObject nsLcmOpOcc(const OperationRecord &op, const Links &links);
// An EMS alarm as a SOL003 Alarm.
QJsonObject alarm(const QJsonObject &ems, const Links &links);
// A service alarm of the console (ServiceAlarms) as a SOL005 NS Alarm.
QJsonObject nsAlarm(const AlarmInfo &a, const Links &links);

} // namespace vines::api
