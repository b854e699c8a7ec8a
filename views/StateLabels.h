#pragma once
// The words the window shows for the records' states (core/States.h), translated. The lifecycle
// states keep the ETSI names operators search for; an NF's state is a word of the operator's
// language.
#include "core/States.h"
#include <QString>

namespace vines {

QString label(OpState s);
QString label(InstantiationState s);
QString label(VnfState s);
QString label(OnboardingState s);
QString label(OperationalState s);
QString label(UsageState s);
QString label(NsState s);
QString label(NfState s);

} // namespace vines
