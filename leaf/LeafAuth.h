#pragma once
// Who may drive this agent: every management request must be signed (X-Vines-Key, -Timestamp,
// -Signature, HMAC-SHA256 as the EMS's requests) with the platform's secret. The secret comes
// from the instance's user data (VINES_LEAF_SECRET=..., given by the VIM at deployment), or,
// once rotated, from <data-dir>/leaf-secret (0600); an agent given none makes one there, so it
// is never open.
#include "util/Result.h"
#include <QByteArray>
#include <QString>

namespace vines::leaf {

class LeafAuth {
public:
    // Reads the secret; says where it came from (for the log).
    Result<QString> load(const QString &dataDir, const QString &userDataFile);
    const QByteArray &secret() const { return m_secret; }
    // Replaces the secret (persisted before it takes effect).
    Result<> rotate(const QByteArray &secret);
    static constexpr int MinSecretBytes = 16;

private:
    Result<> persist(const QByteArray &secret) const;
    QString m_file;
    QByteArray m_secret;
};

} // namespace vines::leaf
