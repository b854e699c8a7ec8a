#include "SimCloud.h"
#include "util/PrivateFile.h"
#include <QFile>
#include "cloudstack/CloudStackNames.h"
#include <QDateTime>
#include <QDir>
#include <QPointer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QUuid>
#include <csignal>
#include <sys/prctl.h>

namespace vines::sim {

namespace {
QString uuid() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
QString now() { return QDateTime::currentDateTimeUtc().toString("yyyy-MM-ddTHH:mm:ss") + "+0000"; }
struct OfferingDef { const char *id; const char *name; int cpus; int memory; };
const OfferingDef kOfferings[] = {{"9c9d5e1c-0001-4000-8000-000000000001", "tiny", 1, 128}, {"9c9d5e1c-0002-4000-8000-000000000002", "small", 1, 256},
                                  {"9c9d5e1c-0003-4000-8000-000000000003", "medium", 2, 512}, {"9c9d5e1c-0004-4000-8000-000000000004", "large", 4, 1024}};
const QHash<QString, QString> kJobCmd{{"deployVirtualMachine", "org.apache.cloudstack.api.command.user.vm.DeployVMCmd"},
                                      {"startVirtualMachine", "org.apache.cloudstack.api.command.user.vm.StartVMCmd"},
                                      {"stopVirtualMachine", "org.apache.cloudstack.api.command.user.vm.StopVMCmd"},
                                      {"rebootVirtualMachine", "org.apache.cloudstack.api.command.user.vm.RebootVMCmd"},
                                      {"destroyVirtualMachine", "org.apache.cloudstack.api.command.user.vm.DestroyVMCmd"},
                                      {"scaleVirtualMachine", "org.apache.cloudstack.api.command.user.vm.ScaleVMCmd"},
                                      {"associateIpAddress", "org.apache.cloudstack.api.command.user.address.AssociateIPAddrCmd"},
                                      {"disassociateIpAddress", "org.apache.cloudstack.api.command.user.address.DisassociateIPAddrCmd"},
                                      {"disableStaticNat", "org.apache.cloudstack.api.command.user.nat.DisableStaticNatCmd"},
                                      {"createPortForwardingRule", "org.apache.cloudstack.api.command.user.firewall.CreatePortForwardingRuleCmd"},
                                      {"deletePortForwardingRule", "org.apache.cloudstack.api.command.user.firewall.DeletePortForwardingRuleCmd"},
                                      {"createFirewallRule", "org.apache.cloudstack.api.command.user.firewall.CreateFirewallRuleCmd"},
                                      {"deleteFirewallRule", "org.apache.cloudstack.api.command.user.firewall.DeleteFirewallRuleCmd"},
                                      {"createIpForwardingRule", "org.apache.cloudstack.api.command.user.nat.CreateIpForwardingRuleCmd"},
                                      {"deleteIpForwardingRule", "org.apache.cloudstack.api.command.user.nat.DeleteIpForwardingRuleCmd"},
                                      {"updatePortForwardingRule", "org.apache.cloudstack.api.command.user.firewall.UpdatePortForwardingRuleCmd"},
                                      {"createTags", "org.apache.cloudstack.api.command.user.tag.CreateTagsCmd"},
                                      {"deleteTags", "org.apache.cloudstack.api.command.user.tag.DeleteTagsCmd"}};
} // namespace

SimCloud::SimCloud(Options o, QObject *parent) : QObject(parent), m_opt(std::move(o))
{
    m_zone = "1f0c5e4e-0000-4000-8000-00000000000a";
    m_network = "2a1b3c4d-0000-4000-8000-00000000000b";
    m_template = "3b2c1d0e-0000-4000-8000-00000000000c";
    m_router.id = "4c3d2e1f-0000-4000-8000-00000000000d";
    m_router.name = "r-4-VM";
    m_router.ip = m_opt.guestPrefix + ".1";
    m_router.state = "Starting";
    m_router.created = now();
    writeUserData(m_router.id, "VINES_LEAF_SECRET=" + (m_opt.routerSecret.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::Id128) : m_opt.routerSecret) + "\n");
    bootLeaf(m_router, m_router.ip, [this](bool ok, const QString &) { m_router.state = ok ? "Running" : "Error"; });
    bootNat();
}

SimCloud::~SimCloud()
{
    for (Vm &vm : m_vms)
        stopLeaf(vm);
    stopLeaf(m_router);
    stopLeaf(m_nat);
}

bool SimCloud::isAsync(const QString &command) const { return kJobCmd.contains(command); }

QJsonObject SimCloud::offering(const QString &id) const
{
    for (const auto &o : kOfferings)
        if (id == QLatin1String(o.id))
            return {{"id", o.id}, {"name", o.name}, {"displaytext", QStringLiteral("%1 vCPU, %2 MB").arg(o.cpus).arg(o.memory)},
                    {"cpunumber", o.cpus}, {"cpuspeed", 1000}, {"memory", o.memory}, {"iscustomized", false}};
    return {};
}

QJsonObject SimCloud::vmJson(const Vm &vm) const
{
    const QJsonObject off = offering(vm.offering);
    return {{"id", vm.id}, {"name", vm.name}, {"displayname", vm.displayName}, {"account", vm.account}, {"domain", "ROOT"},
            {"created", vm.created}, {"state", vm.state}, {"zoneid", m_zone}, {"zonename", "Sim-Zone-1"}, {"templateid", vm.templateId},
            {"templatename", "Leaf platform"}, {"serviceofferingid", vm.offering}, {"serviceofferingname", off.value("name")},
            {"cpunumber", off.value("cpunumber")}, {"memory", off.value("memory")}, {"hypervisor", "KVM"},
            {"nic", QJsonArray{QJsonObject{{"id", vm.id.left(8) + "-nic"}, {"networkid", m_network}, {"networkname", "vines-guest"},
                                           {"ipaddress", vm.ip}, {"gateway", m_opt.guestPrefix + ".1"}, {"netmask", "255.255.255.0"},
                                           {"isdefault", true}, {"traffictype", "Guest"}, {"type", "Isolated"}}}},
            {"tags", vm.tags}};
}

