// The CloudStack VIM driver against vines-cloudstack-sim, a CloudStack API simulator process
// (signed requests verified as CloudStack does, JSON envelopes, error codes, async jobs, VMs
// that are real vines-leaf processes): request signing, errors, pagination, job failures,
// retries only for idempotent calls, TLS verification; then the same VNF lifecycle and SFC
// composition as on the local VIM, and reconciliation of leaked VMs after a crash.
#include "ConsoleFixture.h"
#include "TestSupport.h"
#include "catalog/InstanceStore.h"
#include "catalog/NsCatalog.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include "cloudstack/CloudStackClient.h"
#include "lifecycle/Vnfm.h"
#include "nfvo/Nfvo.h"
#include "vim/CloudStackVim.h"
#include "cloudstack/CloudStackNames.h"
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QTest>

using namespace vines;
using namespace vines::test;
namespace cs = vines::cloudstack;

class TstCloudStack : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<CloudStackSim> m_sim;

    cs::Endpoint endpoint(const QByteArray &secret = CloudStackSim::secretKey()) const
    {
        return {QUrl(m_sim->apiUrl()), QString::fromLatin1(CloudStackSim::apiKey()), secret, {}};
    }
    cs::Reply run(cs::Client &c, const QString &cmd, const cs::Params &p, bool async = false)
    {
        cs::Reply out;
        bool done = false;
        auto cb = [&](const cs::Reply &r) { out = r; done = true; };
        async ? c.callAsync(cmd, p, cb) : c.call(cmd, p, cb);
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
        return out;
    }
    static QJsonObject body(const cs::Reply &r) { return r.valueOr({}); }
    static int code(const cs::Reply &r) { return r ? 0 : r.error().code(); }
    static int csCode(const cs::Reply &r) { return r ? 0 : r.error().details().value("cserrorcode").toInt(); }
    static bool notPermitted(const cs::Reply &r) { return !r && r.error().is(Error::Kind::Forbidden); }
    QJsonObject simState() { return httpCall("GET", m_sim->adminUrl("/admin/state")).object(); }
    void inject(const QString &command, int code, const QString &text, int times = 1)
    {
        QVERIFY(httpCall("POST", m_sim->adminUrl("/admin/failures"), {{"command", command}, {"errorcode", code}, {"errortext", text}, {"times", times}}).ok);
    }
    OperationRecord waitOp(ConsoleCore &core, const QString &opId)
    {
        OperationRecord op;
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(core.operations().get(opId, &op) && isFinal(op.state), 60000); }();
        return op;
    }
    OperationRecord waitOp(ConsoleCore &core, const Result<QString> &started) { return waitOp(core, must(started)); }
    std::unique_ptr<ConsoleCore> openCore(const QString &name, bool user = false, ChainDiversion chains = ChainDiversion::NetworkRules)
    {
        ConsoleCore::Options o = consoleOptions(m_tmp.filePath(name), "127.97", "127.98.0");
        o.cloudStack = user ? cs::Endpoint{QUrl(m_sim->apiUrl()), QString::fromLatin1(CloudStackSim::userApiKey()), CloudStackSim::userSecretKey(), {}}
                            : endpoint();
        o.cloudChains = chains;
        o.cloudRouterSecret = CloudStackSim::routerSecret();
        o.cloudStackName = "Sim cloud";
        auto core = std::make_unique<ConsoleCore>(o);
        QString error;
        [&]() { VERIFY_OK(vines::test::openCore(*core)); }();
        return core;
    }

    // A VIM on the simulator, signed in as the admin or as the ordinary (User role) account.
    std::unique_ptr<CloudStackVim> openVim(bool user)
    {
        CloudStackVim::Options o;
        o.endpoint = user ? cs::Endpoint{QUrl(m_sim->apiUrl()), QString::fromLatin1(CloudStackSim::userApiKey()), CloudStackSim::userSecretKey(), {}}
                          : endpoint();
        auto vim = std::make_unique<CloudStackVim>(o);
        const Result<> discovered = awaitDone([&](auto done) { vim->discover(done); }, 10000);
        if (!discovered)
            qWarning("discovery failed: %s", qPrintable(discovered.errorMessage()));
        return discovered ? std::move(vim) : nullptr;
    }
    template <typename T>
    Result<T> wait(std::function<void(VimCallback<T>)> call)
    {
        Result<T> out;
        bool done = false;
        call([&](const Result<T> &r) { out = r; done = true; });
        [&]() { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
        return out;
    }
    QJsonObject simVm(const QString &id)
    {
        for (const auto &v : simState().value("virtualmachines").toArray())
            if (v.toObject().value("id").toString() == id)
                return v.toObject();
        return {};
    }

    // A chain of forwarders ending in an echo sink; protocol is the classifier's ip_proto ("" for none).
    static NsDescriptor chainNsd(const QHash<QString, QString> &vnfd, int length, const QString &protocol)
    {
        NsDescriptor d;
        d.descriptorId = QStringLiteral("cs-chain-%1-%2").arg(length).arg(protocol);
        d.name = "cs-chain";
        Vnffg g{"sfc", "", "path", {}};
        for (int i = 0; i < length; ++i) {
            const QString node = QStringLiteral("v%1").arg(i);
            d.vnfs << NsdVnf{node, i + 1 < length ? vnfd["Forwarder"] : vnfd["Echo Sink"], node, {}};
            g.path << NsdHop{node, {}};
        }
        if (!protocol.isEmpty())
            g.criteria << FlowCriterion{"only", {{"ip_proto", protocol}}};
        d.vnffgs = {g};
        return d;
    }
    QStringList ruleIds()
    {
        QStringList ids;
        for (const auto &v : simState().value("portforwardingrules").toArray())
            ids << v.toObject().value("id").toString();
        ids.sort();
        return ids;
    }
    // Terminate leaves nothing: no VM (a user's are Destroyed, awaiting the cloud's expunge), address or rule.
    void expectNothingLeft(bool user)
    {
        const QJsonObject st = simState();
        QCOMPARE(st.value("publicipaddresses").toArray().size(), 0);
        QCOMPARE(st.value("portforwardingrules").toArray().size(), 0);
        QCOMPARE(st.value("firewallrules").toArray().size(), 0);
        for (const auto &v : st.value("virtualmachines").toArray()) {
            QVERIFY2(user, "an admin's terminate expunges its VMs");
            QCOMPARE(v.toObject().value("state").toString(), QString("Destroyed"));
        }
        // What the cloud's expunge.delay does later.
        cs::Client admin(endpoint());
        for (const auto &v : st.value("virtualmachines").toArray())
            QVERIFY(run(admin, "destroyVirtualMachine", {{"id", v.toObject().value("id").toString()}, {"expunge", "true"}}, true).ok());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<CloudStackSim>(m_tmp.filePath("sim"), "127.95.0", "127.96.0", 50);
        QString error;
        VERIFY_OK(m_sim->start());
    }

    void userAccountFollowsTheCloudsRules()
    {
        // Role and capabilities are read at discovery.
        auto admin = openVim(false);
        auto user = openVim(true);
        QVERIFY(admin && user);
        QVERIFY(admin->account().isAdmin() && admin->account().mayExpunge() && admin->account().maySeeRouters());
        QCOMPARE(user->account().roleType, QString("User"));
        QVERIFY(!user->account().mayExpunge());
        QVERIFY(!user->account().maySeeRouters());

        // A command the role may not call is "not permitted", not "wrong key" (CloudStack answers 401 for both).
        cs::Client userClient(cs::Endpoint{QUrl(m_sim->apiUrl()), QString::fromLatin1(CloudStackSim::userApiKey()), CloudStackSim::userSecretKey(), {}});
        cs::Reply r = run(userClient, "listRouters", {});
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 401);
        QVERIFY(notPermitted(r));
        QVERIFY2(r.errorMessage().contains("not permitted for this account"), qPrintable(r.errorMessage()));
        cs::Client wrong(cs::Endpoint{QUrl(m_sim->apiUrl()), QString::fromLatin1(CloudStackSim::userApiKey()), "wrong-secret", {}});
        r = run(wrong, "listRouters", {});
        QVERIFY(!r.ok() && !notPermitted(r));
        QVERIFY2(r.errorMessage().contains("wrong API key or secret"), qPrintable(r.errorMessage()));

        // Host names: CloudStack refuses invalid and duplicate ones...
        cs::Client adminClient(endpoint());
        const QJsonObject zone = body(run(adminClient, "listZones", {})).value("zone").toArray().first().toObject();
        const QJsonObject tmpl = body(run(adminClient, "listTemplates", {{"templatefilter", "executable"}})).value("template").toArray().first().toObject();
        const QJsonObject offering = body(run(adminClient, "listServiceOfferings", {})).value("serviceoffering").toArray().first().toObject();
        const cs::Params deploy{{"zoneid", zone.value("id").toString()}, {"templateid", tmpl.value("id").toString()},
                                {"serviceofferingid", offering.value("id").toString()}};
        for (const QString &bad : QStringList{"1st-vnf", "-vnf", "vnf-", "my_vnf", "a.b", QString(64, 'a')}) {
            r = run(adminClient, "deployVirtualMachine", deploy + cs::Params{{"name", bad}}, true);
            QVERIFY2(!r.ok() && code(r) == 431 && r.errorMessage().contains("Invalid name"), qPrintable(bad + ": " + r.errorMessage()));
        }
        // ...so the console derives a valid, unique one and keeps the operator's name as the display name.
        QCOMPARE(cs::hostName("1st VNF_name.with.dots", "ab12"), QString("st-vnf-name-with-dots-ab12"));
        QVERIFY(cs::isValidHostName(cs::hostName(QString(80, 'x') + "-", "zz")));
        QCOMPARE(cs::hostName("---", QString()), QString("vnf"));
        const CreateSpec spec{"1st VNF_name.with.dots", "small", {}, {{"vines.instance", "inst-1"}}};
        const Result<VimInstance> a = wait<VimInstance>([&](VimCallback<VimInstance> cb) { user->createInstance(spec, {}, cb); });
        const Result<VimInstance> b = wait<VimInstance>([&](VimCallback<VimInstance> cb) { user->createInstance(spec, {}, cb); });
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.errorMessage() + b.errorMessage()));
        QVERIFY(cs::isValidHostName(a->name) && cs::isValidHostName(b->name));
        QVERIFY(a->name != b->name);
        QCOMPARE(simVm(a->id).value("displayname").toString(), spec.name);

        // The user's destroy goes without expunge (refused for users by this cloud); the VM is gone for the user.
        r = run(userClient, "destroyVirtualMachine", {{"id", b->id}, {"expunge", "true"}}, true);
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 531);
        QVERIFY2(r.errorMessage().contains("expunge can be passed by Admin only"), qPrintable(r.errorMessage()));
        for (const VimInstance &vm : {*a, *b}) {
            const Result<> d = wait<void>([&](VimCallback<> cb) { user->destroyInstance(vm.id, cb); });
            QVERIFY2(d.ok(), qPrintable(d.errorMessage()));
            QCOMPARE(simVm(vm.id).value("state").toString(), QString("Destroyed"));   // the cloud expunges it later
        }
        const Result<QList<VimInstance>> left = wait<QList<VimInstance>>([&](VimCallback<QList<VimInstance>> cb) { user->listInstances(cb); });
        QVERIFY(left.ok());
        for (const VimInstance &vm : *left)
            QVERIFY(vm.id != a->id && vm.id != b->id);
        // The admin's destroy expunges.
        const Result<VimInstance> c = wait<VimInstance>([&](VimCallback<VimInstance> cb) { admin->createInstance(spec, {}, cb); });
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        // Accounts see and operate on their own resources only; the admin sees others' with listall.
        const Result<QList<VimInstance>> seen = wait<QList<VimInstance>>([&](VimCallback<QList<VimInstance>> cb) { user->listInstances(cb); });
        QVERIFY(seen.ok() && std::none_of(seen->begin(), seen->end(), [&](const VimInstance &v) { return v.id == c->id; }));
        r = run(userClient, "stopVirtualMachine", {{"id", c->id}}, true);
        QVERIFY2(!r.ok() && code(r) == 531 && r.errorMessage().contains("does not have permission"), qPrintable(r.errorMessage()));
        QCOMPARE(body(run(adminClient, "listVirtualMachines", {{"id", a->id}})).value("count").toInt(), 0);
        QCOMPARE(body(run(adminClient, "listVirtualMachines", {{"id", a->id}, {"listall", "true"}})).value("count").toInt(), 1);
        QVERIFY(wait<void>([&](VimCallback<> cb) { admin->destroyInstance(c->id, cb); }).ok());
        QVERIFY(simVm(c->id).isEmpty());
        for (const VimInstance &vm : {*a, *b})   // what the cloud's expunge.delay would do
            QVERIFY(run(adminClient, "destroyVirtualMachine", {{"id", vm.id}, {"expunge", "true"}}, true).ok());
        QVERIFY(simState().value("virtualmachines").toArray().isEmpty());
    }

    void jobsAndScalingAsCloudStackReportsThem()
    {
        cs::Client c(endpoint());
        const QJsonObject zone = body(run(c, "listZones", {})).value("zone").toArray().first().toObject();
        const QJsonObject tmpl = body(run(c, "listTemplates", {{"templatefilter", "executable"}})).value("template").toArray().first().toObject();
        const QJsonArray offerings = body(run(c, "listServiceOfferings", {})).value("serviceoffering").toArray();
        const cs::Params deploy{{"zoneid", zone.value("id").toString()}, {"templateid", tmpl.value("id").toString()},
                                {"serviceofferingid", offerings.first().toObject().value("id").toString()}};
        // A failed job's jobresultcode is its error code.
        inject("deployVirtualMachine", 533, "Insufficient capacity");
        cs::Reply r = run(c, "deployVirtualMachine", deploy + cs::Params{{"name", "jobcode"}});
        QVERIFY(r.ok());
        const QString job = body(r).value("jobid").toString();
        QJsonObject j;
        QTRY_VERIFY_WITH_TIMEOUT((j = body(run(c, "queryAsyncJobResult", {{"jobid", job}}))).value("jobstatus").toInt() == 2, 10000);
        QCOMPARE(j.value("jobresultcode").toInt(), 533);
        QCOMPARE(j.value("jobresult").toObject().value("errorcode").toInt(), 533);
        QVERIFY(run(c, "destroyVirtualMachine", {{"id", body(r).value("id").toString()}, {"expunge", "true"}}, true).ok());   // the VM left in Error
        // Scaling a stopped VM leaves it stopped.
        r = run(c, "deployVirtualMachine", deploy + cs::Params{{"name", "scalestopped"}}, true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const QString vm = body(r).value("virtualmachine").toObject().value("id").toString();
        QVERIFY(run(c, "stopVirtualMachine", {{"id", vm}}, true).ok());
        r = run(c, "scaleVirtualMachine", {{"id", vm}, {"serviceofferingid", offerings.last().toObject().value("id").toString()}}, true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(simVm(vm).value("state").toString(), QString("Stopped"));
        QVERIFY(run(c, "destroyVirtualMachine", {{"id", vm}, {"expunge", "true"}}, true).ok());
    }

    void adaptsToTheCloudsPageSize()
    {
        // A cloud whose default.page.size is 2: pagesize 500 is refused, a list without pagesize gets
        // 2 items; the client adopts the cloud's limit and still reads every item.
        CloudStackSim small(m_tmp.filePath("sim-pages"), "127.95.1", "127.96.1", 50, QJsonObject{{"defaultPageSize", 2}});
        QString error;
        VERIFY_OK(small.start());
        cs::Client c(cs::Endpoint{QUrl(small.apiUrl()), QString::fromLatin1(CloudStackSim::apiKey()), CloudStackSim::secretKey(), {}});
        cs::Reply r = run(c, "listServiceOfferings", {{"pagesize", "500"}});
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 431);
        QVERIFY2(r.errorMessage().contains("Page size can't exceed max allowed page size value: 2"), qPrintable(r.errorMessage()));
        r = run(c, "listServiceOfferings", {});
        QVERIFY(r.ok());
        QCOMPARE(body(r).value("serviceoffering").toArray().size(), 2);
        QCOMPARE(body(r).value("count").toInt(), 4);
        bool done = false;
        c.listAll("listServiceOfferings", {}, "serviceoffering", [&](const cs::Reply &all) {
            r = all;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(body(r).value("serviceoffering").toArray().size(), 4);
        QCOMPARE(c.options().pageSize, 2);
    }

    void signsRequestsLikeCloudStack()
    {
        // CloudStack's documentation example (API Developer's Guide, "Signing API Requests", step 2).
        const cs::Params doc{{"command", "deployVirtualMachine"}, {"serviceOfferingId", "1"}, {"diskOfferingId", "1"}, {"templateId", "2"},
                             {"zoneId", "4"}, {"apiKey", "miVr6X7u6bN_sdahOBpjNejPgEsT35eXq-jB8CG20YI3yaxXcgpyuaIRmFI_EJTVwZ0nUkkJbPmY3y2bciKwFQ"}};
        QCOMPARE(cs::canonicalString(doc), QByteArray("apikey=mivr6x7u6bn_sdahobpjnejpgest35exq-jb8cg20yi3yaxxcgpyuairmfi_ejtvwz0nukkjbpmy3y2bcikwfq"
                                                      "&command=deployvirtualmachine&diskofferingid=1&serviceofferingid=1&templateid=2&zoneid=4"));
        // Values as java.net.URLEncoder writes them (ApiServer.verifyRequest): '*' kept, '~' and '+' encoded,
        // space %20, UTF-8 bytes; names ordered as Collections.sort orders them (upper case first).
        QCOMPARE(cs::encode("a b*c~d+e/f_g.h-i"), QByteArray("a%20b*c%7Ed%2Be%2Ff_g.h-i"));
        QCOMPARE(cs::encode(QStringLiteral("Grüße ☃")), QByteArray("Gr%C3%BC%C3%9Fe%20%E2%98%83"));
        const cs::Params p{{"command", "deployVirtualMachine"}, {"zoneId", "4"}, {"displayName", "a b+c/d*e~f"}, {"apiKey", "AbC"},
                           {"Zlast", "x"}};
        const QByteArray expected("zlast=x&apikey=abc&command=deployvirtualmachine&displayname=a%20b%2bc%2fd*e%7ef&zoneid=4");
        QCOMPARE(cs::canonicalString(p), expected);
        QCOMPARE(cs::signature(p, "SeCrEt"), QMessageAuthenticationCode::hash(expected, "SeCrEt", QCryptographicHash::Sha1).toBase64());
        const QByteArray q = cs::signedQuery({{"command", "listZones"}}, "k", "s", QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC));
        QVERIFY(q.contains("signatureversion=3"));
        QVERIFY(q.contains("expires=2030-01-02T03%3A04%3A05%2B0000"));
        QVERIFY(q.contains("&signature="));
        // The simulator accepts it...
        cs::Client good(endpoint());
        cs::Reply r = run(good, "listZones", {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(body(r).value("count").toInt(), 1);
        QCOMPARE(body(r).value("zone").toArray().first().toObject().value("name").toString(), QString("Sim-Zone-1"));
        // ...and refuses a wrong secret and an expired request, as CloudStack does.
        cs::Client bad(endpoint("not-the-secret"));
        r = run(bad, "listZones", {});
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 401);
        QVERIFY2(r.errorMessage().contains("unauthorized") && r.errorMessage().contains("unable to verify user credentials"), qPrintable(r.errorMessage()));
        const QByteArray expired = cs::signedQuery({{"command", "listZones"}}, QString::fromLatin1(CloudStackSim::apiKey()), CloudStackSim::secretKey(),
                                                   QDateTime::currentDateTimeUtc().addSecs(-60));
        const HttpReply h = httpRaw("GET", m_sim->apiUrl() + "?" + QString::fromLatin1(expired), {}, {});
        QCOMPARE(h.status, 401);
        QVERIFY(h.object().value("listzonesresponse").toObject().value("errortext").toString().contains("expired"));
        QCOMPARE(h.object().value("listzonesresponse").toObject().value("cserrorcode").toInt(), 9999);
    }

    void errorsPaginationJobsAndRetries()
    {
        cs::Client c(endpoint());
        cs::Reply r = run(c, "launchRocket", {});
        QCOMPARE(code(r), 432);
        QVERIFY(r.errorMessage().contains("unsupported action"));
        r = run(c, "listTemplates", {});
        QCOMPARE(code(r), 431);
        QVERIFY2(r.errorMessage().contains("missing parameter templatefilter"), qPrintable(r.errorMessage()));
        // Pagination: four offerings, two per page.
        cs::Client::Options o;
        o.pageSize = 2;
        c.setOptions(o);
        bool done = false;
        c.listAll("listServiceOfferings", {}, "serviceoffering", [&](const cs::Reply &res) { r = res; done = true; });
        QTRY_VERIFY(done);
        QVERIFY(r.ok());
        QCOMPARE(body(r).value("serviceoffering").toArray().size(), 4);
        c.setOptions({});
        // An asynchronous job that fails inside CloudStack.
        inject("associateIpAddress", 533, "Insufficient address capacity");
        r = run(c, "associateIpAddress", {{"networkid", "x"}}, true);
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 533);
        QVERIFY2(r.errorMessage().contains("insufficient capacity") && r.errorMessage().contains("Insufficient address capacity"), qPrintable(r.errorMessage()));
        // Idempotent calls are retried; others are not.
        inject("listZones", 530, "transient");
        r = run(c, "listZones", {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        inject("enableStaticNat", 530, "transient");
        r = run(c, "enableStaticNat", {{"ipaddressid", "a"}, {"virtualmachineid", "b"}});
        QCOMPARE(code(r), 530);   // the injected failure, not retried into the (431) missing-ip error
    }

    void verifiesTlsCertificates()
    {
        const QString dir = m_tmp.filePath("tls");
        QDir().mkpath(dir);
        QCOMPARE(QProcess::execute("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                                               "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem"}), 0);
        CloudStackSim tls(m_tmp.filePath("sim-tls"), "127.95.1", "127.96.1", 50,
                          {{"tls", QJsonObject{{"certificate", dir + "/cert.pem"}, {"key", dir + "/key.pem"}}}});
        QString error;
        VERIFY_OK(tls.start());
        cs::Client untrusting({QUrl(tls.apiUrl()), QString::fromLatin1(CloudStackSim::apiKey()), CloudStackSim::secretKey(), {}});
        cs::Reply r = run(untrusting, "listZones", {});
        QVERIFY(!r.ok());
        QCOMPARE(code(r), 0);   // no answer: the TLS handshake failed
        QVERIFY(r.error().is(Error::Kind::Unavailable));
        cs::Client trusting({QUrl(tls.apiUrl()), QString::fromLatin1(CloudStackSim::apiKey()), CloudStackSim::secretKey(), dir + "/cert.pem"});
        r = run(trusting, "listZones", {});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    }

    // A VNF made on the local VIM, the console then switched to the cloud: what touches its VIM
    // instance (heal, scale, terminate) is refused with both VIMs named, instead of being rebuilt
    // on the cloud while the local one keeps running; lifecycle on the NF itself still works.
    void vnfOnAnotherVimIsNotHealedOnThisOne()
    {
        const QString dir = m_tmp.filePath("switched");
        QString error, id;
        {
            ConsoleCore::Options o = consoleOptions(dir, "127.97", "127.98.0");
            o.keepVnfsRunning = true;
            ConsoleCore local(o);
            VERIFY_OK(vines::test::openCore(local));
            const auto pkgResult = local.packages().onboardFile(samplePackage("echo"));
            VERIFY_OK(pkgResult);
            const QString pkg = *pkgResult;
            QCOMPARE(waitOp(local, instantiateVnf(local.vnfm(), pkg, "stays-local", {}, {}, &id)).state, OpState::Completed);
        }
        auto core = openCore("switched");
        InstanceRecord r;
        QVERIFY(core->instances().get(id, &r));
        QCOMPARE(r.vimId, QString("local"));
        for (const LcmOp op : {LcmOp::Heal, LcmOp::Scale, LcmOp::Terminate}) {
            const QString why = core->vnfm().whyNot(op, id);
            QVERIFY2(why.contains("runs on VIM 'local'") && why.contains(core->vim().id()), qPrintable(why));
        }
        error = refusal(core->vnfm().heal(id));
        QVERIFY2(error.contains("switch back"), qPrintable(error));
        QVERIFY(simState().value("virtualmachines").toArray().isEmpty() || [&]() {
            for (const auto &vm : simState().value("virtualmachines").toArray())
                if (vm.toObject().value("displayname").toString().contains("stays-local"))
                    return false;
            return true;
        }());
        QCOMPARE(core->vnfm().whyNot(LcmOp::Stop, id), QString());   // the NF itself is still reachable through the EMS
        core.reset();
        ConsoleCore::Options o = consoleOptions(dir, "127.97", "127.98.0");
        ConsoleCore back(o);   // and back on the local VIM it can be terminated
        VERIFY_OK(vines::test::openCore(back));
        QCOMPARE(back.vnfm().whyNot(LcmOp::Terminate, id), QString());
        QCOMPARE(waitOp(back, back.vnfm().terminate(id)).state, OpState::Completed);
    }

    void vnfLifecycleOnCloudStack()
    {
        auto core = openCore("lifecycle");
        QCOMPARE(core->vim().displayName(), QString("Sim cloud (127.0.0.1)"));
        QCOMPARE(core->vim().flavours().size(), 4);
        QString error, id;
        const auto pkgResult = core->packages().onboardFile(samplePackage("echo"));
        VERIFY_OK(pkgResult);
        const QString pkg = *pkgResult;
        OperationRecord op = waitOp(*core, instantiateVnf(core->vnfm(), pkg, "cs-echo", {}, {}, &id));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        InstanceRecord r;
        core->instances().get(id, &r);
        QVERIFY(r.mgmtAddress.startsWith("127.95.0."));
        QCOMPARE(tcpExchange(r.mgmtAddress.section(':', 0, 0), 9000, "hello cloud"), QByteArray("hello cloud"));
        // The VM carries our tags in CloudStack.
        QJsonObject vm = simState().value("virtualmachines").toArray().first().toObject();
        QCOMPARE(vm.value("id").toString(), r.vimInstanceId);
        QStringList keys;
        for (const auto &t : vm.value("tags").toArray())
            keys << t.toObject().value("key").toString() + "=" + t.toObject().value("value").toString();
        QVERIFY2(keys.contains("vines.instance=" + id) && keys.contains("vines.managed=true"), qPrintable(keys.join(",")));
        QCOMPARE(waitOp(*core, core->vnfm().stop(id)).state, OpState::Completed);
        QCOMPARE(waitOp(*core, core->vnfm().start(id)).state, OpState::Completed);
        op = waitOp(*core, core->vnfm().scale(id, "medium"));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        QCOMPARE(simState().value("virtualmachines").toArray().first().toObject().value("serviceofferingname").toString(), QString("medium"));
        QCOMPARE(tcpExchange(r.mgmtAddress.section(':', 0, 0), 9000, "scaled"), QByteArray("scaled"));
        op = waitOp(*core, core->vnfm().heal(id));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        core->instances().get(id, &r);
        QCOMPARE(tcpExchange(r.mgmtAddress.section(':', 0, 0), 9000, "healed"), QByteArray("healed"));
        // A failing deployment rolls back cleanly.
        inject("deployVirtualMachine", 533, "Unable to create a deployment for VM");
        op = waitOp(*core, instantiateVnf(core->vnfm(), pkg, "cs-doomed", {}, {}));
        QCOMPARE(op.state, OpState::Failed);
        QVERIFY2(op.error.contains("533") && op.error.contains("Unable to create a deployment"), qPrintable(op.error));
        QCOMPARE(waitOp(*core, core->vnfm().terminate(id)).state, OpState::Completed);
        QCOMPARE(simState().value("virtualmachines").toArray().size(), 0);   // destroyed with expunge: nothing leaks
    }

    void serviceChainOnCloudStack_data()
    {
        QTest::addColumn<bool>("user");
        QTest::addColumn<bool>("lendRouter");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("protocol");   // the classifier's ip_proto: "" both, 6 TCP, 17 UDP
        QTest::newRow("user key, port forwarding, 2 VNFs") << true << false << 2 << "";
        QTest::newRow("user key, port forwarding, 3 VNFs, TCP") << true << false << 3 << "6";
        QTest::newRow("user key, port forwarding, 5 VNFs, UDP") << true << false << 5 << "17";
        QTest::newRow("admin key, port forwarding, 3 VNFs") << false << false << 3 << "";
        QTest::newRow("admin key, virtual router, 2 VNFs") << false << true << 2 << "";
        QTest::newRow("admin key, virtual router, 5 VNFs, UDP") << false << true << 5 << "17";
    }

    // The Vines composition on CloudStack: public address for the chain, the VR diverts it to
    // VNF 1, VNFs forward to the next. With port forwarding rules (any role) or the VR lent as
    // an internal VNF (admin); real TCP/UDP traffic; a VNF inserted and removed at the head;
    // terminate leaves nothing behind.
    void serviceChainOnCloudStack()
    {
        QFETCH(bool, user);
        QFETCH(bool, lendRouter);
        QFETCH(int, length);
        QFETCH(QString, protocol);
        auto core = openCore(QStringLiteral("sfc-%1-%2-%3-%4").arg(user).arg(lendRouter).arg(length).arg(protocol), user,
                             lendRouter ? ChainDiversion::LentRouter : ChainDiversion::NetworkRules);
        QString error;
        QHash<QString, QString> vnfd;
        for (const char *name : {"echo", "forwarder", "router"}) {
            const QString id = must(core->packages().onboardFile(samplePackage(name)));
            PackageRecord p;
            core->packages().get(id, &p);
            vnfd.insert(p.package.vnfd.productName, p.package.vnfd.descriptorId);
        }
        const auto nsdResult = core->nsCatalog().add(chainNsd(vnfd, length, protocol));
        VERIFY_OK(nsdResult);
        const QString nsd = *nsdResult;
        QString nsId;
        const OperationRecord op = waitOp(*core, instantiateNs(core->nfvo(), nsd, "cs-chain", &nsId));
        QVERIFY2(op.state == OpState::Completed, qPrintable(op.error + error));
        NsInstanceRecord ns;
        core->nsCatalog().instance(nsId, &ns);
        QVERIFY(ns.publicAddress.startsWith("127.96.0."));
        QCOMPARE(ns.vnfInstanceIds.size(), length);
        QCOMPARE(ns.diversion, lendRouter ? ChainDiversion::LentRouter : ChainDiversion::NetworkRules);
        QJsonObject ip;
        for (const auto &v : simState().value("publicipaddresses").toArray())
            if (v.toObject().value("ipaddress").toString() == ns.publicAddress)
                ip = v.toObject();
        InstanceRecord first, last;
        core->instances().get(ns.vnfInstanceIds.first(), &first);
        core->instances().get(ns.vnfInstanceIds.last(), &last);
        const QStringList protocols = protocol == "6" ? QStringList{"tcp"} : protocol == "17" ? QStringList{"udp"} : QStringList{"tcp", "udp"};
        if (lendRouter) {
            // The cloud's own virtual router was taken over as an internal VNF, at its guest NIC (not nic[0], the public one).
            InstanceRecord router;
            core->instances().get(core->nfvo().routerInstanceId(), &router);
            const QJsonObject vr = simState().value("router").toObject();
            QCOMPARE(router.vimInstanceId, vr.value("id").toString());
            QCOMPARE(vr.value("nic").toArray().first().toObject().value("traffictype").toString(), QString("Public"));
            QCOMPARE(router.mgmtAddress.section(':', 0, 0), vr.value("guestipaddress").toString());
            QCOMPARE(ip.value("virtualmachineid").toString(), last.vimInstanceId);   // static NAT to the last VNF
            QVERIFY(simState().value("portforwardingrules").toArray().isEmpty());
        } else {
            // Port forwarding on the chain's address to the first VNF, one rule per protocol, each with its firewall rule.
            QVERIFY(core->nfvo().routerInstanceId().isEmpty());
            QVERIFY(!ip.value("isstaticnat").toBool());
            const QJsonArray pf = simState().value("portforwardingrules").toArray();
            QStringList got;
            for (const auto &v : pf) {
                QCOMPARE(v.toObject().value("virtualmachineid").toString(), first.vimInstanceId);
                QCOMPARE(v.toObject().value("publicport").toString(), QString::number(ns.servicePort));
                got << v.toObject().value("protocol").toString();
            }
            got.sort();
            QCOMPARE(got, protocols);
            QCOMPARE(simState().value("firewallrules").toArray().size(), protocols.size());
            QTRY_VERIFY_WITH_TIMEOUT(simState().value("routerrulesapplied").toBool(), 5000);
        }
        // Real traffic through the router and the chain, only on the classifier's protocols.
        auto carries = [&](const QByteArray &what) {
            if (protocols.contains("tcp"))
                QCOMPARE(tcpExchange(ns.publicAddress, 9000, "tcp " + what), QByteArray("tcp " + what));
            if (protocols.contains("udp"))
                QCOMPARE(udpExchange(ns.publicAddress, 9000, "udp " + what), QByteArray("udp " + what));
            if (!protocols.contains("tcp"))
                QVERIFY(tcpExchange(ns.publicAddress, 9000, "not carried").isEmpty());
        };
        carries("through the cloud");
        if (QTest::currentTestFailed())
            return;
        // The chain's address reaches the service port only: never a VNF's management agent.
        QCOMPARE(httpCall("GET", QStringLiteral("http://%1:7780/status").arg(ns.publicAddress), {}, 1500).status, 0);
        if (lendRouter) {
            for (const auto &f : simState().value("firewallrules").toArray())
                QCOMPARE(f.toObject().value("startport").toInt(), ns.servicePort);
        }
        // The VNFs' agents refuse requests that are not signed with their own secret.
        QCOMPARE(httpCall("GET", QStringLiteral("http://%1/status").arg(first.mgmtAddress)).status, 401);
        QCOMPARE(signedCall("GET", QStringLiteral("http://%1/status").arg(first.mgmtAddress), last.platformSecret).status, 401);
        QVERIFY(signedCall("GET", QStringLiteral("http://%1/status").arg(first.mgmtAddress), first.platformSecret).ok);

        // Insert a forwarder at the head: the diversion follows (port forwarding: updatePortForwardingRule keeps the rules).
        const QStringList rulesBefore = ruleIds();
        PackageRecord fwd;
        core->packages().get(core->nsCatalog().resolvePackage(vnfd["Forwarder"]), &fwd);
        OperationRecord m = waitOp(*core, core->nfvo().insertVnf(nsId, 0, fwd.id));
        QVERIFY2(m.state == OpState::Completed, qPrintable(m.error + error));
        core->nsCatalog().instance(nsId, &ns);
        QCOMPARE(ns.vnfInstanceIds.size(), length + 1);
        if (!lendRouter) {
            InstanceRecord head;
            core->instances().get(ns.vnfInstanceIds.first(), &head);
            QCOMPARE(ruleIds(), rulesBefore);
            for (const auto &v : simState().value("portforwardingrules").toArray())
                QCOMPARE(v.toObject().value("virtualmachineid").toString(), head.vimInstanceId);
        }
        carries("after insert");
        m = waitOp(*core, core->nfvo().removeVnf(nsId, 0));
        QVERIFY2(m.state == OpState::Completed, qPrintable(m.error + error));
        carries("after remove");

        const OperationRecord t = waitOp(*core, core->nfvo().terminate(nsId));
        QVERIFY2(t.state == OpState::Completed, qPrintable(t.error));
        expectNothingLeft(user);
        QVERIFY(!simState().value("router").toObject().isEmpty());   // the VR itself stays: it belongs to the network
        QVERIFY(simState().value("routerrules").toArray().isEmpty());
    }

    // A User-role account cannot lend the router: the chain fails with a clear reason, leaving nothing.
    void userKeyCannotLendTheRouter()
    {
        auto core = openCore("sfc-user-router", true, ChainDiversion::LentRouter);
        QString error;
        QHash<QString, QString> vnfd;
        for (const char *name : {"echo", "forwarder", "router"}) {
            PackageRecord p;
            core->packages().get(must(core->packages().onboardFile(samplePackage(name))), &p);
            vnfd.insert(p.package.vnfd.productName, p.package.vnfd.descriptorId);
        }
        const QString nsd = must(core->nsCatalog().add(chainNsd(vnfd, 2, {})));
        const OperationRecord op = waitOp(*core, instantiateNs(core->nfvo(), nsd, "cs-denied"));
        QCOMPARE(op.state, OpState::Failed);
        QVERIFY2(op.error.contains("role User") && op.error.contains("port forwarding"), qPrintable(op.error));
        expectNothingLeft(true);
    }

    // What the simulator's router does is what CloudStack's does with these rules.
    void portForwardingRulesAsCloudStackChecksThem()
    {
        cs::Client c(endpoint());
        const QJsonObject zone = body(run(c, "listZones", {})).value("zone").toArray().first().toObject();
        const QJsonObject tmpl = body(run(c, "listTemplates", {{"templatefilter", "executable"}})).value("template").toArray().first().toObject();
        const QJsonObject off = body(run(c, "listServiceOfferings", {})).value("serviceoffering").toArray().first().toObject();
        cs::Reply vm = run(c, "deployVirtualMachine", {{"zoneid", zone.value("id").toString()}, {"templateid", tmpl.value("id").toString()},
                                                        {"serviceofferingid", off.value("id").toString()}, {"name", "pf-target"},
                                                        {"userdata", QString::fromLatin1(QByteArray("VINES_LEAF_SECRET=" + LeafProcess::secret()).toBase64())}}, true);
        QVERIFY2(vm.ok(), qPrintable(vm.errorMessage()));
        const QJsonObject v = body(vm).value("virtualmachine").toObject();
        const QString vmId = v.value("id").toString();
        const QString ipId = body(run(c, "associateIpAddress", {{"networkid", "n"}}, true)).value("ipaddress").toObject().value("id").toString();
        // A Leaf platform with an echo NF on the VM, so traffic can be checked.
        const QString guest = v.value("nic").toArray().first().toObject().value("ipaddress").toString();
        QCOMPARE(httpCall("POST", QStringLiteral("http://%1:7780/nf/start").arg(guest)).status, 401);   // the agent takes signed requests only
        QVERIFY(signedCall("POST", QStringLiteral("http://%1:7780/nf").arg(guest), LeafProcess::secret(),
                           {{"name", "echo"}, {"type", "echo"}, {"config", QJsonObject{{"listen_port", 7000}}}}).ok);
        QVERIFY(signedCall("POST", QStringLiteral("http://%1:7780/nf/start").arg(guest), LeafProcess::secret()).ok);
        // Unequal ranges, a second rule over the same ports: refused as CloudStack refuses them.
        cs::Reply r = run(c, "createPortForwardingRule", {{"ipaddressid", ipId}, {"protocol", "tcp"}, {"publicport", "80"}, {"publicendport", "81"},
                                                           {"privateport", "80"}, {"privateendport", "80"}, {"virtualmachineid", vmId}}, true);
        QVERIFY2(!r.ok() && code(r) == 431 && r.errorMessage().contains("equal sizes"), qPrintable(r.errorMessage()));
        r = run(c, "createPortForwardingRule", {{"ipaddressid", ipId}, {"protocol", "tcp"}, {"publicport", "8080"}, {"privateport", "7000"},
                                                {"virtualmachineid", vmId}}, true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const QString ruleId = body(r).value("portforwardingrule").toObject().value("id").toString();
        QCOMPARE(simState().value("firewallrules").toArray().size(), 1);   // openfirewall defaults to true
        const QString address = body(r).value("portforwardingrule").toObject().value("ipaddress").toString();
        QCOMPARE(tcpExchange(address, 8080, "forwarded"), QByteArray("forwarded"));
        r = run(c, "createPortForwardingRule", {{"ipaddressid", ipId}, {"protocol", "tcp"}, {"publicport", "8080"}, {"privateport", "7001"},
                                                {"virtualmachineid", vmId}}, true);
        QVERIFY2(!r.ok() && code(r) == 537, qPrintable(r.errorMessage()));
        // Static NAT and port forwarding exclude each other on one address.
        r = run(c, "enableStaticNat", {{"ipaddressid", ipId}, {"virtualmachineid", vmId}});
        QVERIFY2(!r.ok() && code(r) == 537 && r.errorMessage().contains("PortForwarding rules"), qPrintable(r.errorMessage()));
        // Without openfirewall the router lets nothing in.
        r = run(c, "createPortForwardingRule", {{"ipaddressid", ipId}, {"protocol", "tcp"}, {"publicport", "8081"}, {"privateport", "7000"},
                                                {"virtualmachineid", vmId}, {"openfirewall", "false"}}, true);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(tcpExchange(address, 8081, "blocked").isEmpty());
        // Deleting the rule takes its firewall rule along and the router stops forwarding.
        QVERIFY(run(c, "deletePortForwardingRule", {{"id", ruleId}}, true).ok());
        QCOMPARE(simState().value("firewallrules").toArray().size(), 0);
        QVERIFY(tcpExchange(address, 8080, "gone").isEmpty());
        // keyword and name filters match parts of names, as CloudStack's LIKE does.
        QCOMPARE(body(run(c, "listVirtualMachines", {{"name", "pf-tar"}})).value("count").toInt(), 1);
        QCOMPARE(body(run(c, "listVirtualMachines", {{"keyword", "TARGET"}})).value("count").toInt(), 1);
        QVERIFY(body(run(c, "listVirtualMachines", {{"keyword", "nothing-like-it"}})).isEmpty());
        QCOMPARE(body(run(c, "listServiceOfferings", {{"keyword", "sma"}})).value("count").toInt(), 1);
        QVERIFY(run(c, "disassociateIpAddress", {{"id", ipId}}, true).ok());
        QVERIFY(run(c, "destroyVirtualMachine", {{"id", vmId}, {"expunge", "true"}}, true).ok());
        QVERIFY(simState().value("portforwardingrules").toArray().isEmpty());
    }

    void reconcilesLeakedVmsAfterACrash()
    {
        // A VM tagged by a console that crashed before recording it.
        cs::Client c(endpoint());
        cs::Reply zones = run(c, "listZones", {});
        cs::Reply tmpl = run(c, "listTemplates", {{"templatefilter", "executable"}});
        cs::Reply offs = run(c, "listServiceOfferings", {});
        cs::Reply vm = run(c, "deployVirtualMachine", {{"zoneid", body(zones).value("zone").toArray().first().toObject().value("id").toString()},
                                                        {"templateid", body(tmpl).value("template").toArray().first().toObject().value("id").toString()},
                                                        {"serviceofferingid", body(offs).value("serviceoffering").toArray().first().toObject().value("id").toString()},
                                                        {"name", "orphan"}}, true);
        QVERIFY2(vm.ok(), qPrintable(vm.errorMessage()));
        const QString vmId = body(vm).value("virtualmachine").toObject().value("id").toString();
        QVERIFY(run(c, "createTags", {{"resourceids", vmId}, {"resourcetype", "UserVm"}, {"tags[0].key", "vines.managed"}, {"tags[0].value", "true"},
                                      {"tags[1].key", "vines.instance"}, {"tags[1].value", "never-recorded"}}, true).ok());
        // And another console's VM, which must be left alone.
        cs::Reply other = run(c, "deployVirtualMachine", {{"zoneid", body(zones).value("zone").toArray().first().toObject().value("id").toString()},
                                                           {"templateid", body(tmpl).value("template").toArray().first().toObject().value("id").toString()},
                                                           {"serviceofferingid", body(offs).value("serviceoffering").toArray().first().toObject().value("id").toString()},
                                                           {"name", "someone-elses"}}, true);
        const QString otherId = body(other).value("virtualmachine").toObject().value("id").toString();
        QVERIFY(run(c, "createTags", {{"resourceids", otherId}, {"resourcetype", "UserVm"}, {"tags[0].key", "vines.instance"}, {"tags[0].value", "x"},
                                      {"tags[1].key", "vines.console"}, {"tags[1].value", "another-console"}}, true).ok());
        // Public addresses: one leaked by us (tagged, held by nothing), one of another console.
        cs::Reply ip1 = run(c, "associateIpAddress", {{"networkid", "n"}}, true);
        QVERIFY(run(c, "createTags", {{"resourceids", body(ip1).value("ipaddress").toObject().value("id").toString()}, {"resourcetype", "PublicIpAddress"},
                                      {"tags[0].key", "vines.managed"}, {"tags[0].value", "true"}}, true).ok());
        cs::Reply ip2 = run(c, "associateIpAddress", {{"networkid", "n"}}, true);
        QVERIFY(run(c, "createTags", {{"resourceids", body(ip2).value("ipaddress").toObject().value("id").toString()}, {"resourcetype", "PublicIpAddress"},
                                      {"tags[0].key", "vines.managed"}, {"tags[0].value", "true"},
                                      {"tags[1].key", "vines.console"}, {"tags[1].value", "another-console"}}, true).ok());
        QCOMPARE(simState().value("virtualmachines").toArray().size(), 2);
        QCOMPARE(simState().value("publicipaddresses").toArray().size(), 2);
        auto core = openCore("reconcile");   // recovery on open finds our leaks and removes them
        QTRY_COMPARE_WITH_TIMEOUT(simState().value("virtualmachines").toArray().size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(simState().value("publicipaddresses").toArray().size(), 1, 10000);
        QCOMPARE(simState().value("virtualmachines").toArray().first().toObject().value("id").toString(), otherId);
        QCOMPARE(simState().value("publicipaddresses").toArray().first().toObject().value("id").toString(),
                 body(ip2).value("ipaddress").toObject().value("id").toString());
        // The VNFs and addresses this console creates carry its id.
        QString error;
        const QString pkg = must(core->packages().onboardFile(samplePackage("echo")));
        QString id;
        QCOMPARE(waitOp(*core, instantiateVnf(core->vnfm(), pkg, "tagged", {}, {}, &id)).state, OpState::Completed);
        bool tagged = false;
        for (const auto &v : simState().value("virtualmachines").toArray())
            for (const auto &t : v.toObject().value("tags").toArray())
                tagged |= t.toObject().value("key").toString() == "vines.console" && t.toObject().value("value").toString() == core->consoleId();
        QVERIFY(tagged);
        QCOMPARE(waitOp(*core, core->vnfm().terminate(id)).state, OpState::Completed);
    }
};

QTEST_GUILESS_MAIN(TstCloudStack)
#include "tst_cloudstack.moc"
