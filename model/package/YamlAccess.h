#pragma once
// Small, non-throwing accessors over yaml-cpp nodes for the TOSCA parsers, and a bounded
// YAML -> JSON conversion (aliases can make a tiny document expand without end).
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <yaml-cpp/yaml.h>

namespace vines {

int yamlLine(const YAML::Node &n);

namespace yaml {

// Scalar text, or empty for anything else.
QString str(const YAML::Node &n);
// Child lookup that never yields yaml-cpp's throwing "zombie" nodes.
YAML::Node at(const YAML::Node &n, const char *key);
YAML::Node at(const YAML::Node &n, const QString &key);
// A scalar as a one-element list, a sequence of scalars as a list, anything else as empty.
QStringList strings(const YAML::Node &n);
// Whole number in a scalar; false when it is not one.
bool toInt(const YAML::Node &n, int *out);
// Parses a YAML document of `file` and checks it with withinBounds(): a syntax error or a
// document beyond bounds is refused with the file and line (throws PackageException).
YAML::Node loadDocument(const QByteArray &text, const QString &file);
// Whether a whole document stays within bounds when every alias is followed: at most maxNodes
// nodes, nested at most maxDepth deep. On failure *why says which bound and *line where (1-based).
// Parsers check every document they load, so no later walk over it can be made to run away.
bool withinBounds(const YAML::Node &root, QString *why, int *line, int maxNodes = 1000000, int maxDepth = 64);
// Bounded conversion: fails (returns false, with *why) on more than maxNodes nodes or deeper than maxDepth.
bool toJson(const YAML::Node &n, QJsonValue *out, QString *why, int maxNodes = 100000, int maxDepth = 64);

} // namespace yaml
} // namespace vines
