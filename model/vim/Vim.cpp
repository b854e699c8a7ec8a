#include "Vim.h"

namespace vines {

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
