#pragma once
// The states records are in, as enums. They are compared as enums everywhere and turned into
// text only at the edges: SQL columns, JSON (the ETSI names: "INSTANTIATED", "FAILED_TEMP"),
// and the window (translated labels, in the views). text() gives the ETSI / wire name,
// fromText<E>() reads one back (std::nullopt for anything else).
#include <QMetaType>
#include <QObject>
#include <QString>
#include <optional>

namespace vines {
Q_NAMESPACE

// SOL003 LcmOperationStateType.
enum class OpState { Starting, Processing, Completed, FailedTemp, Failed, RollingBack, RolledBack };
Q_ENUM_NS(OpState)
// SOL003 InstantiationState and VnfOperationalStateType.
enum class InstantiationState { NotInstantiated, Instantiated };
Q_ENUM_NS(InstantiationState)
enum class VnfState { Stopped, Started };
Q_ENUM_NS(VnfState)
// SOL005 PackageOnboardingStateType, PackageOperationalStateType, PackageUsageStateType.
enum class OnboardingState { Created, Uploading, Processing, Onboarded, Error };
Q_ENUM_NS(OnboardingState)
enum class OperationalState { Enabled, Disabled };
Q_ENUM_NS(OperationalState)
enum class UsageState { NotInUse, InUse };
Q_ENUM_NS(UsageState)
// SOL005 NsState.
enum class NsState { NotInstantiated, Instantiated };
Q_ENUM_NS(NsState)
// A VIM's server (VM, local agent process).
enum class ServerState { Creating, Running, Stopped, Error };
Q_ENUM_NS(ServerState)
// What the NF on a VNF's platform is doing, as its EMS reports it.
enum class NfState { Unknown, None, Installed, Running, Stopped, Failed, Unreachable };
Q_ENUM_NS(NfState)

// Ends an operation occurrence cannot leave (COMPLETED, FAILED, ROLLED_BACK).
bool isFinal(OpState s);

QString text(OpState s);
QString text(InstantiationState s);
QString text(VnfState s);
QString text(OnboardingState s);
QString text(OperationalState s);
QString text(UsageState s);
QString text(NsState s);
QString text(ServerState s);
QString text(NfState s);

template <typename E>
std::optional<E> fromText(const QString &s);
template <> std::optional<OpState> fromText<OpState>(const QString &s);
template <> std::optional<InstantiationState> fromText<InstantiationState>(const QString &s);
template <> std::optional<VnfState> fromText<VnfState>(const QString &s);
template <> std::optional<OnboardingState> fromText<OnboardingState>(const QString &s);
template <> std::optional<OperationalState> fromText<OperationalState>(const QString &s);
template <> std::optional<UsageState> fromText<UsageState>(const QString &s);
template <> std::optional<NsState> fromText<NsState>(const QString &s);
template <> std::optional<ServerState> fromText<ServerState>(const QString &s);
template <> std::optional<NfState> fromText<NfState>(const QString &s);

// fromText, or `fallback` for text no state has (an older database, a peer's new word).
template <typename E>
E fromText(const QString &s, E fallback)
{
    return fromText<E>(s).value_or(fallback);
}

} // namespace vines
