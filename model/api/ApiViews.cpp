#include "ApiViews.h"
#include "ApiSupport.h"
#include "lifecycle/LcmKinds.h"
#include <QJsonArray>

namespace vines::api {

namespace {
QString iso(const QDateTime &t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); }
}

QJsonObject vnfPkgInfo(const PackageRecord &p, const Links &links)
{
    const VnfDescriptor &d = p.package.vnfd;
    const QString self = links("/vnfpkgm/v1/vnf_packages/" + p.id);
    QJsonArray artifacts, images;
    for (const Artifact &a : p.package.artifacts) {
        const QJsonObject checksum{{"algorithm", "SHA-256"}, {"hash", a.sha256}};
        if (a.kind == QLatin1String("image"))
            images.append(QJsonObject{{"id", a.path}, {"name", a.path}, {"checksum", checksum}, {"size", double(a.size)},
                                      {"imagePath", a.path}});
        else if (a.kind != QLatin1String("definition") && a.kind != QLatin1String("meta") && a.kind != QLatin1String("manifest"))
            artifacts.append(QJsonObject{{"artifactPath", a.path}, {"checksum", checksum}});
    }
    return {{"id", p.id}, {"vnfdId", d.descriptorId}, {"vnfProvider", d.provider}, {"vnfProductName", d.productName},
            {"vnfSoftwareVersion", d.softwareVersion}, {"vnfdVersion", d.descriptorVersion},
            {"checksum", QJsonObject{{"algorithm", "SHA-256"}, {"hash", p.package.archiveSha256}}},
            {"softwareImages", images}, {"additionalArtifacts", artifacts},
            {"onboardingState", text(p.onboardingState)}, {"operationalState", text(p.operationalState)}, {"usageState", text(p.usageState)},
            {"userDefinedData", QJsonObject{}},
            {"_links", QJsonObject{{"self", href(self)}, {"vnfd", href(self + "/vnfd")}, {"packageContent", href(self + "/package_content")}}}};
}

QJsonObject vnfPkgInfo(const PendingPackage &p, const Links &links)
{
    const QString self = links("/vnfpkgm/v1/vnf_packages/" + p.id);
    QJsonObject o{{"id", p.id}, {"onboardingState", p.state}, {"operationalState", text(OperationalState::Disabled)},
                  {"usageState", text(UsageState::NotInUse)}, {"userDefinedData", p.userDefinedData},
                  {"_links", QJsonObject{{"self", href(self)}, {"packageContent", href(self + "/package_content")}}}};
    if (!p.failure.isEmpty())
        o.insert("onboardingFailureDetails", QJsonObject{{"status", 422}, {"title", "Onboarding failed"}, {"detail", p.failure}});
    return o;
}

QJsonObject vnfInstance(const InstanceRecord &r, const PackageRecord *pkg, const QString &description, const Links &links)
{
    const QString self = links("/vnflcm/v1/vnf_instances/" + r.id);
    QJsonObject o{{"id", r.id}, {"vnfInstanceName", r.name}, {"vnfInstanceDescription", description},
                  {"vnfPkgId", r.packageId}, {"instantiationState", text(r.instantiationState)},
                  {"vimConnectionInfo", QJsonArray{QJsonObject{{"id", r.vimId}, {"vimId", r.vimId}, {"vimType", "vines"}}}}};
    if (pkg) {
        const VnfDescriptor &d = pkg->package.vnfd;
        o.insert("vnfdId", d.descriptorId);
        o.insert("vnfProvider", d.provider);
        o.insert("vnfProductName", d.productName);
        o.insert("vnfSoftwareVersion", d.softwareVersion);
        o.insert("vnfdVersion", d.descriptorVersion);
    }
    QJsonObject links_{{"self", href(self)}};
    if (r.instantiated()) {
        QJsonArray scale;
        for (auto it = r.deployment.scaleStatus.begin(); it != r.deployment.scaleStatus.end(); ++it)
            scale.append(QJsonObject{{"aspectId", it.key()}, {"scaleLevel", it.value()}});
        QJsonArray vnfcs;
        if (!r.vimInstanceId.isEmpty())
            vnfcs.append(QJsonObject{{"id", r.vimInstanceId}, {"vduId", "vnf"},
                                     {"computeResource", QJsonObject{{"vimConnectionId", r.vimId}, {"resourceId", r.vimInstanceId}}}});
        for (const VnfcRecord &c : r.deployment.extraVnfcs)
            vnfcs.append(QJsonObject{{"id", c.vimInstanceId}, {"vduId", c.vdu},
                                     {"computeResource", QJsonObject{{"vimConnectionId", r.vimId}, {"resourceId", c.vimInstanceId}}}});
        QJsonObject info{{"flavourId", r.deployment.flavourId}, {"vnfState", text(r.vnfState)}, {"scaleStatus", scale},
                         {"vnfcResourceInfo", vnfcs}, {"extCpInfo", QJsonArray()}};
        if (!r.deployment.instantiationLevel.isEmpty())
            info.insert("instantiationLevelId", r.deployment.instantiationLevel);
        o.insert("instantiatedVnfInfo", info);
        for (const LcmKind &k : LcmKinds::all())   // the task resources an instantiated VNF offers
            if (k.route && k.needs == InstantiationState::Instantiated)
                links_.insert(QLatin1String(k.route), href(self + '/' + QLatin1String(k.route)));
    } else {
        links_.insert("instantiate", href(self + "/instantiate"));
    }
    QJsonObject metadata{{"computeFlavour", r.flavour}};
    if (!r.mgmtAddress.isEmpty())
        metadata.insert("managementAddress", r.mgmtAddress);
    if (!r.publicAddress.isEmpty())
        metadata.insert("publicAddress", r.publicAddress);
    o.insert("metadata", metadata);
    o.insert("_links", links_);
    return o;
}

