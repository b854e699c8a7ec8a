#include "CloudStackSigner.h"
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <algorithm>

namespace vines::cloudstack {

QByteArray encode(const QString &value) { return QUrl::toPercentEncoding(value); }

QByteArray canonicalString(const Params &params)
{
    Params p;
    for (const auto &kv : params)
        if (kv.first.compare(QLatin1String("signature"), Qt::CaseInsensitive) != 0)
            p << kv;
    std::stable_sort(p.begin(), p.end(), [](const auto &a, const auto &b) { return a.first.toLower() < b.first.toLower(); });
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
