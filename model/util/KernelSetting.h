#pragma once
// A kernel setting in /proc/sys or /sys: one short value in a file of its own. Read trimmed
// (empty when it cannot be read); written as one line, true only when the kernel took all of it.
#include <QByteArray>
#include <QFile>
#include <QString>

namespace vines {

inline QByteArray readKernelSetting(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

inline bool writeKernelSetting(const QString &path, const QByteArray &value)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(value + '\n') == value.size() + 1 && f.flush();
}

} // namespace vines