QString sol003Operation(const QString &ours)
{
    const LcmKind *k = LcmKinds::byName(ours);
    return k ? QString::fromLatin1(k->sol003) : ours;
}

namespace {
QJsonObject occurrence(const OperationRecord &op, const QString &self, const QString &operation)
{
    QJsonObject o{{"id", op.id}, {"operationState", text(op.state)}, {"stateEnteredTime", iso(op.stateEnteredTime)},
                  {"startTime", iso(op.startTime)}, {"operation", operation},
                  {"isAutomaticInvocation", false}, {"operationParams", op.params}, {"isCancelPending", false},
                  {"vinesProgress", QJsonObject{{"percent", op.progress}, {"stage", op.stage}, {"operation", op.operation}}}};
    if (!op.error.isEmpty())
        o.insert("error", QJsonObject{{"status", 500}, {"title", "Operation failed"}, {"detail", op.error}});
    QJsonObject links{{"self", href(self)}};
    if (op.state == OpState::FailedTemp) {
        links.insert("retry", href(self + "/retry"));
        links.insert("rollback", href(self + "/rollback"));
        links.insert("fail", href(self + "/fail"));
    }
    o.insert("_links", links);
    return o;
}
} // namespace

QJsonObject vnfLcmOpOcc(const OperationRecord &op, const Links &links)
{
    QJsonObject o = occurrence(op, links("/vnflcm/v1/vnf_lcm_op_occs/" + op.id), sol003Operation(op.operation));
    o.insert("vnfInstanceId", op.instanceId);
    QJsonObject l = o.value("_links").toObject();
    l.insert("vnfInstance", href(links("/vnflcm/v1/vnf_instances/" + op.instanceId)));
    o.insert("_links", l);
    return o;
}

QJsonObject nsLcmOpOcc(const OperationRecord &op, const Links &links)
{
    QString operation = op.operation;
    operation.chop(3);   // INSTANTIATE_NS -> INSTANTIATE; MODIFY_NS -> UPDATE
    if (operation == QLatin1String("MODIFY"))
        operation = QStringLiteral("UPDATE");
    QJsonObject o = occurrence(op, links("/nslcm/v1/ns_lcm_op_occs/" + op.id), operation);
    o.insert("nsInstanceId", op.instanceId);
    o.insert("lcmOperationType", operation);
    return o;
}

