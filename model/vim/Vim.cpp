#include "Vim.h"

namespace vines {

void Vim::findRouter(VimCallback<VimInstance> cb)
{
    cb(VimResult<VimInstance>::failure(QStringLiteral("%1 has no virtual router of its own").arg(displayName())));
}

void Vim::divert(const Diversion &, VimCallback<Done> cb)
{
    cb(VimResult<Done>::failure(QStringLiteral("%1 has no network rules to divert chain traffic with").arg(displayName())));
}

QString Vim::chainDiversionText() const
{
    switch (chainDiversion()) {
    case ChainDiversion::RouterVnf: return QStringLiteral("a virtual router VNF run by the console diverts each chain's public address to its first VNF");
    case ChainDiversion::LentRouter: return QStringLiteral("the network's virtual router, managed as an internal VNF, diverts each chain's public address to its first VNF");
    case ChainDiversion::NetworkRules: return QStringLiteral("port forwarding rules on each chain's public address divert its traffic to the first VNF");
    }
    return {};
}

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

bool Vim::hasFlavour(const QString &name) const
{
    for (const Flavour &f : flavours())
        if (f.name == name)
            return true;
    return false;
}

Flavour Vim::flavour(const QString &name) const
{
    for (const Flavour &f : flavours())
        if (f.name == name)
            return f;
    return {};
}

} // namespace vines
