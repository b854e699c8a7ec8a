#pragma once
// Rows of the catalog database as plain values, with the ETSI state names they carry.
#include "package/VnfPackage.h"
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace vines {

namespace PackageState {
inline const QString Onboarded = QStringLiteral("ONBOARDED");
inline const QString Enabled = QStringLiteral("ENABLED");
inline const QString Disabled = QStringLiteral("DISABLED");
inline const QString InUse = QStringLiteral("IN_USE");
inline const QString NotInUse = QStringLiteral("NOT_IN_USE");
}

namespace InstanceState {
inline const QString NotInstantiated = QStringLiteral("NOT_INSTANTIATED");
inline const QString Instantiated = QStringLiteral("INSTANTIATED");
inline const QString Started = QStringLiteral("STARTED");
inline const QString Stopped = QStringLiteral("STOPPED");
}

namespace OpState {
inline const QString Processing = QStringLiteral("PROCESSING");
inline const QString Completed = QStringLiteral("COMPLETED");
inline const QString Failed = QStringLiteral("FAILED");
inline const QString FailedTemp = QStringLiteral("FAILED_TEMP");   // halted at a failed step: retry, roll back or fail
inline const QString RollingBack = QStringLiteral("ROLLING_BACK");
inline const QString RolledBack = QStringLiteral("ROLLED_BACK");
inline bool isFinal(const QString &s) { return s == Completed || s == Failed || s == RolledBack; }
}

struct PackageRecord {
    QString id;
    QString onboardingState;
    QString operationalState;
    QString usageState;
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
    QString instantiationState;
    QString vnfState;
    QString flavour;
    QString mgmtAddress;
    QString publicAddress;
    QJsonObject config;
    DeploymentState deployment;
    QByteArray platformSecret;   // signs requests to the VNF's execution platform agent (Leaf); never shown
    QDateTime createdAt;
    QDateTime updatedAt;

    bool instantiated() const { return instantiationState == InstanceState::Instantiated; }
};

struct OperationRecord {
    QString id;
    QString instanceId;
    QString operation;      // INSTANTIATE, START, STOP, RESTART, SCALE, HEAL, TERMINATE
    QString state;
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
