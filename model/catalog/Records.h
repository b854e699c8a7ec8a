#pragma once
// Rows of the catalog database as plain values, their states as enums (States.h).
#include "core/States.h"
#include "package/VnfPackage.h"
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace vines {

struct PackageRecord {
    QString id;
    OnboardingState onboardingState = OnboardingState::Onboarded;
    OperationalState operationalState = OperationalState::Enabled;
    UsageState usageState = UsageState::NotInUse;
    QString filePath;
    QDateTime createdAt;
    VnfPackage package;
};

// A VNFC instance beyond the VNF's first: one more VIM instance of a VDU (from the
// instantiation level or scaling). The first instance of the first VDU is the VNF's own.
struct VnfcRecord {
    QString vdu;
    QString vimInstanceId;
};

// What of the package's deployment flavours a VNF instance runs (SOL003 instantiatedVnfInfo).
struct DeploymentState {
    QString flavourId;                 // the VNFD deployment flavour
    QString instantiationLevel;
    QMap<QString, int> scaleStatus;    // aspect -> scale level
    QList<VnfcRecord> extraVnfcs;

    QJsonObject toJson() const;
    static DeploymentState fromJson(const QJsonObject &o);
};

struct InstanceRecord {
    QString id;
    QString name;
    QString packageId;
    QString vimId;
    QString vimInstanceId;
    InstantiationState instantiationState = InstantiationState::NotInstantiated;
    VnfState vnfState = VnfState::Stopped;
    QString flavour;
    QString mgmtAddress;
    QString publicAddress;
    QJsonObject config;
    DeploymentState deployment;
    QByteArray platformSecret;   // signs requests to the VNF's execution platform agent (Leaf); never shown
    QDateTime createdAt;
    QDateTime updatedAt;

    bool instantiated() const { return instantiationState == InstantiationState::Instantiated; }
};

struct OperationRecord {
    QString id;
    QString instanceId;
    QString operation;      // INSTANTIATE, START, STOP, RESTART, SCALE, HEAL, TERMINATE
    OpState state = OpState::Starting;
    int progress = 0;
    QString stage;
    QDateTime startTime;
    QDateTime stateEnteredTime;
    QString error;
    QJsonObject params;
};

QString isoNow();
QDateTime fromIso(const QString &s);
QString newId();

} // namespace vines
