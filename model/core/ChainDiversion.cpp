#include "ChainDiversion.h"

namespace vines {

namespace {
const char *const kDiversionNames[] = {"router-vnf", "lent-router", "network-rules"};
}

QString chainDiversionLabel(ChainDiversion d)
{
    switch (d) {
    case ChainDiversion::RouterVnf: return QStringLiteral("router VNF");
    case ChainDiversion::LentRouter: return QStringLiteral("network's router (VNF)");
    case ChainDiversion::NetworkRules: return QStringLiteral("port forwarding");
    }
    return {};
}

QString chainDiversionName(ChainDiversion d) { return QString::fromLatin1(kDiversionNames[int(d)]); }

ChainDiversion chainDiversionFromName(const QString &name, bool *ok)
{
    for (int i = 0; i < 3; ++i)
        if (name == QLatin1String(kDiversionNames[i])) {
            if (ok) *ok = true;
            return ChainDiversion(i);
        }
    if (ok) *ok = false;
    return ChainDiversion::RouterVnf;
}

} // namespace vines
