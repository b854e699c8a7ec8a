#include "Vim.h"

namespace vines {

void Vim::findRouter(VimCallback<VimInstance> cb)
{
    cb(VimResult<VimInstance>::failure(QStringLiteral("%1 has no virtual router of its own").arg(displayName())));
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
