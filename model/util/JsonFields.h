#pragma once
// Checks of a JSON request's fields that name the field at fault ("field 'x' must be ..."), as
// Invalid errors: shared by the northbound API's requests and the lifecycle operations' (whose
// parameters are their SOL003 request bodies, from the API, the window or vinesctl alike).
#include "util/Result.h"
#include <QJsonObject>
#include <QStringList>

namespace vines::fields {

// A string field; absent (or null) is "" unless required. At most 4096 characters.
Result<QString> string(const QJsonObject &o, const QString &field, bool required = true);
// A string field that must be one of `values` (absent: "" unless required).
Result<QString> oneOf(const QJsonObject &o, const QString &field, const QStringList &values, bool required);
// A positive integer field; `fallback` when absent.
Result<int> positiveInt(const QJsonObject &o, const QString &field, int fallback);
// An object field; {} when absent.
Result<QJsonObject> object(const QJsonObject &o, const QString &field);
// Refuses fields a request type does not have (a typo must not pass silently).
Result<> only(const QJsonObject &o, const QStringList &allowed, const QString &type);

} // namespace vines::fields
