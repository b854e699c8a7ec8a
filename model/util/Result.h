#pragma once
// One result type for the whole tree (after Qt Creator's Utils::Result<T>): a call that can fail
// returns Result<T>, the value or an Error. An Error says what went wrong in a sentence an
// operator can act on, and what kind of failure it is: the northbound API maps the kind to an
// HTTP status and a SOL013 problem, the window to its wording, a task tree to "undo what a late
// answer made". Result<> (void) is success or an Error.
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace vines {

class Error {
    Q_GADGET
public:
    enum class Kind {
        Invalid,        // the request itself is wrong: a field, a format (400)
        Unprocessable,  // well formed, but not possible with what exists (422)
        NotFound,       // what it names does not exist (404)
        Conflict,       // not in this state, or busy with another operation (409)
        Unauthorized,   // who asks is not known (401)
        Forbidden,      // known, but may not (403)
        TooLarge,       // more than the bound allows (413)
        TooMany,        // too often, or too many at once (429)
        Exhausted,      // a pool or the disk is full (507)
        Unavailable,    // the far side cannot be reached (503)
        Upstream,       // the far side answered with an error (502)
        Timeout,        // no answer within the time allowed (504)
        Cancelled,      // stopped on purpose before it ended; what it did is not known
        Internal,       // a fault of ours (500)
    };
    Q_ENUM(Kind)

    // Where in a file the fault is (a package's, a descriptor's, a request's): what a reader jumps to.
    struct Location {
        QString file;
        QString field;   // dotted path, or a request's field name
        int line = 0;    // 1-based; 0 unknown
        bool isEmpty() const { return file.isEmpty() && field.isEmpty() && line == 0; }
    };

    Error() = default;
    Error(Kind kind, QString message, int code = 0) : m_kind(kind), m_message(std::move(message)), m_code(code) {}

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    // The far side's own code when it gave one (an HTTP status, CloudStack's errorcode), else 0.
    int code() const { return m_code; }
    bool is(Kind k) const { return m_kind == k; }
    const Location &location() const { return m_location; }
    // What the far side said beyond the message (e.g. the id of a resource a failed job left).
    const QJsonObject &details() const { return m_details; }
    Error withDetails(QJsonObject details) const
    {
        Error e = *this;
        e.m_details = std::move(details);
        return e;
    }
    Error at(Location where) const
    {
        Error e = *this;
        e.m_location = std::move(where);
        return e;
    }
    // The same error with context in front: "Install NF: <message>".
    Error prefixed(const QString &context) const { return withMessage(context + QStringLiteral(": ") + m_message); }
    Error withMessage(QString message) const
    {
        Error e = *this;
        e.m_message = std::move(message);
        return e;
    }

    static Error invalid(QString m) { return {Kind::Invalid, std::move(m)}; }
    static Error unprocessable(QString m) { return {Kind::Unprocessable, std::move(m)}; }
    static Error notFound(QString m) { return {Kind::NotFound, std::move(m)}; }
    static Error conflict(QString m) { return {Kind::Conflict, std::move(m)}; }
    static Error forbidden(QString m) { return {Kind::Forbidden, std::move(m)}; }
    static Error unavailable(QString m) { return {Kind::Unavailable, std::move(m)}; }
    static Error upstream(QString m, int code = 0) { return {Kind::Upstream, std::move(m), code}; }
    static Error timeout(QString m) { return {Kind::Timeout, std::move(m)}; }
    static Error cancelled(QString m) { return {Kind::Cancelled, std::move(m)}; }
    static Error exhausted(QString m) { return {Kind::Exhausted, std::move(m)}; }
    static Error internal(QString m) { return {Kind::Internal, std::move(m)}; }

    // The HTTP status this kind is answered with, and the kind an HTTP status means.
    static int httpStatus(Kind k);
    static Kind fromHttpStatus(int status);
    static QString kindName(Kind k);   // "NotFound"

private:
    Kind m_kind = Kind::Internal;
    QString m_message;
    int m_code = 0;
    Location m_location;
    QJsonObject m_details;
};

template <typename T = void>
class Result {
public:
    using value_type = T;
    Result() : m_v(Error(Error::Kind::Internal, QStringLiteral("no result"))) {}   // for containers; nothing computed yet
    Result(const T &v) : m_v(v) {}
    Result(T &&v) : m_v(std::move(v)) {}
    Result(const Error &e) : m_v(e) {}
    Result(Error &&e) : m_v(std::move(e)) {}
    template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U &&> && !std::is_same_v<std::decay_t<U>, Error>
                                                      && !std::is_same_v<std::decay_t<U>, Result>>>
    Result(U &&v) : m_v(T(std::forward<U>(v))) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }
    const Error &error() const { return std::get<1>(m_v); }
    QString errorMessage() const { return ok() ? QString() : error().message(); }

private:
    std::variant<T, Error> m_v;
};

template <>
class Result<void> {
public:
    using value_type = void;
    Result() = default;
    Result(const Error &e) : m_e(e) {}
    Result(Error &&e) : m_e(std::move(e)) {}
    template <typename U>
    Result(const Result<U> &other) : m_e(other.ok() ? std::nullopt : std::optional<Error>(other.error())) {}   // the value dropped

    bool ok() const { return !m_e; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_e; }
    QString errorMessage() const { return ok() ? QString() : m_e->message(); }

private:
    std::optional<Error> m_e;
};

// Success of a Result<> where a value would read better than `{}`.
inline Result<> succeeded() { return {}; }

} // namespace vines

Q_DECLARE_METATYPE(vines::Error)
