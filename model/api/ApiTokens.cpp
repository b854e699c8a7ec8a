#include "ApiTokens.h"
#include "net/RequestSigning.h"
#include "util/PrivateFile.h"
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vines::api {

QString roleName(Role r) { return r == Role::Operator ? QStringLiteral("read-write") : QStringLiteral("read-only"); }

std::optional<Role> roleFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("read-only") || n == QLatin1String("ro") || n == QLatin1String("reader"))
        return Role::Reader;
    if (n == QLatin1String("read-write") || n == QLatin1String("rw") || n == QLatin1String("operator"))
        return Role::Operator;
    return std::nullopt;
}

namespace {
QByteArray digest(const QByteArray &token) { return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex(); }
}

ApiTokens::ApiTokens(QString file) : m_file(std::move(file)) {}

void ApiTokens::reloadIfChanged() const
{
    const QFileInfo fi(m_file);
    const QDateTime mtime = fi.exists() ? fi.lastModified() : QDateTime();
    const qint64 size = fi.exists() ? fi.size() : -1;
    if (mtime == m_loadedMtime && size == m_loadedSize && (m_loadedSize != -1 || !fi.exists()))
        return;
    m_loadedMtime = mtime;
    m_loadedSize = size;
    m_tokens.clear();
    m_byHash.clear();
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonArray a = QJsonDocument::fromJson(f.read(4 * 1024 * 1024)).object().value("tokens").toArray();
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        const auto role = roleFromName(o.value("role").toString());
        const QByteArray hash = o.value("sha256").toString().toLatin1();
        if (!role || hash.size() != 64 || o.value("name").toString().isEmpty())
            continue;   // a damaged entry grants nothing
        m_byHash.insert(hash, int(m_tokens.size()));
        m_tokens.append({o.value("name").toString(), *role, QDateTime::fromString(o.value("createdAt").toString(), Qt::ISODate), hash});
    }
}

Result<> ApiTokens::save(const QList<ApiToken> &tokens)
{
    QJsonArray a;
    for (const ApiToken &t : tokens)
        a.append(QJsonObject{{"name", t.name}, {"role", roleName(t.role)}, {"createdAt", t.createdAt.toString(Qt::ISODateWithMs)},
                             {"sha256", QString::fromLatin1(t.sha256)}});
    if (Result<> written = writePrivateFile(m_file, QJsonDocument(QJsonObject{{"tokens", a}}).toJson()); !written)
        return written;
    m_loadedSize = -2;   // force a reload on next use
    return {};
}

Result<QByteArray> ApiTokens::create(const QString &name, Role role)
{
    static const QRegularExpression bad(QStringLiteral("[^A-Za-z0-9_.-]"));
    const QString n = name.trimmed();
    if (n.isEmpty() || n.size() > 64 || n.contains(bad))
        return Error::invalid(QStringLiteral("token name '%1' must be 1-64 letters, digits, '.', '_' or '-'").arg(name));
    reloadIfChanged();
    for (const ApiToken &t : std::as_const(m_tokens))
        if (t.name == n)
            return Error::conflict(QStringLiteral("a token named '%1' already exists; revoke it first").arg(n));
    const QByteArray token = "vns_" + signing::randomToken(32);
    QList<ApiToken> next = m_tokens;
    next.append({n, role, QDateTime::currentDateTimeUtc(), digest(token)});
    if (Result<> saved = save(next); !saved)
        return saved.error();
    return token;
}

Result<> ApiTokens::revoke(const QString &name)
{
    reloadIfChanged();
    QList<ApiToken> next = m_tokens;
    const auto removed = next.removeIf([&](const ApiToken &t) { return t.name == name; });
    if (removed == 0)
        return Error::notFound(QStringLiteral("no token named '%1'").arg(name));
    return save(next);
}

QList<ApiToken> ApiTokens::list() const
{
    reloadIfChanged();
    return m_tokens;
}

std::optional<ApiToken> ApiTokens::verify(const QByteArray &token) const
{
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    reloadIfChanged();
    const auto it = m_byHash.constFind(digest(token));
    if (it == m_byHash.constEnd())
        return std::nullopt;
    return m_tokens.at(*it);
}

} // namespace vines::api
