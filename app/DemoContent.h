#pragma once
// Demo content for a first start: onboards the sample packages and builds a small chain
// monitor -> forwarder -> echo sink on the local VIM, each step when the previous completes.
#include <QObject>
#include <QStringList>

namespace vines {

class ConsoleCore;

class DemoContent : public QObject {
    Q_OBJECT
public:
    DemoContent(ConsoleCore &core, QString packagesDir, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(const QString &summary);

private:
    void onboardNext();
    void instantiateNext();
    QString packageFor(const QString &product) const;
    ConsoleCore &m_core;
    QString m_dir;
    QStringList m_toOnboard;
    int m_step = 0;
    QString m_lastAddress;
};

} // namespace vines
