#pragma once
// What the cloud lets an account do, read with calls every role may make: listCapabilities
// (version, allow.user.expunge.recover.vm) and listAccounts (the caller's role type).
#include "CloudStackClient.h"
#include <functional>

namespace vines::cloudstack {

struct CloudAccount {
    QString name;
    QString roleType;               // Admin, DomainAdmin, ResourceAdmin or User
    QString version;                // cloudstackversion
    bool userExpungeAllowed = false;  // allow.user.expunge.recover.vm
    bool isAdmin() const { return roleType == QLatin1String("Admin"); }
    bool mayExpunge() const { return isAdmin() || userExpungeAllowed; }
    // listRouters is authorized for the admin roles only.
    bool maySeeRouters() const { return !roleType.isEmpty() && roleType != QLatin1String("User"); }
    // One line for the operator: who, what role, and what that means for the console.
    QString summary() const;
};

// Reads the account; an error leaves the cautious defaults (no expunge, no routers).
void readCloudAccount(Client &client, std::function<void(const CloudAccount &)> done);

} // namespace vines::cloudstack
