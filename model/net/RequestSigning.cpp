#include "RequestSigning.h"
#include "JsonHttpServer.h"
#include <QDateTime>
#include <QNetworkRequest>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <algorithm>

namespace vines::signing {

QByteArray stringToSign(const QByteArray &method, const QString &path, const QList<QPair<QString, QString>> &query,
                        const QByteArray &timestamp, const QByteArray &body, const QByteArray &nonce)
{
    QList<QPair<QString, QString>> q = query;
    std::sort(q.begin(), q.end());
    QStringList parts;
    for (const auto &item : q)
        parts << item.first + '=' + item.second;
    QByteArray s = method.toUpper() + '\n' + path.toUtf8() + '\n' + parts.join('&').toUtf8() + '\n' + timestamp + '\n'
                   + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    if (!nonce.isEmpty())
        s += '\n' + nonce;
    return s;
}

QByteArray stringToSign(const QByteArray &method, const QUrl &url, const QByteArray &timestamp, const QByteArray &body, const QByteArray &nonce)
{
    return stringToSign(method, url.path(), QUrlQuery(url).queryItems(QUrl::FullyDecoded), timestamp, body, nonce);
}

QByteArray stringToSign(const HttpRequest &r)
{
    QList<QPair<QString, QString>> query;
    for (auto q = r.query.begin(); q != r.query.end(); ++q)
        query << qMakePair(q.key(), q.value());
    return stringToSign(r.method.toUtf8(), r.path, query, r.header("x-vines-timestamp"), r.body, r.header("x-vines-nonce"));
}

bool ReplayWindow::accept(const QByteArray &signature)
{
    const qint64 oldest = QDateTime::currentSecsSinceEpoch() - 2 * MaxClockSkewS;
    while (!m_order.isEmpty() && (m_order.first().first < oldest || m_order.size() >= MaxEntries)) {
        m_seen.remove(m_order.first().second);
        m_order.removeFirst();
    }
    if (m_seen.contains(signature))
        return false;
    m_seen.insert(signature);
    m_order.append({QDateTime::currentSecsSinceEpoch(), signature});
    return true;
}

QByteArray sign(const QByteArray &secret, const QByteArray &s)
{
    return QMessageAuthenticationCode::hash(s, secret, QCryptographicHash::Sha256).toBase64();
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Length is not secret (signatures and token hashes have fixed lengths), content is.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void signRequest(QNetworkRequest &req, const QString &key, const QByteArray &secret, const QByteArray &verb, const QByteArray &body)
{
    const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray nonce = randomToken(12);
    req.setRawHeader(KeyHeader, key.toUtf8());
    req.setRawHeader(TimestampHeader, ts);
    req.setRawHeader(NonceHeader, nonce);
    req.setRawHeader(SignatureHeader, sign(secret, stringToSign(verb, req.url(), ts, body, nonce)));
}

Verdict verify(const HttpRequest &r, const QByteArray &secret, ReplayWindow *window)
{
    const QByteArray ts = r.header("x-vines-timestamp"), sig = r.header("x-vines-signature");
    if (r.header("x-vines-key").isEmpty() || ts.isEmpty() || sig.isEmpty())
        return Verdict::Unsigned;
    bool ok = false;
    const qint64 t = ts.toLongLong(&ok);
    if (!ok || qAbs(QDateTime::currentSecsSinceEpoch() - t) > MaxClockSkewS)
        return Verdict::Stale;
    if (!constantTimeEquals(sign(secret, stringToSign(r)), sig))
        return Verdict::BadSignature;
    if (window && !window->accept(sig))
        return Verdict::Replayed;
    return Verdict::Valid;
}

QString describe(Verdict v)
{
    switch (v) {
    case Verdict::Valid: return {};
    case Verdict::Unsigned: return QStringLiteral("authentication required: sign the request (X-Vines-Key, X-Vines-Timestamp, X-Vines-Signature)");
    case Verdict::Stale: return QStringLiteral("X-Vines-Timestamp is missing or more than %1 s away from this clock").arg(MaxClockSkewS);
    case Verdict::BadSignature: return QStringLiteral("invalid signature");
    case Verdict::Replayed: return QStringLiteral("replayed request: this signature was already used (send a fresh X-Vines-Nonce)");
    }
    return {};
}

} // namespace vines::signing
