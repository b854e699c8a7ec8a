#include "Result.h"
#include <QMetaEnum>

namespace vines {

int Error::httpStatus(Kind k)
{
    switch (k) {
    case Kind::Invalid: return 400;
    case Kind::Unprocessable: return 422;
    case Kind::NotFound: return 404;
    case Kind::Conflict: return 409;
    case Kind::Unauthorized: return 401;
    case Kind::Forbidden: return 403;
    case Kind::TooLarge: return 413;
    case Kind::TooMany: return 429;
    case Kind::Exhausted: return 507;
    case Kind::Unavailable: return 503;
    case Kind::Upstream: return 502;
    case Kind::Timeout: return 504;
    case Kind::Cancelled: return 409;
    case Kind::Internal: return 500;
    }
    return 500;
}

Error::Kind Error::fromHttpStatus(int status)
{
    switch (status) {
    case 0: return Kind::Unavailable;
    case 400: return Kind::Invalid;
    case 401: return Kind::Unauthorized;
    case 403: return Kind::Forbidden;
    case 404: return Kind::NotFound;
    case 409: return Kind::Conflict;
    case 413: return Kind::TooLarge;
    case 422: return Kind::Unprocessable;
    case 429: return Kind::TooMany;
    case 503: return Kind::Unavailable;
    case 504: return Kind::Timeout;
    case 507: return Kind::Exhausted;
    default: break;
    }
    if (status >= 500)
        return Kind::Upstream;
    return status >= 400 ? Kind::Invalid : Kind::Internal;
}

QString Error::kindName(Kind k) { return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(k))); }

} // namespace vines
