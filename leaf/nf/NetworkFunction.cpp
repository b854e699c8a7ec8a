#include "NetworkFunction.h"
#include <QHash>

namespace vines::leaf {

namespace {
QHash<QString, NfFactory::Make> &makers()
{
    static QHash<QString, NfFactory::Make> m;
    return m;
}
} // namespace

NfFactory::Registration::Registration(const char *type, Make make) { makers().insert(QString::fromLatin1(type), std::move(make)); }

std::unique_ptr<NetworkFunction> NfFactory::create(const QString &type, const Where &where)
{
    const auto it = makers().constFind(type);
    return it == makers().constEnd() ? nullptr : (*it)(where);
}

QStringList NfFactory::missing()
{
    QStringList out;
    for (const NfType &t : NfTypes::all())
        if (!makers().contains(t.name))
            out << t.name;
    return out;
}

} // namespace vines::leaf
