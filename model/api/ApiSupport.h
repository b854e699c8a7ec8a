#pragma once
// What every route of the northbound API shares: SOL013 ProblemDetails for every refusal,
// the few success shapes (201 with Location, 202 with Location, 204), and request-body checks
// that name the offending field.
#include "net/JsonHttpServer.h"
#include "util/Result.h"
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace vines::api {

// SOL013 ProblemDetails (application/problem+json): status, a short title, what went wrong.
HttpResponse problem(int status, const QString &detail, const QString &title = {});
// The problem an error is answered with: its kind's status (Error::httpStatus), its message.
HttpResponse problem(const Error &error);
HttpResponse created(const QJsonObject &body, const QString &location);
HttpResponse accepted(const QString &location);
HttpResponse noContent();

// The request's JSON object body, or the 400 problem naming what is wrong with it.
std::optional<HttpResponse> readBody(const HttpRequest &r, QJsonObject *out);
// Field checks that produce "field 'x' ..." problems.
std::optional<HttpResponse> requireString(const QJsonObject &o, const QString &field, QString *out, bool required = true);
std::optional<HttpResponse> optionalObject(const QJsonObject &o, const QString &field, QJsonObject *out);
// Refuses fields a request type does not have (a typo must not pass silently).
std::optional<HttpResponse> onlyFields(const QJsonObject &o, const QStringList &allowed, const QString &type);
// readBody, then onlyFields: the body of a request of the given type.
std::optional<HttpResponse> readRequest(const HttpRequest &r, const QStringList &allowed, const QString &type, QJsonObject *out);

// An href object for _links.
inline QJsonObject href(const QString &url) { return QJsonObject{{"href", url}}; }

// A list answer: items kept by the request's SOL013 attribute filter ("filter=(eq,attr,value);…",
// nested attributes with '/'), or the 400 problem naming what is wrong with the filter.
HttpResponse filteredList(const HttpRequest &r, QJsonArray items);

} // namespace vines::api
