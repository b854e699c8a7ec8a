#pragma once
// The northbound API's access tokens. The operator creates a token (in the console's API
// dialog, or with vines-console --create-api-token) and gives it to a script; the token itself
// is shown once and never stored: the private file (mode 0600, like the cloud secrets' fallback)
// keeps its SHA-256 with the name and role. Revoking removes the entry. The file is re-read when
// it changes, so a running (headless) console honours tokens made or revoked by another process.
#include "util/Result.h"
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace vines::api {

enum class Role { Reader, Operator };   // read-only: GET only; read-write: everything

QString roleName(Role r);                                  // "read-only" / "read-write"
std::optional<Role> roleFromName(const QString &name);     // also "ro"/"rw", "reader"/"operator"

struct ApiToken {
    QString name;
    Role role = Role::Reader;
    QDateTime createdAt;
    QByteArray sha256;   // hex of the token's SHA-256
};

class ApiTokens {
public:
    explicit ApiTokens(QString file);

    // A new token for name (1-64 letters, digits, '.', '_', '-'; not taken). Returns the token,
    // to be shown once; empty with *error otherwise.
    Result<QByteArray> create(const QString &name, Role role);
    Result<> revoke(const QString &name);
    QList<ApiToken> list() const;
    // The token's entry, if the token is one of ours.
    std::optional<ApiToken> verify(const QByteArray &token) const;
    QString file() const { return m_file; }

private:
    void reloadIfChanged() const;
    Result<> save(const QList<ApiToken> &tokens);
    QString m_file;
    mutable QList<ApiToken> m_tokens;
    mutable QHash<QByteArray, int> m_byHash;
    mutable QDateTime m_loadedMtime;
    mutable qint64 m_loadedSize = -1;
};

} // namespace vines::api
