#pragma once
// HMAC-SHA256 request signing shared by the EMS (verifies), its clients (sign) and the
// notification channel (the EMS signs, subscribers verify). The string to sign is
//   METHOD \n PATH \n sorted-decoded-query \n TIMESTAMP \n hex(SHA-256(body))
// and the signature travels as base64 in X-Vines-Signature with X-Vines-Key and
// X-Vines-Timestamp (Unix seconds) next to it.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;

namespace vines {

struct HttpRequest;

namespace signing {
inline constexpr char KeyHeader[] = "X-Vines-Key";
inline constexpr char TimestampHeader[] = "X-Vines-Timestamp";
inline constexpr char SignatureHeader[] = "X-Vines-Signature";
inline constexpr int MaxClockSkewS = 300;

QByteArray stringToSign(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query,
                        const QByteArray &timestamp, const QByteArray &body);
QByteArray stringToSign(const QByteArray &method, const QUrl &url, const QByteArray &timestamp, const QByteArray &body);
QByteArray sign(const QByteArray &secret, const QByteArray &stringToSign);   // base64
// Compares in time independent of where the inputs differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
QByteArray randomToken(int bytes = 32);   // base64url, from the system CSPRNG

// Signs an outgoing request in place (headers above) as `key` with `secret`.
void signRequest(QNetworkRequest &req, const QString &key, const QByteArray &secret, const QByteArray &verb, const QByteArray &body);
// Checks an incoming request signed with `secret` (any key name): "" when it verifies, else why not.
QString verify(const HttpRequest &r, const QByteArray &secret);
} // namespace signing

} // namespace vines
