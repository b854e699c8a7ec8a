#include "JsonFields.h"
#include <QJsonValue>

namespace vines::fields {

namespace {
Error invalid(const QString &field, const QString &message) { return Error::invalid(message).at({{}, field, 0}); }
} // namespace

Result<QString> string(const QJsonObject &o, const QString &field, bool required)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return invalid(field, QStringLiteral("field '%1' is required").arg(field));
        return QString();
    }
    if (!v.isString())
        return invalid(field, QStringLiteral("field '%1' must be a string").arg(field));
    const QString s = v.toString();
    if (required && s.trimmed().isEmpty())
        return invalid(field, QStringLiteral("field '%1' must not be empty").arg(field));
    if (s.size() > 4096)
        return invalid(field, QStringLiteral("field '%1' is longer than 4096 characters").arg(field));
    return s;
}

Result<QString> oneOf(const QJsonObject &o, const QString &field, const QStringList &values, bool required)
{
    const Result<QString> s = string(o, field, required);
    if (s && !s->isEmpty() && !values.contains(*s))
        return invalid(field, QStringLiteral("field '%1' must be one of %2, not '%3'").arg(field, values.join(", "), *s));
    return s;
}

Result<int> positiveInt(const QJsonObject &o, const QString &field, int fallback)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1)
        return invalid(field, QStringLiteral("field '%1' must be a positive integer").arg(field));
    return v.toInt();
}

Result<QJsonObject> object(const QJsonObject &o, const QString &field)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return QJsonObject();
    if (!v.isObject())
        return invalid(field, QStringLiteral("field '%1' must be an object").arg(field));
    return v.toObject();
}

Result<> only(const QJsonObject &o, const QStringList &allowed, const QString &type)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return invalid(it.key(), QStringLiteral("field '%1' is not part of %2 (it has %3)").arg(it.key(), type, allowed.join(", ")));
    return {};
}

} // namespace vines::fields
