#include "CloudAccount.h"
#include <QJsonArray>

namespace vines::cloudstack {

QString CloudAccount::summary() const
{
    if (roleType.isEmpty())
        return QStringLiteral("account and role unknown (listAccounts failed): VMs are destroyed without expunge");
    return QStringLiteral("account %1, role %2%3: %4; chains %5")
        .arg(name.isEmpty() ? QStringLiteral("?") : name, roleType, version.isEmpty() ? QString() : QStringLiteral(", CloudStack ") + version,
             mayExpunge() ? QStringLiteral("VMs are destroyed with expunge") : QStringLiteral("VMs are destroyed and the cloud expunges them later"),
             maySeeRouters() ? QStringLiteral("by port forwarding, or by the virtual router if it runs the Vines agent")
                             : QStringLiteral("by port forwarding (the virtual router is for admin accounts)"));
}

void readCloudAccount(Client &client, std::function<void(const CloudAccount &)> done)
{
    // listCapabilities and listAccounts are open to every role.
    client.call("listCapabilities", {}, [&client, done](const Reply &c) {
        CloudAccount account;
        const QJsonObject cap = c.valueOr({}).value("capability").toObject();
        account.version = cap.value("cloudstackversion").toString();
        account.userExpungeAllowed = cap.value("allowuserexpungerecovervm").toBool(false);
        client.call("listAccounts", {{"listall", "false"}}, [account, done](const Reply &a) mutable {
            if (a) {
                const QJsonObject acc = a->value("account").toArray().first().toObject();
                account.name = acc.value("name").toString();
                account.roleType = acc.value("roletype").toString();
                if (account.roleType.isEmpty() && acc.contains("accounttype"))   // clouds before dynamic roles: accounttype 1 = root admin
                    account.roleType = acc.value("accounttype").toInt(0) == 1 ? QStringLiteral("Admin") : QStringLiteral("User");
            }
            done(account);
        });
    });
}

} // namespace vines::cloudstack
