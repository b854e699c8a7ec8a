#pragma once
// HMAC-SHA256 request signing shared by the EMS (verifies), its clients (sign), the Leaf agents
// (verify) and the notification channel (the EMS signs, subscribers verify). The string to sign is
//   METHOD \n PATH \n sorted-decoded-query \n TIMESTAMP \n hex(SHA-256(body)) [\n NONCE]
// and the signature travels as base64 in X-Vines-Signature with X-Vines-Key, X-Vines-Timestamp
// (Unix seconds) and X-Vines-Nonce (a random value per request) next to it. A verifier refuses
// a signature it has already accepted within the clock window (a replay).
#include <QByteArray>
#include <QSet>
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
inline constexpr char NonceHeader[] = "X-Vines-Nonce";
inline constexpr int MaxClockSkewS = 300;

QByteArray stringToSign(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query,
                        const QByteArray &timestamp, const QByteArray &body, const QByteArray &nonce = {});
QByteArray stringToSign(const QByteArray &method, const QUrl &url, const QByteArray &timestamp, const QByteArray &body,
                        const QByteArray &nonce = {});
QByteArray sign(const QByteArray &secret, const QByteArray &stringToSign);   // base64
// Compares in time independent of where the inputs differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
QByteArray randomToken(int bytes = 32);   // base64url, from the system CSPRNG

// Signs an outgoing request in place (headers above) as `key` with `secret`.
void signRequest(QNetworkRequest &req, const QString &key, const QByteArray &secret, const QByteArray &verb, const QByteArray &body);
// Signatures accepted within the clock window, to refuse the same request twice. Bounded: at
// most MaxEntries remembered (the oldest go first), entries older than the window dropped.
class ReplayWindow {
public:
    static constexpr int MaxEntries = 100000;
    // False when this signature was seen within the window (a replay); remembers it otherwise.
    bool accept(const QByteArray &signature);
private:
    QSet<QByteArray> m_seen;
    QList<QPair<qint64, QByteArray>> m_order;   // arrival time and signature, oldest first, for eviction
};
enum class Verdict { Valid, Unsigned, Stale, BadSignature, Replayed };
QString describe(Verdict v);   // for the 401's message
// Checks an incoming request signed with `secret` (any key name). With a window, a signature
// accepted before is refused; only a valid one is remembered.
Verdict verify(const HttpRequest &r, const QByteArray &secret, ReplayWindow *window = nullptr);
// The string to sign of an incoming request.
QByteArray stringToSign(const HttpRequest &r);
} // namespace signing

} // namespace vines
