// vines-cloudstack-sim: an Apache CloudStack API simulator for tests and benchmarks (CloudStack
// itself cannot run here). It speaks CloudStack's wire protocol: GET /client/api?command=...
// signed with the account's secret key (signatureversion 3 + expires, verified exactly as
// CloudStack does), "<command>response" JSON envelopes, CloudStack error codes as HTTP status
// and errorcode/cserrorcode/errortext, asynchronous jobs answered by queryAsyncJobResult. VMs are
// real vines-leaf processes. Test hooks (not CloudStack): POST /admin/failures, GET /admin/state.
//   vines-cloudstack-sim --config sim.json
#include "SimCloud.h"
#include "cloudstack/CloudStackSigner.h"
#include "net/JsonHttpServer.h"
#include "net/RequestSigning.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QSocketNotifier>
#include <QUrlQuery>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#include <cstdio>

using namespace vines;

namespace {
const QHash<int, int> kCsErrorCodes{{401, 9999}, {431, 4350}, {432, 9999}, {530, 4250}, {533, 4250}, {537, 4350}};

HttpResponse csError(const QString &command, int code, const QString &text)
{
    const QJsonObject body{{"uuidList", QJsonArray{}}, {"errorcode", code}, {"cserrorcode", kCsErrorCodes.value(code, 9999)}, {"errortext", text}};
    return HttpResponse::json(QJsonObject{{command.toLower() + "response", body}}, code);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    static int sigfd[2];
    ::socketpair(AF_UNIX, SOCK_STREAM, 0, sigfd);
    QSocketNotifier sn(sigfd[1], QSocketNotifier::Read);
    QObject::connect(&sn, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    auto onSignal = [](int) { char b = 1; [[maybe_unused]] auto n = ::write(sigfd[0], &b, 1); };
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption config("config", "Simulator configuration (JSON).", "file");
    p.addOption(config);
    p.process(app);
    QFile f(p.value(config));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "vines-cloudstack-sim: --config FILE is required and readable\n");
        return 2;
    }
    const QJsonObject c = QJsonDocument::fromJson(f.readAll()).object();
    const QString apiKey = c.value("apiKey").toString();
    const QByteArray secret = c.value("secretKey").toString().toUtf8();
    if (apiKey.isEmpty() || secret.isEmpty()) {
        std::fprintf(stderr, "vines-cloudstack-sim: %s: apiKey and secretKey are required\n", qPrintable(p.value(config)));
        return 2;
    }
    // Accounts: apiKey/secretKey is the root admin; "accounts" adds more, each with its role
    // ("Admin" or "User"), as a CloudStack administrator would create them.
    struct Account { QString apiKey; QByteArray secret; sim::Caller caller; };
    QList<Account> accounts{{apiKey, secret, {QStringLiteral("admin"), true}}};
    for (const auto &a : c.value("accounts").toArray()) {
        const QJsonObject o = a.toObject();
        accounts << Account{o.value("apiKey").toString(), o.value("secretKey").toString().toUtf8(),
                            {o.value("name").toString("user"), o.value("role").toString("User") == QLatin1String("Admin")}};
    }
    sim::SimCloud::Options o;
    o.allowUserExpunge = c.value("allowUserExpunge").toBool(false);
    o.defaultPageSize = c.value("defaultPageSize").toInt(o.defaultPageSize);
    o.routerSecret = c.value("routerSecret").toString().toUtf8();
    o.leafBinary = c.value("leafBinary").toString();
    o.workDir = c.value("workDir").toString();
    o.guestPrefix = c.value("guestPrefix").toString(o.guestPrefix);
    o.publicPrefix = c.value("publicPrefix").toString(o.publicPrefix);
    o.jobDelayMs = c.value("jobDelayMs").toInt(o.jobDelayMs);
    sim::SimCloud cloud(o);

