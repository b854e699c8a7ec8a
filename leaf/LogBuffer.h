#pragma once
// The agent's log: a bounded ring of timestamped lines, mirrored to stderr (the VIM keeps
// stderr in the instance's log file).
#include <QStringList>

namespace vines::leaf {

class LogBuffer {
public:
    explicit LogBuffer(int capacity = 2000) : m_capacity(capacity) {}
    void add(const QString &source, const QString &line);
    QStringList tail(int n) const;
private:
    QStringList m_lines;
    int m_capacity;
};

} // namespace vines::leaf
