#pragma once
// What one network service operation carries from step to step (the NFVO's files share it).
#include "Nfvo.h"
#include <QStringList>

namespace vines {

struct Nfvo::Ctx {
    NsInstanceRecord ns;
    QStringList packages;   // chain order
    QStringList labels;
};

} // namespace vines
