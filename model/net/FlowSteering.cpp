#include "FlowSteering.h"
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>

namespace vines {

namespace {

QByteArray readTrimmed(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

bool write(const QString &path, const QByteArray &value)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(value + '\n') == value.size() + 1 && f.flush();
}

QStringList queues(const QString &interfaceName)
{
    if (interfaceName.isEmpty() || interfaceName.contains('/'))
        return {};
    const QDir dir(QStringLiteral("/sys/class/net/%1/queues").arg(interfaceName));
    QStringList out;
    for (const QString &q : dir.entryList({QStringLiteral("rx-*")}, QDir::Dirs | QDir::NoDotAndDotDot))
        out << dir.filePath(q + QStringLiteral("/rps_flow_cnt"));
    return out;
}

QMutex g_mutex;
QHash<QString, int> g_steered;   // interfaces this process turned on, and how many users each has

} // namespace

bool ensureSockFlowTable(int entries)
{
    const QString path = QStringLiteral("/proc/sys/net/core/rps_sock_flow_entries");
    bool ok = false;
    const int now = readTrimmed(path).toInt(&ok);
    if (!ok)
        return false;
    return now >= entries || write(path, QByteArray::number(entries));
}

bool flowsSteered(const QString &interfaceName)
{
    const QStringList qs = queues(interfaceName);
    if (qs.isEmpty())
        return false;
    for (const QString &q : qs)
        if (readTrimmed(q).toInt() <= 0)
            return false;
    return true;
}

bool steerFlows(const QString &interfaceName, int flows)
{
    QMutexLocker lock(&g_mutex);
    if (auto it = g_steered.find(interfaceName); it != g_steered.end()) {
        ++*it;
        return true;
    }
    if (flowsSteered(interfaceName))   // someone else's setting: used, never undone by us
        return true;
    const QStringList qs = queues(interfaceName);
    bool ok = !qs.isEmpty();
    for (const QString &q : qs)
        ok = write(q, QByteArray::number(flows)) && ok;
    if (ok)
        g_steered.insert(interfaceName, 1);
    else
        for (const QString &q : qs)
            write(q, "0");
    return ok;
}

void unsteerFlows(const QString &interfaceName)
{
    QMutexLocker lock(&g_mutex);
    auto it = g_steered.find(interfaceName);
    if (it == g_steered.end() || --*it > 0)
        return;
    g_steered.erase(it);
    for (const QString &q : queues(interfaceName))
        write(q, "0");
}

} // namespace vines
