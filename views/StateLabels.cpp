#include "StateLabels.h"
#include <QCoreApplication>

namespace vines {

namespace {
QString tr(const char *s) { return QCoreApplication::translate("vines::StateLabels", s); }
} // namespace

// ETSI's names are what an operator types in a filter and reads in the standards: kept.
QString label(OpState s) { return text(s); }
QString label(InstantiationState s) { return text(s); }
QString label(VnfState s) { return text(s); }
QString label(OnboardingState s) { return text(s); }
QString label(OperationalState s) { return text(s); }
QString label(UsageState s) { return text(s); }
QString label(NsState s) { return text(s); }

QString label(NfState s)
{
    switch (s) {
    case NfState::Unknown: return tr("unknown");
    case NfState::None: return tr("none");
    case NfState::Installed: return tr("installed");
    case NfState::Running: return tr("running");
    case NfState::Stopped: return tr("stopped");
    case NfState::Failed: return tr("failed");
    case NfState::Unreachable: return tr("unreachable");
    }
    return {};
}

} // namespace vines
