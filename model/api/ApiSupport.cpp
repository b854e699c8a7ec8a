#include "ApiSupport.h"
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMetaEnum>

namespace vines::api {

HttpResponse problem(int status, const QString &detail, const QString &title)
{
    QString t = title;
    if (t.isEmpty()) {
        const char *reason = QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(status);
        t = reason ? QString::fromLatin1(reason) : QStringLiteral("Error");
    }
    HttpResponse r;
    r.status = status;
    r.rawBody = QJsonDocument(QJsonObject{{"type", "about:blank"}, {"title", t}, {"status", status}, {"detail", detail}})
                    .toJson(QJsonDocument::Compact);
    r.contentType = "application/problem+json";
    return r;
}

HttpResponse problem(const Error &error) { return problem(Error::httpStatus(error.kind()), error.message()); }

HttpResponse created(const QJsonObject &body, const QString &location)
{
    return HttpResponse::json(body, 201).withHeader("Location", location.toUtf8());
}

HttpResponse accepted(const QString &location)
{
    HttpResponse r;
    r.status = 202;
    r.contentType = "application/json";   // no body
    if (!location.isEmpty())
        r.headers.append({"Location", location.toUtf8()});
    return r;
}

HttpResponse noContent()
{
    HttpResponse r;
    r.status = 204;
    r.contentType = "application/json";
    return r;
}

std::optional<HttpResponse> readBody(const HttpRequest &r, QJsonObject *out)
{
    const Result<QJsonObject> parsed = r.jsonBody();
    if (!parsed)
        return problem(400, QStringLiteral("request body: %1").arg(parsed.errorMessage()));
    *out = *parsed;
    return std::nullopt;
}

std::optional<HttpResponse> requireString(const QJsonObject &o, const QString &field, QString *out, bool required)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return problem(400, QStringLiteral("field '%1' is required").arg(field));
        out->clear();
        return std::nullopt;
    }
    if (!v.isString())
        return problem(400, QStringLiteral("field '%1' must be a string").arg(field));
    *out = v.toString();
    if (required && out->trimmed().isEmpty())
        return problem(400, QStringLiteral("field '%1' must not be empty").arg(field));
    if (out->size() > 4096)
        return problem(400, QStringLiteral("field '%1' is longer than 4096 characters").arg(field));
    return std::nullopt;
}

std::optional<HttpResponse> optionalObject(const QJsonObject &o, const QString &field, QJsonObject *out)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull()) {
        *out = {};
        return std::nullopt;
    }
    if (!v.isObject())
        return problem(400, QStringLiteral("field '%1' must be an object").arg(field));
    *out = v.toObject();
    return std::nullopt;
}

std::optional<HttpResponse> onlyFields(const QJsonObject &o, const QStringList &allowed, const QString &type)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return problem(400, QStringLiteral("field '%1' is not part of %2 (it has %3)").arg(it.key(), type, allowed.join(", ")));
    return std::nullopt;
}

std::optional<HttpResponse> readRequest(const HttpRequest &r, const QStringList &allowed, const QString &type, QJsonObject *out)
{
    if (auto bad = readBody(r, out))
        return bad;
    return onlyFields(*out, allowed, type);
}

namespace {
QJsonValue attribute(const QJsonObject &o, const QString &dotted)
{
    QJsonValue v = o;
    for (const QString &part : dotted.split('/'))
        v = v.toObject().value(part);
    return v;
}
QString scalar(const QJsonValue &v)
{
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) return QString::number(v.toDouble());
    return {};
}
} // namespace

HttpResponse filteredList(const HttpRequest &r, QJsonArray items)
{
    const QString filter = r.query.value(QStringLiteral("filter"));
    if (filter.isEmpty())
        return HttpResponse::json(items);
    struct Term { QString op, attr; QStringList values; };
    QList<Term> terms;
    for (const QString &raw : filter.split(';', Qt::SkipEmptyParts)) {
        const QString t = raw.trimmed();
        if (!t.startsWith('(') || !t.endsWith(')'))
            return problem(400, QStringLiteral("query parameter 'filter': '%1' is not of the form (op,attribute,value)").arg(t));
        const QStringList parts = t.mid(1, t.size() - 2).split(',');
        static const QStringList ops{"eq", "neq", "in", "nin", "cont", "ncont"};
        if (parts.size() < 3 || !ops.contains(parts.first()))
            return problem(400, QStringLiteral("query parameter 'filter': '%1' needs an operator of %2, an attribute and a value")
                                    .arg(t, ops.join(", ")));
        terms.append({parts.at(0), parts.at(1), parts.mid(2)});
    }
    QJsonArray kept;
    for (const QJsonValue &v : std::as_const(items)) {
        bool all = true;
        for (const Term &t : std::as_const(terms)) {
            const QString have = scalar(attribute(v.toObject(), t.attr));
            bool match = false;
            if (t.op == QLatin1String("eq") || t.op == QLatin1String("in"))
                match = t.values.contains(have);
            else if (t.op == QLatin1String("neq") || t.op == QLatin1String("nin"))
                match = !t.values.contains(have);
            else if (t.op == QLatin1String("cont"))
                match = std::any_of(t.values.begin(), t.values.end(), [&](const QString &x) { return have.contains(x); });
            else
                match = std::none_of(t.values.begin(), t.values.end(), [&](const QString &x) { return have.contains(x); });
            all = all && match;
        }
        if (all)
            kept.append(v);
    }
    return HttpResponse::json(kept);
}

} // namespace vines::api
