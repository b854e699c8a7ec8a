#include "CloudStackSigner.h"
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <algorithm>

namespace vines::cloudstack {

QByteArray encode(const QString &value)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size() * 3);
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '*' || c == '_') {
            out += char(c);
        } else if (c == ' ') {
            out += "%20";   // URLEncoder writes '+', which CloudStack then replaces by %20
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

QByteArray canonicalString(const Params &params)
{
    Params p;
    for (const auto &kv : params)
        if (kv.first.compare(QLatin1String("signature"), Qt::CaseInsensitive) != 0)
            p << kv;
    // Collections.sort on the names as they arrive: UTF-16 code unit order, case-sensitive.
    std::stable_sort(p.begin(), p.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &kv : p) {
        if (!out.isEmpty())
            out += '&';
        out += kv.first.toUtf8() + '=' + encode(kv.second);
    }
    return out.toLower();
}

QByteArray signature(const Params &params, const QByteArray &secretKey)
{
    return QMessageAuthenticationCode::hash(canonicalString(params), secretKey, QCryptographicHash::Sha1).toBase64();
}

QString expiresString(const QDateTime &t) { return t.toUTC().toString("yyyy-MM-ddTHH:mm:ss") + QStringLiteral("+0000"); }

QByteArray signedQuery(Params params, const QString &apiKey, const QByteArray &secretKey, const QDateTime &expires)
{
    params << qMakePair(QStringLiteral("apiKey"), apiKey) << qMakePair(QStringLiteral("response"), QStringLiteral("json"))
           << qMakePair(QStringLiteral("signatureversion"), QStringLiteral("3")) << qMakePair(QStringLiteral("expires"), expiresString(expires));
    QByteArray q;
    for (const auto &kv : params) {
        if (!q.isEmpty())
            q += '&';
        q += encode(kv.first) + '=' + encode(kv.second);
    }
    return q + "&signature=" + encode(QString::fromLatin1(signature(params, secretKey)));
}

} // namespace vines::cloudstack
