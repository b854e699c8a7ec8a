#pragma once
// Demo content for a first start: onboards the sample packages, imports the sample NSDs and
// instantiates the demo network service (router -> monitor -> forwarder -> echo sink) through
// the NFVO on the local VIM.
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
    void makeChain();

    ConsoleCore &m_core;
    QString m_dir;
    QStringList m_toOnboard;
    QString m_op;
};

} // namespace vines
