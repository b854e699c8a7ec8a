#include "CloudStackNames.h"
#include <QRegularExpression>

namespace vines::cloudstack {

bool isValidHostName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"));
    return re.match(name).hasMatch();
}

QString hostName(const QString &name, const QString &uniqueSuffix)
{
    static const QRegularExpression other(QStringLiteral("[^a-z0-9]+"));
    static const QRegularExpression leading(QStringLiteral("^[0-9-]+"));
    QString suffix = uniqueSuffix.toLower();
    suffix.remove(other);
    QString base = name.toLower();
    base.replace(other, QStringLiteral("-"));
    base.remove(leading);
    if (base.isEmpty())
        base = QStringLiteral("vnf");
    const int room = 63 - (suffix.isEmpty() ? 0 : int(suffix.size()) + 1);
    base = base.left(qMax(1, room));
    while (base.endsWith('-'))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("vnf");
    return suffix.isEmpty() ? base : base + '-' + suffix.left(62 - int(base.size()));
}

} // namespace vines::cloudstack