QJsonObject SimCloud::ipJson(const PublicIp &ip) const
{
    QJsonObject o{{"id", ip.id}, {"ipaddress", ip.address}, {"state", "Allocated"}, {"account", ip.account}, {"domain", "ROOT"}, {"zoneid", m_zone}, {"associatednetworkid", m_network},
                  {"issourcenat", false}, {"isstaticnat", !ip.staticNatVm.isEmpty()}, {"allocated", now()}, {"tags", ip.tags}};
    if (!ip.staticNatVm.isEmpty()) {
        o.insert("virtualmachineid", ip.staticNatVm);
        o.insert("virtualmachinename", m_vms.value(ip.staticNatVm).name);
    }
    return o;
}

QJsonObject SimCloud::routerJson() const
{
    // DomainRouterResponse: the public NIC comes first, then the guest NIC, then the control (link-local) NIC.
    const QJsonArray nics{
        QJsonObject{{"id", m_router.id.left(8) + "-pub"}, {"networkid", "6e5d4c3b-0000-4000-8000-0000000000cc"}, {"networkname", "Public"},
                    {"ipaddress", m_opt.publicPrefix + ".1"}, {"netmask", "255.255.255.0"}, {"gateway", m_opt.publicPrefix + ".254"},
                    {"traffictype", "Public"}, {"isdefault", true}, {"broadcasturi", "vlan://untagged"}},
        QJsonObject{{"id", m_router.id.left(8) + "-gst"}, {"networkid", m_network}, {"networkname", "vines-guest"}, {"ipaddress", m_router.ip},
                    {"netmask", "255.255.255.0"}, {"gateway", m_opt.guestPrefix + ".1"}, {"traffictype", "Guest"}, {"isdefault", false}},
        QJsonObject{{"id", m_router.id.left(8) + "-ctl"}, {"networkid", "7f6e5d4c-0000-4000-8000-0000000000dd"}, {"ipaddress", "169.254.0.10"},
                    {"netmask", "255.255.0.0"}, {"traffictype", "Control"}, {"isdefault", false}}};
    return {{"id", m_router.id}, {"name", m_router.name}, {"state", m_router.state}, {"role", "VIRTUAL_ROUTER"}, {"zoneid", m_zone},
            {"zonename", "Sim-Zone-1"}, {"dns1", "8.8.8.8"}, {"networkdomain", "cs1cloud.internal"}, {"templateversion", "4.19.0"},
            {"version", "4.19.0"}, {"requiresupgrade", false}, {"isredundantrouter", false}, {"healthchecksfailed", false},
            {"guestnetworkid", m_network}, {"guestnetworkname", "vines-guest"}, {"guestipaddress", m_router.ip},
            {"publicip", m_opt.publicPrefix + ".1"}, {"publicnetworkid", "6e5d4c3b-0000-4000-8000-0000000000cc"},
            {"linklocalip", "169.254.0.10"}, {"redundantstate", "UNKNOWN"}, {"created", m_router.created}, {"nic", nics},
            {"account", "system"}, {"domain", "ROOT"}, {"serviceofferingname", "System Offering For Software Router"}};
}

QJsonObject SimCloud::state() const
{
    QJsonArray vms, ips, pf, fw;
    for (const Vm &v : m_vms) vms.append(vmJson(v));
    for (const PublicIp &i : m_ips) ips.append(ipJson(i));
    for (const auto &r : m_pfRules) pf.append(r);
    for (const auto &r : m_fwRules) fw.append(r);
    return {{"virtualmachines", vms}, {"publicipaddresses", ips}, {"portforwardingrules", pf}, {"firewallrules", fw}, {"router", routerJson()},
            {"routerrules", natRoutes()}, {"routerrulesapplied", m_natReady && !m_natBusy && !m_natDirty && m_natError.isEmpty()},
            {"pendingjobs", int(std::count_if(m_jobs.begin(), m_jobs.end(), [](const QJsonObject &j) { return j.value("jobstatus").toInt() == 0; }))}};
}

ApiError SimCloud::require(const QHash<QString, QString> &p, const QStringList &names, const QString &command) const
{
    for (const QString &n : names)
        if (p.value(n).isEmpty())
            return {431, QStringLiteral("Unable to execute API command %1 due to missing parameter %2").arg(command.toLower(), n)};
    return {};
}

bool SimCloud::takeFailure(const QString &command, ApiError *e)
{
    for (int i = 0; i < m_failures.size(); ++i)
        if (m_failures[i].command == command) {
            *e = {m_failures[i].errorCode, m_failures[i].errorText};
            if (--m_failures[i].remaining <= 0)
                m_failures.removeAt(i);
            return true;
        }
    return false;
}

QString SimCloud::freeGuestIp() const
{
    for (int i = 10; i < 250; ++i) {
        const QString ip = QStringLiteral("%1.%2").arg(m_opt.guestPrefix).arg(i);
        if (std::none_of(m_vms.begin(), m_vms.end(), [&](const Vm &v) { return v.ip == ip; }))
            return ip;
    }
    return {};
}

void SimCloud::bootLeaf(Vm &vm, const QString &address, std::function<void(bool, QString)> done)
{
    stopLeaf(vm);
    vm.leaf = new QProcess(this);
    vm.leaf->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    vm.leaf->setStandardOutputFile(QProcess::nullDevice());
    vm.leaf->setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });   // the cloud's guests go with it
    const QJsonObject off = offering(vm.offering);
    QStringList args{"--address", address, "--port", "7780", "--instance-id", vm.id, "--name", vm.name.isEmpty() ? vm.id : vm.name,
                                      "--flavour", off.value("name").toString("small"), "--cpus", QString::number(off.value("cpunumber").toInt(1)),
                                      "--memory-mb", QString::number(off.value("memory").toInt(256)),
                                      "--data-dir", QDir(m_opt.workDir).filePath(vm.id)};
    if (const QString userData = QDir(m_opt.workDir).filePath(vm.id + "/user-data"); QFile::exists(userData))
        args << "--user-data" << userData;   // the guest's user data, as its metadata service would give it
    vm.leaf->start(m_opt.leafBinary, args);
    // Wait until the platform answers on its management port, like a guest finishing boot.
    auto tries = std::make_shared<int>(0);
    auto poll = std::make_shared<std::function<void()>>();
    QPointer<QProcess> proc(vm.leaf);
    *poll = [this, address, tries, poll, proc, done]() {
        if (!proc || proc->state() == QProcess::NotRunning) {
            *poll = nullptr;
            return done(false, QStringLiteral("the guest's platform exited during boot"));
        }
        auto *s = new QTcpSocket(this);
        connect(s, &QTcpSocket::connected, this, [s, poll, done]() { s->deleteLater(); *poll = nullptr; done(true, {}); });
        connect(s, &QTcpSocket::errorOccurred, this, [this, s, tries, poll, done]() {
            s->deleteLater();
            if (++*tries > 300) { *poll = nullptr; return done(false, QStringLiteral("the guest did not boot within 15 s")); }
            QTimer::singleShot(50, this, [poll]() { if (*poll) (*poll)(); });
        });
        s->connectToHost(address, 7780);
    };
    QTimer::singleShot(20, this, [poll]() { if (*poll) (*poll)(); });
}

