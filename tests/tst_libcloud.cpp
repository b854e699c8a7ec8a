// A client nobody here wrote against the CloudStack simulator: Apache libcloud's CloudStack
// driver (Debian python3-libcloud) lists locations, sizes, images, networks and nodes; creates,
// reboots, stops, starts and destroys a node; allocates and releases a public IP; creates
// firewall, port forwarding and static NAT (IP forwarding) rules; tags; and is refused with a
// bad secret. Run for the admin key and for an ordinary (User role) account.
#include "TestSupport.h"
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vines::test;

class TstLibcloud : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<CloudStackSim> m_sim;

    QString drive(const QByteArray &key, const QByteArray &secret, int *code)
    {
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(VINES_SOURCE_DIR "/tests/libcloud/drive_sim.py"), m_sim->apiUrl(),
                                                     QString::fromLatin1(key), QString::fromLatin1(secret)});
        if (!p.waitForFinished(180000))
            qWarning("libcloud script did not finish");
        *code = p.exitCode();
        return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {"-c", "import libcloud"});
        if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
            QSKIP("python3-libcloud is not installed (scripts/install-deps installs it)");
        m_sim = std::make_unique<CloudStackSim>(m_tmp.filePath("sim"), "127.93.0", "127.94.0", 50);
        QString error;
        VERIFY_OK(m_sim->start());
    }

    void adminAccount()
    {
        int code = -1;
        const QString out = drive(CloudStackSim::apiKey(), CloudStackSim::secretKey(), &code);
        QVERIFY2(code == 0 && out.contains("20 passed, 0 failed"), qPrintable(out));
    }

    void userAccount()
    {
        int code = -1;
        const QString out = drive(CloudStackSim::userApiKey(), CloudStackSim::userSecretKey(), &code);
        QVERIFY2(code == 0 && out.contains("20 passed, 0 failed"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstLibcloud)
#include "tst_libcloud.moc"
