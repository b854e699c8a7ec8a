#pragma once
// The northbound API as the console serves it: started at start-up or later (the API dialog's
// switch), stopped at run time, its port written where scripts look for it.
#include "api/NorthboundApi.h"
#include "util/Result.h"
#include <QObject>
#include <memory>

namespace vines {

class ApiServing : public QObject {
    Q_OBJECT
public:
    ApiServing(api::ApiContext context, api::ApiTokens &tokens, api::ApiConfig config, QString portFile, QObject *parent = nullptr);
    ~ApiServing() override;
    // Serves (nothing to do when already serving); the port file is written once it listens.
    Result<> start();
    void stop();
    bool serving() const { return bool(m_server); }
    QString baseUrl() const { return m_server ? m_server->baseUrl() : QString(); }

Q_SIGNALS:
    void requestServed(const QString &who, const QString &method, const QString &path, int status);

private:
    api::ApiContext m_context;
    api::ApiTokens &m_tokens;
    api::ApiConfig m_config;
    QString m_portFile;
    std::unique_ptr<api::NorthboundApi> m_server;
};

} // namespace vines