QString SimCloud::writeUserData(const QString &vmId, const QByteArray &data) const
{
    const QString file = QDir(QDir(m_opt.workDir).filePath(vmId)).filePath("user-data");
    return writePrivateFile(file, data) ? file : QString();
}

void SimCloud::stopLeaf(Vm &vm)
{
    if (!vm.leaf)
        return;
    vm.leaf->terminate();
    if (!vm.leaf->waitForFinished(3000)) {
        vm.leaf->kill();
        vm.leaf->waitForFinished(1000);
    }
    vm.leaf->deleteLater();
    vm.leaf = nullptr;
}

void SimCloud::job(const QString &command, const QString &resourceId, std::function<void(Done)> work, Done reply,
                   std::function<void()> onInjectedFailure)
{
    const QString id = uuid();
    m_jobs.insert(id, {{"jobid", id}, {"cmd", kJobCmd.value(command)}, {"jobstatus", 0}, {"jobprocstatus", 0}, {"jobresultcode", 0},
                       {"created", now()}, {"jobinstanceid", resourceId}});
    QJsonObject answer{{"jobid", id}};
    if (!resourceId.isEmpty())
        answer.insert("id", resourceId);
    reply(answer, {});
    ApiError injected;
    const bool fail = takeFailure(command, &injected);
    QTimer::singleShot(m_opt.jobDelayMs, this, [this, id, work, fail, injected, onInjectedFailure]() {
        auto finish = [this, id](const QJsonObject &result, const ApiError &e) {
            QJsonObject &j = m_jobs[id];
            if (e.code) {
                j.insert("jobstatus", 2);
                j.insert("jobresultcode", e.code);   // AsyncJobManagerImpl: the job's result code is the error code
                j.insert("jobresulttype", "object");
                j.insert("jobresult", QJsonObject{{"errorcode", e.code}, {"errortext", e.text}});
            } else {
                j.insert("jobstatus", 1);
                j.insert("jobresulttype", "object");
                j.insert("jobresult", result);
            }
        };
        if (fail) {
            if (onInjectedFailure)
                onInjectedFailure();   // what CloudStack leaves behind when the job fails
            return finish({}, injected);
        }
        work(finish);
    });
}

bool SimCloud::visible(const QString &owner, const QHash<QString, QString> &p) const
{
    return owner == m_caller.account || (m_caller.admin && p.value("listall") == QLatin1String("true"));
}

bool SimCloud::adminOnly(const QString &command)
{
    // listRouters: ListRoutersCmd is authorized for Admin, ResourceAdmin and DomainAdmin only.
    return command == QLatin1String("listRouters");
}

QJsonArray SimCloud::filtered(const QString &type, const QHash<QString, QString> &p) const
{
    QJsonArray out;
    if (type == QLatin1String("UserVm")) {
        for (const Vm &v : m_vms) {
            if (!p.value("id").isEmpty() && p.value("id") != v.id) continue;
            // QueryManagerImpl.searchForUserVMsInternal: name LIKE %name%; keyword LIKE on display name, host name, state.
            if (!p.value("name").isEmpty() && !v.name.contains(p.value("name"), Qt::CaseInsensitive)) continue;
            if (const QString k = p.value("keyword"); !k.isEmpty() && !v.name.contains(k, Qt::CaseInsensitive)
                && !v.displayName.contains(k, Qt::CaseInsensitive) && !v.state.contains(k, Qt::CaseInsensitive)) continue;
            if (v.state == QLatin1String("Destroyed") && !m_caller.admin) continue;   // allow.user.view.destroyed.vm is false
            if (!visible(v.account, p)) continue;
            const QString tk = p.value("tags[0].key"), tv = p.value("tags[0].value");
            if (!tk.isEmpty()) {
                bool match = false;
                for (const auto &t : v.tags)
                    match |= t.toObject().value("key").toString() == tk && (tv.isEmpty() || t.toObject().value("value").toString() == tv);
                if (!match) continue;
            }
            out.append(vmJson(v));
        }
    }
    return out;
}

