// CloudStack connection profiles: secrets kept out of the profiles file (keychain or a 0600
// file), cloudmonkey config import with clear reasons for what is skipped, and the Clouds
// dialog driven through its widgets, testing a connection against the CloudStack simulator.
#include "CloudProfilesDialog.h"
#include "TestSupport.h"
#include "cloudstack/ConnectionProfiles.h"
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QCheckBox>
#include <QFile>
#include <QTest>

using namespace vines;
using namespace vines::test;
using namespace vines::cloudstack;

class TstProfiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void secretsNeverLandInTheProfilesFile()
    {
        SecretStore secrets(m_tmp.filePath("secrets"), false);
        QCOMPARE(secrets.backend(), QString("private file (mode 0600)"));
        ConnectionProfiles profiles(m_tmp.filePath("clouds.json"), secrets);
        QString error = refusal(profiles.save({"lab", QUrl("ftp://x"), "key", {}, true}, "s3cr3t-value"));
        QVERIFY(error.contains("not an http(s) URL"));
        error = refusal(profiles.save({"lab", QUrl("https://cloud.example.com/client/api"), "key", {}, true}, {}));
        QVERIFY(error.contains("secret key is required"));
        VERIFY_OK(profiles.save({"lab", QUrl("https://cloud.example.com/client/api"), "key", {}, true}, "s3cr3t-value"));
        QFile f(m_tmp.filePath("clouds.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("cloud.example.com"));
        QVERIFY(!text.contains("s3cr3t"));
        const auto perms = QFile::permissions(m_tmp.filePath("secrets/secrets.json"));
        QVERIFY(perms.testFlag(QFile::ReadOwner) && perms.testFlag(QFile::WriteOwner));
        QVERIFY(!(perms & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)));   // nobody else reads it
        QCOMPARE(must(profiles.endpoint("lab")).secretKey, QByteArray("s3cr3t-value"));
        // Saving again without a secret keeps the stored one.
        VERIFY_OK(profiles.save({"lab", QUrl("https://other.example.com/client/api"), "key2", {}, true}, {}));
        QCOMPARE(must(profiles.endpoint("lab")).secretKey, QByteArray("s3cr3t-value"));
        QCOMPARE(profiles.list().size(), 1);
        VERIFY_OK(profiles.remove("lab"));
        const auto gone = profiles.endpoint("lab");
        QVERIFY(!gone);
        QCOMPARE(gone.error().kind(), Error::Kind::NotFound);
    }

    void importsCloudMonkeyConfig()
    {
        QFile f(m_tmp.filePath("cmk-config"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[core]\nprompt = cmk\nasyncblock = true\nprofile = prod\n\n"
                "[prod]\nurl = https://cloud.example.com/client/api\napikey = PRODKEY\nsecretkey = PRODSECRET\nverifycert = true\n\n"
                "[lab]\nurl = http://10.0.0.5:8080/client/api\napikey = LABKEY\nsecretkey = LABSECRET\nverifycert = false\n\n"
                "[oldstyle]\nurl = http://10.0.0.6:8080/client/api\nusername = admin\npassword = password\n");
        f.close();
        const auto cmk = ConnectionProfiles::importCloudMonkey(f.fileName());
        VERIFY_OK(cmk);
        const auto &imported = cmk->profiles;
        const QStringList skipped = cmk->skipped;
        QCOMPARE(imported.size(), 2);
        QCOMPARE(imported[0].profile.name, QString("prod"));
        QCOMPARE(imported[0].profile.apiKey, QString("PRODKEY"));
        QCOMPARE(imported[0].secret, QByteArray("PRODSECRET"));
        QCOMPARE(imported[1].profile.verifyTls, false);
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped.first().contains("[oldstyle]") && skipped.first().contains("username/password"));
        QFile bad(m_tmp.filePath("bad-config"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("[core\nx = 1\n");
        bad.close();
        const QString error = refusal(ConnectionProfiles::importCloudMonkey(bad.fileName()));
        QVERIFY2(error.contains("bad-config:1: section header"), qPrintable(error));
    }

    void dialogTestsAConnectionAgainstTheSimulator()
    {
        CloudStackSim sim(m_tmp.filePath("sim"), "127.99.0", "127.99.1", 20);
        QString error;
        VERIFY_OK(sim.start());
        SecretStore secrets(m_tmp.filePath("dlg-secrets"), false);
        ConnectionProfiles profiles(m_tmp.filePath("dlg-clouds.json"), secrets);
        CloudProfilesDialog dlg(profiles, secrets, {});
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        dlg.findChild<QLineEdit *>("profileName")->setText("sim");
        dlg.findChild<QLineEdit *>("profileUrl")->setText(sim.apiUrl());
        dlg.findChild<QLineEdit *>("profileApiKey")->setText(QString::fromLatin1(CloudStackSim::apiKey()));
        QTest::keyClicks(dlg.findChild<QLineEdit *>("profileSecret"), QString::fromLatin1(CloudStackSim::secretKey()));
        QTest::mouseClick(dlg.findChild<QPushButton *>("testProfile"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dlg.testResult().startsWith("Connected"), 10000);
        QVERIFY(dlg.testResult().contains("Sim-Zone-1"));
        QCOMPARE(dlg.findChild<QListWidget *>("profileList")->count(), 1);
        // The test says what the account's role means for the console.
        QTRY_VERIFY_WITH_TIMEOUT(dlg.testResult().contains("role Admin"), 10000);
        QVERIFY2(dlg.testResult().contains("with expunge"), qPrintable(dlg.testResult()));
        // A User-role key that asks for the virtual router is told it cannot have it; its VR secret is kept out of the profiles file.
        dlg.findChild<QLineEdit *>("profileApiKey")->setText(QString::fromLatin1(CloudStackSim::userApiKey()));
        QTest::keyClicks(dlg.findChild<QLineEdit *>("profileSecret"), QString::fromLatin1(CloudStackSim::userSecretKey()));
        dlg.findChild<QCheckBox *>("profileLendRouter")->setChecked(true);
        QTest::keyClicks(dlg.findChild<QLineEdit *>("profileRouterSecret"), "vr-agent-secret-0123456789");
        QTest::mouseClick(dlg.findChild<QPushButton *>("testProfile"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dlg.testResult().contains("role User"), 10000);
        QVERIFY2(dlg.testResult().contains("may not use the virtual router") && dlg.testResult().contains("cloud expunges them later"),
                 qPrintable(dlg.testResult()));
        QCOMPARE(secrets.lookup("router:sim"), QByteArray("vr-agent-secret-0123456789"));
        QFile stored(m_tmp.filePath("dlg-clouds.json"));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        const QByteArray file = stored.readAll();
        QVERIFY(!file.contains("vr-agent-secret") && file.contains("virtual-router"));
        dlg.findChild<QLineEdit *>("profileApiKey")->setText(QString::fromLatin1(CloudStackSim::apiKey()));
        dlg.findChild<QCheckBox *>("profileLendRouter")->setChecked(false);
        // A wrong secret is reported with CloudStack's own reason.
        QTest::keyClicks(dlg.findChild<QLineEdit *>("profileSecret"), "wrong-secret-key");
        QTest::mouseClick(dlg.findChild<QPushButton *>("testProfile"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dlg.testResult().startsWith("Failed"), 10000);
        QVERIFY2(dlg.testResult().contains("401") && dlg.testResult().contains("unauthorized"), qPrintable(dlg.testResult()));
        // Choosing the cloud is announced to the console.
        QSignalSpy chosen(&dlg, &CloudProfilesDialog::activate);
        QTest::keyClicks(dlg.findChild<QLineEdit *>("profileSecret"), QString::fromLatin1(CloudStackSim::secretKey()));
        QTest::mouseClick(dlg.findChild<QPushButton *>("useProfile"), Qt::LeftButton);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), QString("sim"));
    }
};

QTEST_MAIN(TstProfiles)
#include "tst_profiles.moc"
