#include "ClickControlClient.h"
#include <algorithm>

namespace vines::ems {

ClickControlClient::ClickControlClient(const QString &host, quint16 port, int timeoutMs, QObject *parent)
    : QObject(parent), m_host(host), m_port(port), m_timeoutMs(timeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        failAll(QStringLiteral("Click ControlSocket %1:%2 did not answer within %3 ms").arg(m_host).arg(m_port).arg(m_timeoutMs), true);
    });
    connect(&m_socket, &QTcpSocket::connected, this, [this]() { m_timer.start(m_timeoutMs); });
    connect(&m_socket, &QTcpSocket::readyRead, this, &ClickControlClient::onReadyRead);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (!m_queue.isEmpty())
            failAll(QStringLiteral("Click ControlSocket %1:%2: %3").arg(m_host).arg(m_port).arg(m_socket.errorString()));
    });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this]() {
        m_greeted = false;
        if (!m_queue.isEmpty())
            failAll(QStringLiteral("Click ControlSocket %1:%2 closed the connection").arg(m_host).arg(m_port));
    });
}

ClickControlClient::~ClickControlClient()
{
    m_socket.disconnect(this);
    failAll(QStringLiteral("Click ControlSocket client for %1:%2 went away").arg(m_host).arg(m_port));
}

void ClickControlClient::read(const QString &handler, Callback cb)
{
    enqueue({"READ " + handler.toUtf8() + "\r\n", true, std::move(cb)});
}

void ClickControlClient::write(const QString &handler, const QString &args, Callback cb)
{
    QByteArray cmd = "WRITE " + handler.toUtf8();
    if (!args.isEmpty())
        cmd += ' ' + QByteArray(args.toUtf8()).replace('\n', ' ').replace('\r', ' ');
    enqueue({cmd + "\r\n", false, std::move(cb)});
}

void ClickControlClient::writeData(const QString &handler, const QByteArray &data, Callback cb)
{
    enqueue({"WRITEDATA " + handler.toUtf8() + ' ' + QByteArray::number(data.size()) + "\r\n" + data, false, std::move(cb)});
}

void ClickControlClient::enqueue(Pending p)
{
    const QByteArray handler = p.command.split('\n').first().split(' ').value(1).trimmed();
    static const QByteArray allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./@-";
    if (handler.isEmpty() || std::any_of(handler.begin(), handler.end(), [](char c) { return !allowed.contains(c); })) {
        p.cb({false, false, false, 500, QStringLiteral("'%1' is not a Click handler name").arg(QString::fromUtf8(handler)), {}});
        return;
    }
    m_queue.enqueue(std::move(p));
    pump();
}

void ClickControlClient::pump()
{
    if (m_queue.isEmpty())
        return;
    if (m_socket.state() == QAbstractSocket::UnconnectedState) {
        m_buffer.clear();
        m_greeted = false;
        m_sent = false;
        m_timer.start(m_timeoutMs);
        m_socket.connectToHost(m_host, m_port);
        return;
    }
    if (!m_greeted || m_sent || m_socket.state() != QAbstractSocket::ConnectedState)
        return;
    m_sent = true;
    m_timer.start(m_timeoutMs);
    m_socket.write(m_queue.head().command);
}

void ClickControlClient::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (!m_greeted) {
        const int nl = m_buffer.indexOf('\n');
        if (nl < 0)
            return;
        const QByteArray banner = m_buffer.left(nl).trimmed();
        m_buffer.remove(0, nl + 1);
        if (!banner.startsWith("Click::ControlSocket/")) {
            failAll(QStringLiteral("%1:%2 is not a Click ControlSocket (banner '%3')").arg(m_host).arg(m_port).arg(QString::fromUtf8(banner.left(60))));
            m_socket.abort();
            return;
        }
        m_version = QString::fromUtf8(banner.mid(21));
        m_greeted = true;
        m_timer.stop();
        pump();
    }
    ClickReply reply;
    while (m_sent && parseReply(&reply)) {
        finishHead(reply);
        reply = ClickReply{};
    }
}

bool ClickControlClient::parseReply(ClickReply *reply)
{
    // Status lines until one whose code is followed by a space; then "DATA n\r\n" + n bytes for READs.
    qsizetype pos = 0;
    QStringList text;
    int code = 0;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n', pos);
        if (nl < 0)
            return false;
        const QByteArray line = m_buffer.mid(pos, nl - pos).trimmed();
        pos = nl + 1;
        bool ok = false;
        code = line.left(3).toInt(&ok);
        if (!ok || line.size() < 3) {
            failAll(QStringLiteral("Click ControlSocket sent a malformed line: '%1'").arg(QString::fromUtf8(line.left(80))));
            m_socket.abort();
            return false;
        }
        text << QString::fromUtf8(line.mid(4));
        if (line.size() == 3 || line.at(3) != '-')
            break;
    }
    reply->code = code;
    reply->ok = code >= 200 && code < 300;
    reply->message = text.join(' ');
    if (reply->ok && m_queue.head().expectsData) {
        const qsizetype nl = m_buffer.indexOf('\n', pos);
        if (nl < 0)
            return false;
        const QByteArray line = m_buffer.mid(pos, nl - pos).trimmed();
        bool ok = false;
        const qsizetype n = line.startsWith("DATA ") ? line.mid(5).toLongLong(&ok) : -1;
        if (!ok || n < 0 || n > 64 * 1024 * 1024) {
            failAll(QStringLiteral("Click ControlSocket sent a bad DATA line: '%1'").arg(QString::fromUtf8(line.left(80))));
            m_socket.abort();
            return false;
        }
        if (m_buffer.size() < nl + 1 + n)
            return false;
        reply->data = m_buffer.mid(nl + 1, n);
        pos = nl + 1 + n;
    }
    m_buffer.remove(0, pos);
    return true;
}

void ClickControlClient::finishHead(const ClickReply &reply)
{
    m_timer.stop();
    m_sent = false;
    Pending p = m_queue.dequeue();
    p.cb(reply);
    pump();
}

void ClickControlClient::failAll(const QString &message, bool timedOut)
{
    m_timer.stop();
    QQueue<Pending> q;
    q.swap(m_queue);
    m_sent = false;
    m_greeted = false;
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
    m_buffer.clear();
    for (Pending &p : q)
        p.cb({false, true, timedOut, 0, message, {}});
}

} // namespace vines::ems