void SimCloud::execute(const QString &c, const QHash<QString, QString> &p, Done done)
{
    auto fail = [&](int code, const QString &text) { done({}, ApiError{code, text}); };
    auto list = [&](const char *key, const QJsonArray &found) {
        // keyword: a LIKE %keyword% on the name (and display text) of what is listed (QueryManagerImpl);
        // VMs are filtered on their own fields in filtered().
        QJsonArray items;
        const QString k = p.value("keyword");
        for (const auto &v : found)
            if (k.isEmpty() || QLatin1String(key) == QLatin1String("virtualmachine") || v.toObject().value("name").toString().contains(k, Qt::CaseInsensitive)
                || v.toObject().value("displaytext").toString().contains(k, Qt::CaseInsensitive))
                items.append(v);
        // Pagination as CloudStack does it (BaseListCmd): pagesize at most default.page.size, which
        // is also what a call without pagesize gets; -1 = unlimited, without page; count = total.
        int size = p.value("pagesize").toInt();
        const int page = qMax(1, p.value("page").toInt());
        if (size > m_opt.defaultPageSize)
            return fail(431, QStringLiteral("Page size can't exceed max allowed page size value: %1").arg(m_opt.defaultPageSize));
        if (size == -1 && p.contains("page"))
            return fail(431, "Can't specify page parameter when pagesize is -1 (Unlimited)");
        if (size == 0)
            size = m_opt.defaultPageSize;
        QJsonArray pageItems = items;
        if (size > 0) {
            pageItems = {};
            for (int i = (page - 1) * size; i < qMin(int(items.size()), page * size); ++i)
                pageItems.append(items[i]);
        }
        done(items.isEmpty() ? QJsonObject{} : QJsonObject{{"count", int(items.size())}, {QLatin1String(key), pageItems}}, {});
    };
    // AccountManagerImpl.checkAccess: an account may operate only on its own resources (admins on all).
    auto denied = [&](const QString &owner) {
        if (mayOperate(owner))
            return false;
        fail(531, QStringLiteral("Account Acct[%1] does not have permission to operate with resource Acct[%2]").arg(m_caller.account, owner));
        return true;
    };
    ApiError e;
    if (!isAsync(c) && takeFailure(c, &e))
        return done({}, e);

    if (c == "listCapabilities")
        return done({{"capability", QJsonObject{{"cloudstackversion", "4.19.0.0-vines-sim"}, {"securitygroupsenabled", false},
                                                 {"dynamicrolesenabled", true}, {"userpublictemplateenabled", true},
                                                 {"allowuserviewdestroyedvm", false},
                                                 {"allowuserexpungerecovervm", m_opt.allowUserExpunge},
                                                 {"allowuserexpungerecovervolume", m_opt.allowUserExpunge},
                                                 {"apilimitinterval", 1}, {"apilimitmax", 25}, {"defaultuipagesize", 20}}}}, {});
    if (c == "listAccounts")
        return list("account", {QJsonObject{{"id", QStringLiteral("acc-%1").arg(m_caller.account)}, {"name", m_caller.account},
                                            {"accounttype", m_caller.admin ? 1 : 0}, {"roletype", m_caller.admin ? "Admin" : "User"},
                                            {"rolename", m_caller.admin ? "Root Admin" : "User"}, {"domain", "ROOT"}, {"state", "enabled"}}});
    if (c == "listZones")
        return list("zone", {QJsonObject{{"id", m_zone}, {"name", "Sim-Zone-1"}, {"networktype", "Advanced"}, {"allocationstate", "Enabled"}}});
    if (c == "listTemplates") {
        if ((e = require(p, {"templatefilter"}, c)).code) return done({}, e);
        // TemplateResponse fields of CloudStack 4.18/4.19.
        return list("template", {QJsonObject{{"id", m_template}, {"name", "Leaf platform"}, {"displaytext", "Vines Leaf VNF execution platform"},
                                             {"isready", true}, {"ispublic", true}, {"isfeatured", true}, {"isextractable", false},
                                             {"passwordenabled", false}, {"sshkeyenabled", false}, {"crossZones", false},
                                             {"ostypeid", "4a1b2c3d-0000-4000-8000-0000000000aa"}, {"ostypename", "Debian GNU/Linux 12 (64-bit)"},
                                             {"zoneid", m_zone}, {"zonename", "Sim-Zone-1"}, {"format", "QCOW2"}, {"hypervisor", "KVM"},
                                             {"templatetype", "USER"}, {"status", "Download Complete"}, {"size", 2147483648LL},
                                             {"account", "admin"}, {"domain", "ROOT"}, {"created", "2026-01-01T00:00:00+0000"},
                                             {"bootable", true}, {"requireshvm", true}, {"isdynamicallyscalable", false},
                                             {"deployasis", false}, {"tags", QJsonArray{}}}});
    }
    if (c == "listServiceOfferings") {
        QJsonArray a;
        for (const auto &o : kOfferings) a.append(offering(QLatin1String(o.id)));
        return list("serviceoffering", a);
    }
    if (c == "listNetworks")
        // NetworkResponse fields of CloudStack 4.18/4.19.
        return list("network", {QJsonObject{{"id", m_network}, {"name", "vines-guest"}, {"displaytext", "Vines guest network"},
                                            {"zoneid", m_zone}, {"zonename", "Sim-Zone-1"}, {"cidr", m_opt.guestPrefix + ".0/24"},
                                            {"netmask", "255.255.255.0"}, {"gateway", m_opt.guestPrefix + ".1"}, {"state", "Implemented"},
                                            {"type", "Isolated"}, {"traffictype", "Guest"}, {"broadcastdomaintype", "Vlan"},
                                            {"networkofferingid", "5d4c3b2a-0000-4000-8000-0000000000bb"},
                                            {"networkofferingname", "DefaultIsolatedNetworkOfferingWithSourceNatService"},
                                            {"networkofferingdisplaytext", "Offering for Isolated networks with Source Nat service enabled"},
                                            {"networkofferingavailability", "Required"}, {"issystem", false}, {"isdefault", true},
                                            {"networkdomain", "cs1cloud.internal"}, {"acltype", "Account"}, {"account", "admin"},
                                            {"domain", "ROOT"}, {"restartrequired", false}, {"specifyipranges", false},
                                            {"canusefordeploy", true}, {"ispersistent", false}, {"displaynetwork", true},
                                            {"service", QJsonArray{QJsonObject{{"name", "StaticNat"}}, QJsonObject{{"name", "PortForwarding"}},
                                                                   QJsonObject{{"name", "Firewall"}}, QJsonObject{{"name", "SourceNat"}},
                                                                   QJsonObject{{"name", "Dhcp"}}, QJsonObject{{"name", "Dns"}}}},
                                            {"tags", QJsonArray{}}}});
    if (c == "listVirtualMachines")
        return list("virtualmachine", filtered("UserVm", p));
    if (c == "listRouters")
        return list("router", {routerJson()});
    if (c == "listPublicIpAddresses") {
        QJsonArray a;
        for (const PublicIp &i : m_ips)
            if ((p.value("id").isEmpty() || p.value("id") == i.id) && visible(i.account, p))
                if (p.value("ipaddress").isEmpty() || p.value("ipaddress") == i.address)
                    a.append(ipJson(i));
        return list("publicipaddress", a);
    }
    auto rulesOf = [&](const QHash<QString, QJsonObject> &rules) {
        QJsonArray a;
        for (const auto &r : rules)
            if (visible(m_ips.value(r.value("ipaddressid").toString()).account, p)
                && (p.value("id").isEmpty() || r.value("id").toString() == p.value("id"))
                && (p.value("ipaddressid").isEmpty() || r.value("ipaddressid").toString() == p.value("ipaddressid")))
                a.append(r);
        return a;
    };
    if (c == "listPortForwardingRules") return list("portforwardingrule", rulesOf(m_pfRules));
    if (c == "listIpForwardingRules") return list("ipforwardingrule", rulesOf(m_ipfRules));
    if (c == "listSSHKeyPairs")
        return list("sshkeypair", {});
    if (c == "listSecurityGroups")      // an advanced zone without security groups has none
        return list("securitygroup", {});
    if (c == "listFirewallRules") return list("firewallrule", rulesOf(m_fwRules));
    if (c == "listTags") {
        QJsonArray a;
        for (const Vm &v : m_vms) for (const auto &t : v.tags) a.append(t);
        return list("tag", a);
    }
    if (c == "queryAsyncJobResult") {
        if ((e = require(p, {"jobid"}, c)).code) return done({}, e);
        if (!m_jobs.contains(p.value("jobid"))) return fail(431, QStringLiteral("Unable to execute API command queryasyncjobresult due to invalid value. Invalid parameter jobid value=%1 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.").arg(p.value("jobid")));
        return done(m_jobs.value(p.value("jobid")), {});
    }
    if (c == "enableStaticNat") {
        if ((e = require(p, {"ipaddressid", "virtualmachineid"}, c)).code) return done({}, e);
        if (!m_ips.contains(p.value("ipaddressid"))) return fail(431, "Unable to find ip address by id " + p.value("ipaddressid"));
        if (!m_vms.contains(p.value("virtualmachineid"))) return fail(431, "Unable to find virtual machine by id " + p.value("virtualmachineid"));
        // RulesManagerImpl.isIpReadyForStaticNat: not with port forwarding rules on the address, not a second address for the VM.
        const PublicIp &ip = m_ips[p.value("ipaddressid")];
        if (denied(ip.account) || denied(m_vms.value(p.value("virtualmachineid")).account)) return;
        for (const auto &r : m_pfRules)
            if (r.value("ipaddressid").toString() == ip.id)
                return fail(537, QStringLiteral("Failed to enable static nat for the ip address %1 as it already has PortForwarding rules assigned").arg(ip.address));
        if (!ip.staticNatVm.isEmpty() && ip.staticNatVm != p.value("virtualmachineid"))
            return fail(537, QStringLiteral("Failed to enable static for the ip address %1 and vm id=%2 as it's already assigned to antoher vm").arg(ip.address, p.value("virtualmachineid")));
        for (const PublicIp &other : m_ips)
            if (other.id != ip.id && other.staticNatVm == p.value("virtualmachineid"))
                return fail(431, QStringLiteral("Failed to enable static nat on the  ip %1 with Id %2 as the vm %3 with Id %4 is already associated with another public ip %5 with id %6")
                                     .arg(ip.address, ip.id, m_vms.value(other.staticNatVm).name, other.staticNatVm, other.address, other.id));
        m_ips[p.value("ipaddressid")].staticNatVm = p.value("virtualmachineid");
        return applyNat([done]() { done({{"success", true}}, {}); });
    }
    if (c == "changeServiceForVirtualMachine") {
        if ((e = require(p, {"id", "serviceofferingid"}, c)).code) return done({}, e);
        if (!m_vms.contains(p.value("id"))) return fail(431, "Unable to find virtual machine by id " + p.value("id"));
        if (offering(p.value("serviceofferingid")).isEmpty()) return fail(431, "Unable to find service offering by id " + p.value("serviceofferingid"));
        if (m_vms[p.value("id")].state != "Stopped") return fail(431, "Unable to upgrade virtual machine " + p.value("id") + ", the VM must be in Stopped state");
        m_vms[p.value("id")].offering = p.value("serviceofferingid");
        return done({{"virtualmachine", vmJson(m_vms[p.value("id")])}}, {});
    }

    // ---- asynchronous commands
    if (c == "deployVirtualMachine") {
        if ((e = require(p, {"serviceofferingid", "templateid", "zoneid"}, c)).code) return done({}, e);
        if (offering(p.value("serviceofferingid")).isEmpty()) return fail(431, "Unable to find service offering by id " + p.value("serviceofferingid"));
        if (p.value("templateid") != m_template) return fail(431, "Unable to use template " + p.value("templateid"));
        const QString ip = freeGuestIp();
        if (ip.isEmpty()) return fail(533, "Insufficient address capacity in network vines-guest");
        Vm vm;
        vm.id = uuid();
        vm.name = p.value("name", "VM-" + vm.id.left(8));
        if (!cloudstack::isValidHostName(vm.name))   // NetUtils.verifyDomainNameLabel, as UserVmManagerImpl checks it
            return fail(431, "Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen "
                             "('-'), must be between 1 and 63 characters long, and can't start or end with \"-\" and can't start with digit");
        for (const Vm &other : m_vms)
            if (other.name.compare(vm.name, Qt::CaseInsensitive) == 0 && other.state != QLatin1String("Destroyed"))
                return fail(431, QStringLiteral("The vm with hostName %1 already exists in the network domain: cs1cloud.internal; network=vines-guest")
                                     .arg(vm.name));
        vm.displayName = p.value("displayname", vm.name);
        vm.account = m_caller.account;
        if (p.contains("userdata")) {   // DeployVMCmd: base64, served to the guest by the VR's metadata service
            const auto decoded = QByteArray::fromBase64Encoding(p.value("userdata").toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.size() > 32768)
                return fail(431, "User data is not base64 encoded or is too long (at most 32768 bytes here)");
            writeUserData(vm.id, decoded.decoded);
        }
        vm.offering = p.value("serviceofferingid");
        vm.templateId = m_template;
        vm.state = "Starting";
        vm.ip = ip;
        vm.created = now();
        m_vms.insert(vm.id, vm);
        const QString id = vm.id;
        return job(c, id, [this, id](Done finish) {
            if (!m_vms.contains(id)) return finish({}, {530, "VM was destroyed during deployment"});
            bootLeaf(m_vms[id], m_vms[id].ip, [this, id, finish](bool ok, const QString &why) {
                if (!m_vms.contains(id)) return finish({}, {530, "VM was destroyed during deployment"});
                m_vms[id].state = ok ? "Running" : "Error";
                ok ? finish({{"virtualmachine", vmJson(m_vms[id])}}, {}) : finish({}, {530, why});
            });
        }, done, [this, id]() { if (m_vms.contains(id)) m_vms[id].state = "Error"; });
    }
    if (c == "startVirtualMachine" || c == "stopVirtualMachine" || c == "rebootVirtualMachine" || c == "destroyVirtualMachine" || c == "scaleVirtualMachine") {
        if ((e = require(p, c == "scaleVirtualMachine" ? QStringList{"id", "serviceofferingid"} : QStringList{"id"}, c)).code) return done({}, e);
        const QString id = p.value("id");
        if (!m_vms.contains(id)) return fail(431, QStringLiteral("Unable to execute API command %1 due to invalid value. Invalid parameter id value=%2 due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.").arg(c.toLower(), id));
        if (denied(m_vms.value(id).account)) return;
        if (c == "scaleVirtualMachine" && offering(p.value("serviceofferingid")).isEmpty()) return fail(431, "Unable to find service offering");
        // UserVmManagerImpl.destroyVm: expunge only for admins unless allow.user.expunge.recover.vm is set.
        const bool expunge = p.value("expunge") == QLatin1String("true");
        if (c == "destroyVirtualMachine" && expunge && !m_caller.admin && !m_opt.allowUserExpunge)
            return fail(531, "Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.");
        const QString offeringId = p.value("serviceofferingid");
        return job(c, id, [this, c, id, offeringId, expunge](Done finish) {
            if (!m_vms.contains(id)) return finish({}, {431, "VM no longer exists"});
            Vm &vm = m_vms[id];
            if (c == "stopVirtualMachine") {
                stopLeaf(vm);
                vm.state = "Stopped";
                return finish({{"virtualmachine", vmJson(vm)}}, {});
            }
            if (c == "destroyVirtualMachine") {
                stopLeaf(vm);
                vm.state = expunge ? "Expunging" : "Destroyed";
                const QJsonObject last = vmJson(vm);
                if (expunge) {
                    m_vms.remove(id);   // without expunge it stays Destroyed (expunged later by the cloud's expunge.delay)
                    // Expunging revokes the VM's port forwarding rules (RulesManagerImpl.revokePortForwardingRulesForVm).
                    for (auto it = m_pfRules.begin(); it != m_pfRules.end();) {
                        if (it->value("virtualmachineid").toString() != id) { ++it; continue; }
                        for (const QString &fw : m_relatedFw.keys(it.key())) { m_fwRules.remove(fw); m_relatedFw.remove(fw); }
                        it = m_pfRules.erase(it);
                    }
                }
                for (PublicIp &ip : m_ips) if (ip.staticNatVm == id) ip.staticNatVm.clear();
                return applyNat([finish, last]() { finish({{"virtualmachine", last}}, {}); });
            }
            if (c == "scaleVirtualMachine") {
                vm.offering = offeringId;
                if (vm.state == QLatin1String("Stopped"))   // a stopped VM is re-sized and stays stopped
                    return finish({{"virtualmachine", vmJson(vm)}}, {});
            }
            vm.state = "Starting";
            bootLeaf(vm, vm.ip, [this, id, finish](bool ok, const QString &why) {
                if (!m_vms.contains(id)) return finish({}, {530, "VM was destroyed"});
                m_vms[id].state = ok ? "Running" : "Error";
                ok ? finish({{"virtualmachine", vmJson(m_vms[id])}}, {}) : finish({}, {530, why});
            });
        }, done);
    }
    if (c == "associateIpAddress") {
        QString address;
        for (int i = 2; i < 250 && address.isEmpty(); ++i) {
            const QString a = QStringLiteral("%1.%2").arg(m_opt.publicPrefix).arg(i);
            if (std::none_of(m_ips.begin(), m_ips.end(), [&](const PublicIp &x) { return x.address == a; }))
                address = a;
        }
        if (address.isEmpty()) return fail(533, "Insufficient address capacity: no free public IP address");
        PublicIp ip{uuid(), address, {}, {}, m_caller.account};
        m_ips.insert(ip.id, ip);
        const QString id = ip.id;
        return job(c, id, [this, id](Done finish) { finish({{"ipaddress", ipJson(m_ips.value(id))}}, {}); }, done,
                   [this, id]() { m_ips.remove(id); });
    }
    if (c == "disassociateIpAddress" || c == "disableStaticNat") {
        const QString key = c == "disableStaticNat" ? "ipaddressid" : "id";
        if ((e = require(p, {key}, c)).code) return done({}, e);
        if (!m_ips.contains(p.value(key))) return fail(431, "Unable to find ip address by id " + p.value(key));
        if (denied(m_ips.value(p.value(key)).account)) return;
        const QString id = p.value(key);
        return job(c, {}, [this, c, id](Done finish) {
            if (c == "disableStaticNat") {
                if (m_ips.contains(id)) m_ips[id].staticNatVm.clear();
            } else {   // releasing an address revokes every rule on it
                m_ips.remove(id);
                for (auto *rules : {&m_pfRules, &m_fwRules, &m_ipfRules})
                    for (auto it = rules->begin(); it != rules->end();) {
                        if (it->value("ipaddressid").toString() != id) { ++it; continue; }
                        m_relatedFw.remove(it.key());
                        it = rules->erase(it);
                    }
            }
            applyNat([finish]() { finish({{"success", true}}, {}); });
        }, done);
    }
    if (c == "createPortForwardingRule" || c == "createFirewallRule" || c == "createIpForwardingRule") {
        const bool pf = c == "createPortForwardingRule", ipf = c == "createIpForwardingRule";
        if ((e = require(p, pf ? QStringList{"ipaddressid", "privateport", "publicport", "protocol", "virtualmachineid"}
                               : ipf ? QStringList{"ipaddressid", "protocol", "startport"} : QStringList{"ipaddressid", "protocol"}, c)).code)
            return done({}, e);
        if (!m_ips.contains(p.value("ipaddressid"))) return fail(431, "Unable to find ip address by id " + p.value("ipaddressid"));
        const PublicIp &ip = m_ips[p.value("ipaddressid")];
        if (denied(ip.account) || (pf && m_vms.contains(p.value("virtualmachineid")) && denied(m_vms.value(p.value("virtualmachineid")).account))) return;
        // RulesManagerImpl.createPortForwardingRule: not on a static NAT address; equal ranges; a live VM.
        if (pf && !ip.staticNatVm.isEmpty())
            return fail(431, QStringLiteral("Unable to create port forwarding rule; ip id=%1 has static nat enabled").arg(ip.id));
        if (pf) {
            const int pubFrom = p.value("publicport").toInt(), pubTo = p.value("publicendport", p.value("publicport")).toInt();
            const int privFrom = p.value("privateport").toInt(), privTo = p.value("privateendport", p.value("privateport")).toInt();
            for (const int port : {pubFrom, pubTo, privFrom, privTo})
                if (port < 1 || port > 65535) return fail(431, QStringLiteral("Invalid port %1").arg(port));
            if (privFrom > privTo) return fail(431, "Start port can't be bigger than end port");
            if (privTo - privFrom != pubTo - pubFrom) return fail(431, "Source port and destination port ranges should be of equal sizes.");
            if ((pubFrom != pubTo || privFrom != privTo) && pubFrom != privFrom) return fail(431, "Private port start should be equal to public port start");
            const QString vmId = p.value("virtualmachineid");
            if (!m_vms.contains(vmId))
                return fail(431, QStringLiteral("Unable to create port forwarding rule on address %1, invalid virtual machine id specified (%2).").arg(ip.address, vmId));
            if (m_vms[vmId].state == QLatin1String("Destroyed") || m_vms[vmId].state == QLatin1String("Expunging"))
                return fail(431, "Invalid user vm: " + vmId);
        }
        if (ipf && ip.staticNatVm.isEmpty())
            return fail(431, QStringLiteral("Can't create ip forwarding rules for address %1, static nat is not enabled").arg(ip.address));
        // Port ranges: a rule conflicts with another on the same address and protocol whose range overlaps (537).
        const QString proto = p.value("protocol").toLower();
        const int from = p.value(pf ? "publicport" : "startport").toInt();
        const int to = p.value(pf ? "publicendport" : "endport", p.value(pf ? "publicport" : "startport")).toInt();
        for (const auto *rules : {&m_pfRules, &m_fwRules, &m_ipfRules}) {
            if ((rules == &m_fwRules) != (c == "createFirewallRule"))
                continue;   // firewall rules and forwarding rules are checked among their own kind
            for (const auto &x : *rules) {
                const int xf = x.value(x.contains("publicport") ? "publicport" : "startport").toVariant().toInt();
                const int xt = x.value(x.contains("publicendport") ? "publicendport" : "endport").toVariant().toInt();
                if (x.value("ipaddressid") == p.value("ipaddressid") && x.value("protocol").toString().toLower() == proto && from <= xt && xf <= to)
                    return fail(537, QStringLiteral("The range specified, %1-%2, conflicts with rule %3 which has %4-%5")
                                         .arg(from).arg(to).arg(x.value("id").toString()).arg(xf).arg(xt));
            }
        }
        QJsonObject r{{"id", uuid()}, {"ipaddressid", p.value("ipaddressid")}, {"ipaddress", ip.address}, {"protocol", proto},
                      {"state", "Active"}, {"networkid", m_network}, {"fordisplay", true}, {"cidrlist", p.value("cidrlist", "0.0.0.0/0")}};
        auto vmFields = [&](const QString &vmId) {
            const Vm vm = m_vms.value(vmId);
            r.insert("virtualmachineid", vmId);
            r.insert("virtualmachinename", vm.name);
            r.insert("virtualmachinedisplayname", vm.displayName);
            r.insert("vmguestip", vm.ip);
        };
        if (pf) {   // PortForwardingRuleResponse: the ports are strings
            if (!m_vms.contains(p.value("virtualmachineid"))) return fail(431, "Unable to find virtual machine by id " + p.value("virtualmachineid"));
            r.insert("privateport", p.value("privateport"));
            r.insert("privateendport", p.value("privateendport", p.value("privateport")));
            r.insert("publicport", p.value("publicport"));
            r.insert("publicendport", p.value("publicendport", p.value("publicport")));
            vmFields(p.value("virtualmachineid"));
            m_pfRules.insert(r.value("id").toString(), r);
            // openfirewall (default true): a firewall rule for 0.0.0.0/0 on the public range, removed with the rule.
            if (p.value("openfirewall", "true").compare(QLatin1String("false"), Qt::CaseInsensitive) != 0) {
                QJsonObject f{{"id", uuid()}, {"ipaddressid", ip.id}, {"ipaddress", ip.address}, {"protocol", proto}, {"state", "Active"},
                              {"networkid", m_network}, {"fordisplay", true}, {"cidrlist", "0.0.0.0/0"}, {"startport", from}, {"endport", to}};
                m_fwRules.insert(f.value("id").toString(), f);
                m_relatedFw.insert(f.value("id").toString(), r.value("id").toString());
            }
        } else {    // FirewallResponse and IpForwardingRuleResponse: the ports are integers
            r.insert("startport", from);
            r.insert("endport", to);
            if (ipf) {
                vmFields(ip.staticNatVm);
                m_ipfRules.insert(r.value("id").toString(), r);
            } else {
                m_fwRules.insert(r.value("id").toString(), r);
            }
        }
        const QString id = r.value("id").toString();
        const QString key = pf ? "portforwardingrule" : ipf ? "ipforwardingrule" : "firewallrule";
        return job(c, id, [this, key, id](Done finish) {
            applyNat([this, key, id, finish]() {   // the job ends once the router carries the rule
                const QJsonObject rule = m_pfRules.contains(id) ? m_pfRules.value(id) : m_ipfRules.contains(id) ? m_ipfRules.value(id) : m_fwRules.value(id);
                finish({{key, rule}}, {});
            });
        }, done);
    }
    if (c == "deleteIpForwardingRule") {
        if ((e = require(p, {"id"}, c)).code) return done({}, e);
        if (!m_ipfRules.contains(p.value("id"))) return fail(431, "Unable to find rule by id " + p.value("id"));
        if (denied(m_ips.value(m_ipfRules.value(p.value("id")).value("ipaddressid").toString()).account)) return;
        const QString id = p.value("id");
        return job(c, {}, [this, id](Done finish) { m_ipfRules.remove(id); applyNat([finish]() { finish({{"success", true}}, {}); }); }, done);
    }
    if (c == "deletePortForwardingRule" || c == "deleteFirewallRule") {
        if ((e = require(p, {"id"}, c)).code) return done({}, e);
        auto &rules = c == "deletePortForwardingRule" ? m_pfRules : m_fwRules;
        if (!rules.contains(p.value("id"))) return fail(431, "Unable to find rule by id " + p.value("id"));
        if (denied(m_ips.value(rules.value(p.value("id")).value("ipaddressid").toString()).account)) return;
        const QString id = p.value("id");
        return job(c, {}, [this, &rules, id](Done finish) {
            rules.remove(id);
            m_relatedFw.remove(id);
            for (const QString &fw : m_relatedFw.keys(id)) {   // a port forwarding rule takes its firewall rule along
                m_fwRules.remove(fw);
                m_relatedFw.remove(fw);
            }
            applyNat([finish]() { finish({{"success", true}}, {}); });
        }, done);
    }
    if (c == "updatePortForwardingRule") {
        // RulesManagerImpl.updatePortForwardingRule: a new private port (range of the same size) and/or VM; the rule keeps its id.
        if ((e = require(p, {"id"}, c)).code) return done({}, e);
        if (!m_pfRules.contains(p.value("id"))) return fail(431, "Unable to find " + p.value("id"));
        const QJsonObject rule = m_pfRules.value(p.value("id"));
        if (denied(m_ips.value(rule.value("ipaddressid").toString()).account)) return;
        if (m_vms.contains(p.value("virtualmachineid")) && denied(m_vms.value(p.value("virtualmachineid")).account)) return;
        const int span = rule.value("publicendport").toString().toInt() - rule.value("publicport").toString().toInt();
        const bool hasPort = p.contains("privateport"), hasEnd = p.contains("privateendport");
        const int priv = p.value("privateport").toInt(), privEnd = p.value("privateendport").toInt();
        if (hasPort && (priv < 1 || priv > 65535)) return fail(431, "privatePort is an invalid value: " + p.value("privateport"));
        if (hasEnd && (privEnd < 1 || privEnd > 65535)) return fail(431, "PrivateEndPort has an invalid value: " + p.value("privateendport"));
        if ((hasPort && hasEnd && privEnd - priv != span) || (span != 0 && hasPort != hasEnd))
            return fail(431, QStringLiteral("Unable to update the private port range of port forwarding rule as  the provided port range is not consistent with the port range : %1 to %2")
                                 .arg(rule.value("publicport").toString(), rule.value("publicendport").toString()));
        if (!p.contains("virtualmachineid") && p.contains("vmguestip")) return fail(431, "vmguestip should be set along with virtualmachineid");
        const QString vmId = p.value("virtualmachineid");
        if (!vmId.isEmpty() && !m_vms.contains(vmId)) return fail(431, "Vm doesn't belong to network associated with ipAddress");
        const QString id = p.value("id");
        return job(c, id, [this, id, hasPort, hasEnd, priv, privEnd, vmId](Done finish) {
            if (!m_pfRules.contains(id)) return finish({}, {431, "Unable to find " + id});
            QJsonObject &r = m_pfRules[id];
            if (hasPort) {
                r.insert("privateport", QString::number(priv));
                r.insert("privateendport", QString::number(hasEnd ? privEnd : priv));
            } else if (hasEnd) {
                r.insert("privateport", QString::number(privEnd));
                r.insert("privateendport", QString::number(privEnd));
            }
            if (!vmId.isEmpty() && m_vms.contains(vmId)) {
                const Vm vm = m_vms.value(vmId);
                r.insert("virtualmachineid", vmId);
                r.insert("virtualmachinename", vm.name);
                r.insert("virtualmachinedisplayname", vm.displayName);
                r.insert("vmguestip", vm.ip);
            }
            applyNat([this, id, finish]() { finish({{"portforwardingrule", m_pfRules.value(id)}}, {}); });
        }, done);
    }
    if (c == "createTags" || c == "deleteTags") {
        if ((e = require(p, {"resourceids", "resourcetype"}, c)).code) return done({}, e);
        const QStringList ids = p.value("resourceids").split(',');
        QJsonArray tags;
        for (int i = 0; p.contains(QStringLiteral("tags[%1].key").arg(i)); ++i)
            tags.append(QJsonObject{{"key", p.value(QStringLiteral("tags[%1].key").arg(i))}, {"value", p.value(QStringLiteral("tags[%1].value").arg(i))}});
        const QString type = p.value("resourcetype");
        const bool ip = type.compare(QLatin1String("PublicIpAddress"), Qt::CaseInsensitive) == 0;
        if (!ip && type.compare(QLatin1String("UserVm"), Qt::CaseInsensitive) != 0)
            return fail(431, "Unsupported resource type " + type + " (the simulator tags UserVm and PublicIpAddress)");
        for (const QString &id : ids)
            if (ip ? !m_ips.contains(id) : !m_vms.contains(id)) return fail(431, "Unable to find resource by id " + id + " and type " + type);
        const bool add = c == "createTags";
        return job(c, {}, [this, ids, tags, add, ip](Done finish) {
            for (const QString &id : ids) {
                if (ip ? !m_ips.contains(id) : !m_vms.contains(id))
                    continue;   // went away meanwhile
                QJsonArray &mine = ip ? m_ips[id].tags : m_vms[id].tags;
                for (const auto &t : tags) {
                    QJsonObject tag = t.toObject();
                    for (int k = int(mine.size()) - 1; k >= 0; --k)
                        if (mine[k].toObject().value("key") == tag.value("key")) mine.removeAt(k);
                    if (add) {
                        tag.insert("resourceid", id);
                        tag.insert("resourcetype", ip ? "PublicIpAddress" : "UserVm");
                        mine.append(tag);
                    }
                }
            }
            finish({{"success", true}}, {});
        }, done);
    }
    fail(432, QStringLiteral("The given command %1 does not exist or it is not available for the user").arg(c));
}

} // namespace vines::sim
