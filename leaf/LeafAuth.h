#pragma once
// Who may drive this agent: every management request must be signed (X-Vines-Key, -Timestamp,
// -Signature, HMAC-SHA256 as the EMS's requests) with the platform's secret. The secret comes
// from the instance's user data (VINES_LEAF_SECRET=..., given by the VIM at deployment), or,
// once rotated, from <data-dir>/leaf-secret (0600); an agent given none makes one there, so it
// is never open.
#include <QByteArray>
#include <QString>

namespace vines::leaf {

class LeafAuth {
public:
    // Reads the secret; *note says where it came from (for the log).
    bool load(const QString &dataDir, const QString &userDataFile, QString *note, QString *error);
    const QByteArray &secret() const { return m_secret; }
    // Replaces the secret (persisted before it takes effect).
    bool rotate(const QByteArray &secret, QString *error);
    static constexpr int MinSecretBytes = 16;

private:
    bool persist(const QByteArray &secret, QString *error) const;
    QString m_file;
    QByteArray m_secret;
};

} // namespace vines::leaf