QJsonObject nsdInfo(const NsdRecord &d, const Links &links)
{
    const QString self = links("/nsd/v1/ns_descriptors/" + d.id);
    QJsonArray vnfds;
    for (const NsdVnf &v : d.nsd.chain())
        vnfds.append(v.vnfd);
    return {{"id", d.id}, {"nsdId", d.nsd.descriptorId}, {"nsdName", d.nsd.name}, {"nsdVersion", d.nsd.version},
            {"nsdDesigner", d.nsd.designer}, {"vnfPkgIds", vnfds}, {"nsdOnboardingState", "ONBOARDED"},
            {"nsdOperationalState", "ENABLED"}, {"nsdUsageState", "NOT_IN_USE"}, {"userDefinedData", QJsonObject{}},
            {"_links", QJsonObject{{"self", href(self)}, {"nsd_content", href(self + "/nsd_content")}}}};
}

QJsonObject nsInstance(const NsInstanceRecord &r, const QString &nsdInfoId, const Links &links)
{
    const QString self = links("/nslcm/v1/ns_instances/" + r.id);
    QJsonArray vnfs;
    for (const QString &id : r.vnfInstanceIds)
        vnfs.append(QJsonObject{{"id", id}, {"_links", QJsonObject{{"self", href(links("/vnflcm/v1/vnf_instances/" + id))}}}});
    QJsonObject l{{"self", href(self)}};
    l.insert(r.instantiated() ? QStringLiteral("terminate") : QStringLiteral("instantiate"),
             href(self + (r.instantiated() ? "/terminate" : "/instantiate")));
    QJsonObject o{{"id", r.id}, {"nsInstanceName", r.name}, {"nsInstanceDescription", ""}, {"nsdInfoId", nsdInfoId},
                  {"nsState", text(r.state)}, {"vnfInstance", vnfs}, {"_links", l},
                  {"vinesChain", QJsonObject{{"publicAddress", r.publicAddress}, {"servicePort", r.servicePort},
                                             {"diversion", chainDiversionName(r.diversion)}}}};
    return o;
}

QJsonObject alarm(const QJsonObject &ems, const Links &links)
{
    const QString id = ems.value("id").toString();
    QJsonObject o{{"id", id}, {"managedObjectId", ems.value("managedObjectId")},
                  {"alarmRaisedTime", ems.value("alarmRaisedTime")}, {"alarmChangedTime", ems.value("alarmChangedTime")},
                  {"ackState", ems.value("ackState").toString("UNACKNOWLEDGED")},
                  {"perceivedSeverity", ems.value("state").toString() == QLatin1String("CLEARED") ? QStringLiteral("CLEARED")
                                                                                                 : ems.value("perceivedSeverity").toString()},
                  {"eventTime", ems.value("alarmChangedTime")}, {"eventType", "PROCESSING_ERROR_ALARM"},
                  {"faultType", ems.value("alarmType")}, {"probableCause", ems.value("description")},
                  {"isRootCause", true}, {"faultDetails", QJsonArray{ems.value("description")}},
                  {"_links", QJsonObject{{"self", href(links("/vnffm/v1/alarms/" + id))},
                                         {"objectInstance", href(links("/vnflcm/v1/vnf_instances/" + ems.value("managedObjectId").toString()))}}}};
    for (const char *k : {"alarmClearedTime", "alarmAcknowledgedTime"})
        if (ems.contains(QLatin1String(k)))
            o.insert(QLatin1String(k), ems.value(QLatin1String(k)));
    return o;
}

QJsonObject nsAlarm(const AlarmInfo &a, const Links &links)
{
    QJsonObject o{{"id", a.id}, {"managedObjectId", a.vnfId}, {"alarmRaisedTime", a.raisedAt.toString(Qt::ISODateWithMs)},
                  {"ackState", a.ackState}, {"perceivedSeverity", a.state == QLatin1String("CLEARED") ? QStringLiteral("CLEARED") : a.severity},
                  {"eventTime", (a.clearedAt.isValid() ? a.clearedAt : a.raisedAt).toString(Qt::ISODateWithMs)},
                  {"eventType", "COMMUNICATIONS_ALARM"}, {"faultType", a.type}, {"probableCause", a.description}, {"isRootCause", false},
                  {"faultDetails", QJsonArray{a.description}},
                  {"_links", QJsonObject{{"self", href(links("/nsfm/v1/alarms/" + a.id))},
                                         {"objectInstance", href(links("/nslcm/v1/ns_instances/" + a.vnfId))}}}};
    if (a.clearedAt.isValid())
        o.insert("alarmClearedTime", a.clearedAt.toString(Qt::ISODateWithMs));
    return o;
}

} // namespace vines::api