    JsonHttpServer server;
    auto api = [&](const HttpRequest &r, JsonHttpServer::Responder respond) {
        // Parameters come from the query (GET) or a form body (POST), decoded.
        QHash<QString, QString> params = r.query;
        if (r.method == QLatin1String("POST"))
            for (const auto &kv : QUrlQuery(QString::fromUtf8(r.body)).queryItems(QUrl::FullyDecoded))
                params.insert(kv.first, kv.second);
        const QString command = params.value("command");
        if (command.isEmpty())
            return respond(csError("api", 431, "Unable to execute API command due to missing parameter command"));
        // Signature check, as CloudStack's ApiServer.verifyRequest does it.
        cloudstack::Params all;
        for (auto it = params.begin(); it != params.end(); ++it)
            all << qMakePair(it.key(), it.value());
        const Account *account = nullptr;
        for (const Account &a : accounts)
            if (signing::constantTimeEquals(params.value("apiKey").toUtf8(), a.apiKey.toUtf8()))
                account = &a;
        if (!account || !signing::constantTimeEquals(cloudstack::signature(all, account->secret), params.value("signature").toUtf8()))
            return respond(csError(command, 401, "unable to verify user credentials and/or request signature"));
        // ApiServer.verifyRequest: a command the caller's role may not use fails the same way.
        if (!account->caller.admin && sim::SimCloud::adminOnly(command))
            return respond(csError(command, 401, "unable to verify user credentials and/or request signature"));
        if (params.value("signatureversion") == QLatin1String("3")) {
            const QDateTime expires = QDateTime::fromString(params.value("expires").left(19), "yyyy-MM-ddTHH:mm:ss");
            QDateTime e = expires;
            e.setTimeSpec(Qt::UTC);
            if (!expires.isValid() || e < QDateTime::currentDateTimeUtc())
                return respond(csError(command, 401, "unable to verify user credentials and/or request signature: request expired"));
        }
        cloud.setCaller(account->caller);
        cloud.execute(command, params, [command, respond](const QJsonObject &result, const sim::ApiError &e) {
            if (e.code)
                return respond(csError(command, e.code, e.text));
            respond(HttpResponse::json(QJsonObject{{command.toLower() + "response", result}}));
        });
    };
    server.routeAsync("GET", "/client/api", api);
    server.routeAsync("POST", "/client/api", api);
    server.route("GET", "/admin/state", [&](const HttpRequest &) { return HttpResponse::json(cloud.state()); });
    server.route("POST", "/admin/failures", [&](const HttpRequest &r) {
        const Result<QJsonObject> parsed = r.jsonBody();
        if (!parsed)
            return HttpResponse::error(400, "malformed_json", parsed.errorMessage());
        const QJsonObject b = *parsed;
        cloud.injectFailure({b.value("command").toString(), b.value("errorcode").toInt(530), b.value("errortext").toString("injected failure"),
                             b.value("times").toInt(1)});
        return HttpResponse::json(QJsonObject{{"injected", b.value("command")}});
    });
    server.route("POST", "/admin/jobdelay", [&](const HttpRequest &r) {
        const QJsonObject b = r.jsonBody().valueOr({});
        cloud.setJobDelayMs(b.value("ms").toInt(200));
        return HttpResponse::json(QJsonObject{{"jobDelayMs", b.value("ms").toInt(200)}});
    });
    QTcpServer *tcp = nullptr;
    const QJsonObject tls = c.value("tls").toObject();
    if (!tls.isEmpty()) {   // HTTPS, like a production CloudStack behind its certificate
        QFile cf(tls.value("certificate").toString()), kf(tls.value("key").toString());
        if (!cf.open(QIODevice::ReadOnly) || !kf.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "vines-cloudstack-sim: cannot read the TLS certificate or key\n");
            return 2;
        }
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(QSslCertificate::fromData(cf.readAll(), QSsl::Pem));
        conf.setPrivateKey(QSslKey(kf.readAll(), QSsl::Rsa, QSsl::Pem));
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        auto *ssl = new QSslServer(&server);
        ssl->setSslConfiguration(conf);
        tcp = ssl;
    } else {
        tcp = new QTcpServer(&server);
    }
    if (!tcp->listen(QHostAddress::LocalHost, quint16(c.value("port").toInt(0)))) {
        std::fprintf(stderr, "vines-cloudstack-sim: cannot listen: %s\n", qPrintable(tcp->errorString()));
        return 1;
    }
    server.bind(tcp);
    if (!c.value("portFile").toString().isEmpty()) {
        QSaveFile pf(c.value("portFile").toString());
        pf.open(QIODevice::WriteOnly);
        pf.write(QByteArray::number(tcp->serverPort()) + '\n');
        pf.commit();
    }
    std::fprintf(stderr, "vines-cloudstack-sim listening on %s://127.0.0.1:%u/client/api\n", tls.isEmpty() ? "http" : "https", tcp->serverPort());
    return app.exec();
}
