#pragma once
// Client for the Click modular router's ControlSocket text protocol over TCP
// (banner "Click::ControlSocket/1.x", then READ/WRITE/WRITEDATA/CHECKREAD commands answered by
// "CODE text" lines, "CODE-text" for continued lines, and "DATA n" + n bytes after a READ).
// Commands are queued and answered in order on one connection, opened on demand.
#include <QByteArray>
#include <QObject>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>
#include <functional>

namespace vines::ems {

struct ClickReply {
    bool ok = false;
    bool transportError = false;   // could not talk to the router at all
    bool timedOut = false;         // ...because it did not answer in time
    int code = 0;                  // 200 OK, 500 syntax, 501 unimplemented, 510 no element, 511 no handler, 520 handler error, 530 permission, 540 no router
    QString message;
    QByteArray data;
};

class ClickControlClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ClickReply &)>;
    ClickControlClient(const QString &host, quint16 port, int timeoutMs, QObject *parent = nullptr);
    ~ClickControlClient() override;   // answers what is still queued

    void read(const QString &handler, Callback cb);
    void write(const QString &handler, const QString &args, Callback cb);
    void writeData(const QString &handler, const QByteArray &data, Callback cb);
    QString protocolVersion() const { return m_version; }

private:
    struct Pending { QByteArray command; bool expectsData = false; Callback cb; };
    void enqueue(Pending p);
    void pump();
    void onReadyRead();
    bool parseReply(ClickReply *reply);   // false: need more bytes
    void failAll(const QString &message, bool timedOut = false);
    void finishHead(const ClickReply &reply);

    QString m_host;
    quint16 m_port;
    int m_timeoutMs;
    QTcpSocket m_socket;
    QTimer m_timer;
    QByteArray m_buffer;
    QQueue<Pending> m_queue;
    bool m_greeted = false;
    bool m_sent = false;
    QString m_version;
};

} // namespace vines::ems
