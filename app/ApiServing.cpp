#include "ApiServing.h"
#include <QSaveFile>

namespace vines {

ApiServing::ApiServing(api::ApiContext context, api::ApiTokens &tokens, api::ApiConfig config, QString portFile, QObject *parent)
    : QObject(parent), m_context(std::move(context)), m_tokens(tokens), m_config(std::move(config)), m_portFile(std::move(portFile))
{
}

ApiServing::~ApiServing() = default;

Result<> ApiServing::start()
{
    if (m_server)
        return {};
    auto server = std::make_unique<api::NorthboundApi>(m_context, m_tokens, m_config);
    if (Result<> started = server->start(); !started)
        return started;
    if (!m_portFile.isEmpty()) {
        QSaveFile f(m_portFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(server->port()) + '\n') < 0 || !f.commit())
            return Error::unavailable(QStringLiteral("cannot write the API's port to %1: %2").arg(m_portFile, f.errorString()));
    }
    connect(server.get(), &api::NorthboundApi::requestServed, this, &ApiServing::requestServed);
    m_server = std::move(server);
    return {};
}

void ApiServing::stop() { m_server.reset(); }

} // namespace vines
