#include "YamlAccess.h"
#include "PackageError.h"
#include <QJsonArray>
#include <QJsonObject>

namespace vines {

int yamlLine(const YAML::Node &n)
{
    if (!n.IsDefined())
        return 0;
    const YAML::Mark m = n.Mark();
    return m.line >= 0 ? m.line + 1 : 0;
}

namespace yaml {

QString str(const YAML::Node &n)
{
    if (!n.IsDefined() || !n.IsScalar())
        return {};
    return QString::fromStdString(n.Scalar());
}

YAML::Node at(const YAML::Node &n, const char *key)
{
    if (!n.IsDefined() || !n.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    for (const auto &kv : n)
        if (kv.first.IsScalar() && kv.first.Scalar() == key)
            return kv.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node at(const YAML::Node &n, const QString &key) { return at(n, key.toStdString().c_str()); }

QStringList strings(const YAML::Node &n)
{
    QStringList out;
    if (n.IsSequence())
        for (const auto &x : n)
            out << str(x);
    else if (n.IsScalar())
        out << str(n);
    return out;
}

bool toInt(const YAML::Node &n, int *out)
{
    bool ok = false;
    const int v = str(n).trimmed().toInt(&ok);
    if (ok)
        *out = v;
    return ok;
}

namespace {

// Counts nodes as a reader following aliases meets them, and how deep they nest.
struct Budget {
    int maxNodes;
    int maxDepth;
    int nodes = 0;
    QString why;
    int line = 0;

    bool enter(const YAML::Node &n, int depth)
    {
        if (++nodes > maxNodes)
            why = QStringLiteral("more than %1 YAML nodes (alias expansion?)").arg(maxNodes);
        else if (depth > maxDepth)
            why = QStringLiteral("nested deeper than %1 levels (self-referencing alias?)").arg(maxDepth);
        else
            return true;
        line = yamlLine(n);
        return false;
    }
    bool walk(const YAML::Node &n, int depth)
    {
        if (!enter(n, depth))
            return false;
        if (n.IsMap()) {
            for (const auto &kv : n)
                if (!walk(kv.first, depth + 1) || !walk(kv.second, depth + 1))
                    return false;
        } else if (n.IsSequence()) {
            for (const auto &x : n)
                if (!walk(x, depth + 1))
                    return false;
        }
        return true;
    }
};

struct Converter : Budget {
    bool run(const YAML::Node &n, int depth, QJsonValue *out)
    {
        if (!enter(n, depth))
            return false;
        if (n.IsMap()) {
            QJsonObject o;
            for (const auto &kv : n) {
                QJsonValue v;
                if (!run(kv.second, depth + 1, &v))
                    return false;
                o.insert(str(kv.first), v);
            }
            *out = o;
        } else if (n.IsSequence()) {
            QJsonArray a;
            for (const auto &x : n) {
                QJsonValue v;
                if (!run(x, depth + 1, &v))
                    return false;
                a.append(v);
            }
            *out = a;
        } else if (n.IsScalar()) {
            const QString s = str(n);
            bool ok = false;
            if (n.Tag() == "!") {   // quoted scalar stays a string
                *out = s;
            } else if (const qlonglong i = s.toLongLong(&ok); ok) {
                *out = i;
            } else if (const double d = s.toDouble(&ok); ok) {
                *out = d;
            } else if (s == QLatin1String("true") || s == QLatin1String("false")) {
                *out = s == QLatin1String("true");
            } else {
                *out = s;
            }
        } else {
            *out = QJsonValue();
        }
        return true;
    }
};

} // namespace

bool withinBounds(const YAML::Node &root, QString *why, int *line, int maxNodes, int maxDepth)
{
    Budget b{maxNodes, maxDepth};
    if (b.walk(root, 0))
        return true;
    if (why)
        *why = b.why;
    if (line)
        *line = b.line;
    return false;
}

YAML::Node loadDocument(const QByteArray &text, const QString &file)
{
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::ParserException &e) {
        packageFail(file, {}, e.mark.line + 1, QStringLiteral("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    } catch (const YAML::Exception &e) {
        packageFail(file, {}, e.mark.line + 1, QStringLiteral("YAML error: %1").arg(QString::fromStdString(e.msg)));
    }
    QString why;
    int line = 0;
    if (!withinBounds(root, &why, &line))
        packageFail(file, {}, line, QStringLiteral("refused: %1").arg(why));
    return root;
}

bool toJson(const YAML::Node &n, QJsonValue *out, QString *why, int maxNodes, int maxDepth)
{
    Converter c{{maxNodes, maxDepth}};
    if (c.run(n, 0, out))
        return true;
    if (why)
        *why = c.why;
    return false;
}

} // namespace yaml
} // namespace vines
