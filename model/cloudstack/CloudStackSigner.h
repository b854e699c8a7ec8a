#pragma once
// Apache CloudStack API request signing (signatureversion 3), exactly as CloudStack verifies it
// (server/src/main/java/com/cloud/api/ApiServer.java, verifyRequest): parameter names sorted as
// Java's Collections.sort sorts strings (by UTF-16 code unit, so upper case before lower case),
// name=value pairs with the value encoded by java.net.URLEncoder (UTF-8; letters, digits and
// ". - * _" kept, space "+" then replaced by "%20"), joined by "&", the whole string lower-cased,
// HMAC-SHA1 with the secret key, base64. Used by the client to sign and by the simulator to verify.
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace vines::cloudstack {

using Params = QList<QPair<QString, QString>>;

QByteArray encode(const QString &value);                       // java.net.URLEncoder, space -> %20
QByteArray canonicalString(const Params &params);               // sorted, encoded, lower-cased (no signature)
QByteArray signature(const Params &params, const QByteArray &secretKey);   // base64, not yet URL-encoded
QByteArray signedQuery(Params params, const QString &apiKey, const QByteArray &secretKey, const QDateTime &expires);
QString expiresString(const QDateTime &t);                      // yyyy-MM-ddTHH:mm:ss+0000

} // namespace vines::cloudstack
