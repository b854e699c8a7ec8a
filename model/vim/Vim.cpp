#include "Vim.h"

namespace vines {

void Vim::findRouter(VimCallback<VimInstance> cb)
{
    cb(Error::unprocessable(QStringLiteral("%1 has no virtual router of its own").arg(displayName())));
}

void Vim::divert(const Diversion &, VimCallback<> cb)
{
    cb(Error::unprocessable(QStringLiteral("%1 has no network rules to divert chain traffic with").arg(displayName())));
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
