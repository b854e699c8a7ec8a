#pragma once
// Asks before a destructive action, without blocking the event loop: a window-modal question
// naming what goes (objectName lets tests find it); onYes runs only on Yes.
#include <QMessageBox>
#include <functional>

namespace vines {

inline void askFirst(QWidget *parent, const QString &objectName, const QString &title, const QString &text, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, parent, [onYes = std::move(onYes)](int answer) {
        if (answer == QMessageBox::Yes)
            onYes();
    });
    box->open();
}

} // namespace vines
