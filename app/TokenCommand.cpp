#include "TokenCommand.h"
#include "CommandLine.h"
#include "api/ApiTokens.h"
#include <cstdio>

namespace vines {

int runTokenCommand(const CommandLine &cl, api::ApiTokens &tokens)
{
    if (!cl.createToken.isEmpty()) {
        const auto role = api::roleFromName(cl.tokenRole);
        if (!role) {
            std::fprintf(stderr, "vines-console: --api-role must be read-only or read-write, not '%s'\n", qPrintable(cl.tokenRole));
            return 2;
        }
        const Result<QByteArray> token = tokens.create(cl.createToken, *role);
        if (!token) {
            std::fprintf(stderr, "vines-console: %s\n", qPrintable(token.errorMessage()));
            return 1;
        }
        std::printf("%s\n", token->constData());
        return 0;
    }
    if (!cl.revokeToken.isEmpty()) {
        if (const Result<> revoked = tokens.revoke(cl.revokeToken); !revoked) {
            std::fprintf(stderr, "vines-console: %s\n", qPrintable(revoked.errorMessage()));
            return 1;
        }
        return 0;
    }
    for (const api::ApiToken &t : tokens.list())
        std::printf("%s\t%s\t%s\n", qPrintable(t.name), qPrintable(api::roleName(t.role)), qPrintable(t.createdAt.toString(Qt::ISODate)));
    return 0;
}

} // namespace vines
