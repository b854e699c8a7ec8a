#pragma once
// Names CloudStack accepts. A VM's `name` is its host name: 1-63 of a-z, 0-9 and '-', not
// starting with a digit or '-', not ending with '-' (NetUtils.verifyDomainNameLabel, called by
// UserVmManagerImpl on deploy), and unique in its network. The operator's own name goes into
// `displayname`, which takes any text.
#include <QString>

namespace vines::cloudstack {

// A valid, network-unique host name for `name`: lower-cased, other characters as '-', runs of
// '-' folded, leading digits and '-' dropped, and `uniqueSuffix` (letters/digits) appended.
QString hostName(const QString &name, const QString &uniqueSuffix);
bool isValidHostName(const QString &name);

} // namespace vines::cloudstack
