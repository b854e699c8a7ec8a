#pragma once
// Extended driver for the Leaf execution platform: HTTP to the vines-leaf agent's REST API.
#include "Driver.h"
#include "net/LeafClient.h"

namespace vines::ems {

class LeafDriver : public Driver {
    Q_OBJECT
public:
    LeafDriver(QNetworkAccessManager *nam, const QString &host, quint16 port, const QByteArray &secret, int timeoutMs, QObject *parent = nullptr);
    QString platform() const override { return QStringLiteral("leaf"); }
    void sample(DriverCallback cb) override;
    void status(DriverCallback cb) override;
    void install(const NfBundle &nf, DriverCallback cb) override;
    void uninstall(DriverCallback cb) override;
    void start(DriverCallback cb) override;
    void stop(DriverCallback cb) override;
    void restart(DriverCallback cb) override;
    void rotateSecret(const QByteArray &secret, DriverCallback cb) override;
    void configure(const QJsonObject &config, DriverCallback cb) override;
    void readConfig(DriverCallback cb) override;
    void logs(int lines, DriverCallback cb) override;

private:
    LeafClient::Callback adapt(DriverCallback cb) const;
    LeafClient m_leaf;
};

} // namespace vines::ems
