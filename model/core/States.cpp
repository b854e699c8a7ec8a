#include "core/States.h"
#include <array>
#include <utility>

namespace vines {

namespace {
template <typename E, size_t N>
QString nameIn(const std::array<std::pair<E, const char *>, N> &table, E e)
{
    for (const auto &[v, name] : table)
        if (v == e)
            return QString::fromLatin1(name);
    return {};
}
template <typename E, size_t N>
std::optional<E> valueIn(const std::array<std::pair<E, const char *>, N> &table, const QString &s)
{
    for (const auto &[v, name] : table)
        if (s == QLatin1String(name))
            return v;
    return std::nullopt;
}

const std::array<std::pair<OpState, const char *>, 7> kOp{{{OpState::Starting, "STARTING"},
                                                            {OpState::Processing, "PROCESSING"},
                                                            {OpState::Completed, "COMPLETED"},
                                                            {OpState::FailedTemp, "FAILED_TEMP"},
                                                            {OpState::Failed, "FAILED"},
                                                            {OpState::RollingBack, "ROLLING_BACK"},
                                                            {OpState::RolledBack, "ROLLED_BACK"}}};
const std::array<std::pair<InstantiationState, const char *>, 2> kInst{
    {{InstantiationState::NotInstantiated, "NOT_INSTANTIATED"}, {InstantiationState::Instantiated, "INSTANTIATED"}}};
const std::array<std::pair<VnfState, const char *>, 2> kVnf{{{VnfState::Stopped, "STOPPED"}, {VnfState::Started, "STARTED"}}};
const std::array<std::pair<OnboardingState, const char *>, 5> kOnb{{{OnboardingState::Created, "CREATED"},
                                                                     {OnboardingState::Uploading, "UPLOADING"},
                                                                     {OnboardingState::Processing, "PROCESSING"},
                                                                     {OnboardingState::Onboarded, "ONBOARDED"},
                                                                     {OnboardingState::Error, "ERROR"}}};
const std::array<std::pair<OperationalState, const char *>, 2> kOper{{{OperationalState::Enabled, "ENABLED"}, {OperationalState::Disabled, "DISABLED"}}};
const std::array<std::pair<UsageState, const char *>, 2> kUse{{{UsageState::NotInUse, "NOT_IN_USE"}, {UsageState::InUse, "IN_USE"}}};
const std::array<std::pair<NsState, const char *>, 2> kNs{{{NsState::NotInstantiated, "NOT_INSTANTIATED"}, {NsState::Instantiated, "INSTANTIATED"}}};
const std::array<std::pair<ServerState, const char *>, 4> kServer{
    {{ServerState::Creating, "Creating"}, {ServerState::Running, "Running"}, {ServerState::Stopped, "Stopped"}, {ServerState::Error, "Error"}}};
const std::array<std::pair<NfState, const char *>, 7> kNf{{{NfState::Unknown, "unknown"},
                                                            {NfState::None, "none"},
                                                            {NfState::Installed, "installed"},
                                                            {NfState::Running, "running"},
                                                            {NfState::Stopped, "stopped"},
                                                            {NfState::Failed, "failed"},
                                                            {NfState::Unreachable, "unreachable"}}};
} // namespace

bool isFinal(OpState s) { return s == OpState::Completed || s == OpState::Failed || s == OpState::RolledBack; }

QString text(OpState s) { return nameIn(kOp, s); }
QString text(InstantiationState s) { return nameIn(kInst, s); }
QString text(VnfState s) { return nameIn(kVnf, s); }
QString text(OnboardingState s) { return nameIn(kOnb, s); }
QString text(OperationalState s) { return nameIn(kOper, s); }
QString text(UsageState s) { return nameIn(kUse, s); }
QString text(NsState s) { return nameIn(kNs, s); }
QString text(ServerState s) { return nameIn(kServer, s); }
QString text(NfState s) { return nameIn(kNf, s); }

template <> std::optional<OpState> fromText<OpState>(const QString &s) { return valueIn(kOp, s); }
template <> std::optional<InstantiationState> fromText<InstantiationState>(const QString &s) { return valueIn(kInst, s); }
template <> std::optional<VnfState> fromText<VnfState>(const QString &s) { return valueIn(kVnf, s); }
template <> std::optional<OnboardingState> fromText<OnboardingState>(const QString &s) { return valueIn(kOnb, s); }
template <> std::optional<OperationalState> fromText<OperationalState>(const QString &s) { return valueIn(kOper, s); }
template <> std::optional<UsageState> fromText<UsageState>(const QString &s) { return valueIn(kUse, s); }
template <> std::optional<NsState> fromText<NsState>(const QString &s) { return valueIn(kNs, s); }
template <> std::optional<ServerState> fromText<ServerState>(const QString &s) { return valueIn(kServer, s); }
template <> std::optional<NfState> fromText<NfState>(const QString &s) { return valueIn(kNf, s); }

} // namespace vines
