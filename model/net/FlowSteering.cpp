#include "FlowSteering.h"
#include "util/KernelSetting.h"
#include <QDir>
#include <QHash>
#include <QMutex>

namespace vines {

namespace {

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

// Whether the interface's receive queues have flow tables (whoever set them).
bool flowsSteered(const QString &interfaceName)
{
    const QStringList qs = queues(interfaceName);
    if (qs.isEmpty())
        return false;
    for (const QString &q : qs)
        if (readKernelSetting(q).toInt() <= 0)
            return false;
    return true;
}

QMutex g_mutex;
QHash<QString, int> g_steered;   // interfaces this process turned on, and how many users each has

} // namespace

bool ensureSockFlowTable(int entries)
{
    const QString path = QStringLiteral("/proc/sys/net/core/rps_sock_flow_entries");
    bool ok = false;
    const int now = readKernelSetting(path).toInt(&ok);
    if (!ok)
        return false;
    return now >= entries || writeKernelSetting(path, QByteArray::number(entries));
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
        ok = writeKernelSetting(q, QByteArray::number(flows)) && ok;
    if (ok)
        g_steered.insert(interfaceName, 1);
    else
        for (const QString &q : qs)
            writeKernelSetting(q, "0");
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
        writeKernelSetting(q, "0");
}

} // namespace vines
