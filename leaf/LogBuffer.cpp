#include "LogBuffer.h"
#include <QDateTime>
#include <cstdio>

namespace vines::leaf {

void LogBuffer::add(const QString &source, const QString &line)
{
    for (const QString &l : line.split('\n', Qt::SkipEmptyParts)) {
        const QString entry = QStringLiteral("%1 [%2] %3")
                                  .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), source, l.trimmed());
        m_lines.append(entry);
        std::fprintf(stderr, "%s\n", entry.toUtf8().constData());
    }
    std::fflush(stderr);
    while (m_lines.size() > m_capacity)
        m_lines.removeFirst();
}

QStringList LogBuffer::tail(int n) const
{
    n = qBound(0, n, static_cast<int>(m_lines.size()));
    return m_lines.mid(m_lines.size() - n);
}

} // namespace vines::leaf
