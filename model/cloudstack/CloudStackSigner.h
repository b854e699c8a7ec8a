#pragma once
// Apache CloudStack API request signing (signatureversion 3): parameters sorted by name,
// values URL-encoded (spaces as %20), the whole string lower-cased, HMAC-SHA1 with the secret
// key, base64, then URL-encoded into the "signature" parameter. Used by the client to sign and
// by the simulator to verify, with the same code path CloudStack itself follows.
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace vines::cloudstack {

using Params = QList<QPair<QString, QString>>;

QByteArray encode(const QString &value);                       // RFC 3986 unreserved kept, space -> %20
QByteArray canonicalString(const Params &params);               // sorted, encoded, lower-cased (no signature)
QByteArray signature(const Params &params, const QByteArray &secretKey);   // base64, not yet URL-encoded
QByteArray signedQuery(Params params, const QString &apiKey, const QByteArray &secretKey, const QDateTime &expires);
QString expiresString(const QDateTime &t);                      // yyyy-MM-ddTHH:mm:ss+0000

} // namespace vines::cloudstack
