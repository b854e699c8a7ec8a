#pragma once
#include "util/Result.h"
#include <QString>
#include <stdexcept>

namespace vines {

// Where and why a VNF Package was refused: file inside the archive, the field (dotted path),
// the 1-based YAML/text line when known, and a message an operator can act on.
struct PackageError {
    QString file;
    QString field;
    int line = 0;
    QString message;

    QString toString() const
    {
        QString where = file.isEmpty() ? QStringLiteral("package") : file;
        if (line > 0)
            where += QStringLiteral(":%1").arg(line);
        if (!field.isEmpty())
            where += QStringLiteral(" [%1]").arg(field);
        return where + QStringLiteral(": ") + message;
    }
    // As the one error type: Invalid, its message the whole sentence, its location kept.
    Error toError() const { return Error::invalid(toString()).at({file, field, line}); }
};

class PackageException : public std::runtime_error {
public:
    explicit PackageException(PackageError e)
        : std::runtime_error(e.toString().toStdString()), m_error(std::move(e)) {}
    const PackageError &error() const { return m_error; }
private:
    PackageError m_error;
};

[[noreturn]] inline void packageFail(const QString &file, const QString &field, int line, const QString &message)
{
    throw PackageException(PackageError{file, field, line, message});
}

} // namespace vines
