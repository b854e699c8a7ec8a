#pragma once
// Ordered allow/deny rules on source address (CIDR) and protocol; first match wins, else
// default_action. Config: {"default_action": "allow", "rules": [{"action": "deny",
// "source": "127.66.0.0/16", "protocol": "tcp"}]}
#include "util/Result.h"
#include <QHostAddress>
#include <QJsonObject>
#include <QList>

namespace vines {

class FirewallRules {
public:
    static Result<> validate(const QJsonObject &config);
    void load(const QJsonObject &config);
    bool allows(const QHostAddress &source, const QString &protocol) const;
private:
    struct Rule { bool allow; QPair<QHostAddress, int> subnet; bool anySource; QString protocol; };
    QList<Rule> m_rules;
    bool m_defaultAllow = true;
};

} // namespace vines
