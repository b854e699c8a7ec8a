// vinesctl: the Vines Console from a shell, through its northbound REST API (SOL003/SOL005).
//   vinesctl [--url URL] [--token TOKEN] [--json] [--wait] NOUN VERB [ARGS]
// URL and token also come from VINES_API_URL and VINES_API_TOKEN. Exit codes: 0 done, 1 the API
// refused or the operation did not complete, 2 usage, 3 the API could not be reached.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <cstdio>
#include <functional>

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray location;
    QString transportError;
    QJsonValue json() const
    {
        const QJsonDocument d = QJsonDocument::fromJson(body);
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
};

class Api {
public:
    Api(QString url, QByteArray token, bool insecure) : m_url(std::move(url)), m_token(std::move(token)), m_insecure(insecure) {}

    Reply call(const QByteArray &verb, const QString &path, const QByteArray &body = {}, const QByteArray &type = "application/json",
               const QByteArray &accept = "application/json")
    {
        QNetworkRequest req(QUrl(m_url + path));
        req.setRawHeader("X-Auth-Token", m_token);
        req.setRawHeader("Version", "1.3.0");
        req.setRawHeader("Accept", accept);
        req.setTransferTimeout(120000);
        if (!body.isEmpty() || verb != "GET")
            req.setHeader(QNetworkRequest::ContentTypeHeader, type);
        if (m_insecure) {
            QSslConfiguration c = req.sslConfiguration();
            c.setPeerVerifyMode(QSslSocket::VerifyNone);
            req.setSslConfiguration(c);
        }
        QNetworkReply *r = m_nam.sendCustomRequest(req, verb, body);
        QEventLoop loop;
        QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        out.location = r->rawHeader("Location");
        if (out.status == 0)
            out.transportError = r->errorString();
        r->deleteLater();
        return out;
    }

private:
    QString m_url;
    QByteArray m_token;
    bool m_insecure;
    QNetworkAccessManager m_nam;
};

bool g_json = false;

void print(const QJsonValue &v)
{
    const QJsonDocument d = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    std::printf("%s", d.toJson(QJsonDocument::Indented).constData());
}

// A table of the given columns (dotted paths into each item).
void table(const QJsonArray &items, const QList<std::pair<const char *, QString>> &cols)
{
    QList<QStringList> rows;
    QList<int> width;
    QStringList head;
    for (const auto &c : cols) {
        head << QString::fromLatin1(c.first);
        width << int(qstrlen(c.first));
    }
    for (const QJsonValue &it : items) {
        QStringList row;
        for (int i = 0; i < cols.size(); ++i) {
            QJsonValue v = it;
            for (const QString &k : cols[i].second.split('.'))
                v = v.toObject().value(k);
            const QString s = v.isDouble() ? QString::number(v.toDouble()) : v.toString();
            row << s;
            width[i] = qMax(width[i], int(s.size()));
        }
        rows << row;
    }
    auto line = [&](const QStringList &r) {
        QString s;
        for (int i = 0; i < r.size(); ++i)
            s += r[i].leftJustified(width[i] + 2);
        std::printf("%s\n", qPrintable(s.trimmed()));
    };
    line(head);
    for (const QStringList &r : rows)
        line(r);
}

int fail(const Reply &r)
{
    if (r.status == 0) {
        std::fprintf(stderr, "vinesctl: the API could not be reached: %s\n", qPrintable(r.transportError));
        return 3;
    }
    const QJsonObject p = QJsonDocument::fromJson(r.body).object();
    std::fprintf(stderr, "vinesctl: HTTP %d: %s\n", r.status,
                 qPrintable(p.value("detail").toString(QString::fromUtf8(r.body.left(500)))));
    return 1;
}

bool ok(const Reply &r) { return r.status >= 200 && r.status < 300; }

// Polls an operation occurrence (its URL from Location) until it ends; 0 when COMPLETED.
int waitFor(Api &api, const QString &url, const QString &base)
{
    const QString path = url.startsWith(base) ? url.mid(base.size()) : url;
    QElapsedTimer t;
    t.start();
    QString last;
    while (t.elapsed() < 30 * 60 * 1000) {
        const Reply r = api.call("GET", path);
        if (!ok(r))
            return fail(r);
        const QJsonObject o = r.json().toObject();
        const QString state = o.value("operationState").toString();
        const QString stage = o.value("vinesProgress").toObject().value("stage").toString();
        if (!g_json && state + stage != last)
            std::fprintf(stderr, "  %s %s\n", qPrintable(state), qPrintable(stage));
        last = state + stage;
        if (state == QLatin1String("COMPLETED") || state == QLatin1String("FAILED") || state == QLatin1String("ROLLED_BACK")
            || state == QLatin1String("FAILED_TEMP")) {
            if (g_json)
                print(o);
            else
                std::printf("%s %s%s\n", qPrintable(o.value("id").toString()), qPrintable(state),
                            o.contains("error") ? qPrintable(": " + o.value("error").toObject().value("detail").toString()) : "");
            return state == QLatin1String("COMPLETED") ? 0 : 1;
        }
        QThread::msleep(500);
    }
    std::fprintf(stderr, "vinesctl: gave up waiting for %s\n", qPrintable(path));
    return 1;
}

// Accepted: print where the occurrence is, or wait for it.
int started(Api &api, const Reply &r, bool wait, const QString &base)
{
    if (!ok(r))
        return fail(r);
    const QString loc = QString::fromUtf8(r.location);
    if (wait && !loc.isEmpty())
        return waitFor(api, loc, base);
    std::printf("%s\n", qPrintable(loc.section('/', -1)));
    return 0;
}

int usage()
{
    std::fprintf(stderr, "%s",
        "usage: vinesctl [--url URL] [--token TOKEN] [--json] [--wait] NOUN VERB [ARGS]\n"
        "  packages  list | show ID | upload FILE | enable ID | disable ID | delete ID | vnfd ID\n"
        "  vnfs      list | show ID | create VNFD_ID [NAME] | instantiate ID FLAVOUR [LEVEL] | terminate ID [forceful]\n"
        "            scale ID ASPECT out|in [STEPS] | heal ID | start ID | stop ID | delete ID\n"
        "  ops       list [VNF_ID] | show ID | retry ID | rollback ID | fail ID\n"
        "  nsds      list | show ID | upload FILE | delete ID\n"
        "  ns        list | show ID | create NSD_ID NAME | instantiate ID | terminate ID | delete ID\n"
        "  alarms    list | ack ID\n"
        "URL and TOKEN default to $VINES_API_URL (else http://127.0.0.1:9890) and $VINES_API_TOKEN.\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("vinesctl");
    QCommandLineParser p;
    p.setApplicationDescription("Drive the Vines Console through its northbound API.");
    p.addHelpOption();
    const QCommandLineOption urlOpt("url", "API base URL.", "url", qEnvironmentVariable("VINES_API_URL", "http://127.0.0.1:9890"));
    const QCommandLineOption tokenOpt("token", "API token (X-Auth-Token).", "token", qEnvironmentVariable("VINES_API_TOKEN"));
    const QCommandLineOption jsonOpt("json", "Print the API's JSON instead of tables.");
    const QCommandLineOption waitOpt("wait", "Wait for operations (and uploads) to end; exit 1 unless they complete.");
    const QCommandLineOption insecureOpt("insecure", "Do not verify the API's TLS certificate.");
    p.addOptions({urlOpt, tokenOpt, jsonOpt, waitOpt, insecureOpt});
    p.addPositionalArgument("noun", "packages, vnfs, ops, nsds, ns or alarms");
    p.addPositionalArgument("verb", "what to do");
    p.process(app);
    const QStringList a = p.positionalArguments();
    if (a.size() < 2)
        return usage();
    g_json = p.isSet(jsonOpt);
    const bool wait = p.isSet(waitOpt);
    QString base = p.value(urlOpt);
    while (base.endsWith('/'))
        base.chop(1);
    if (p.value(tokenOpt).isEmpty()) {
        std::fprintf(stderr, "vinesctl: no token: pass --token or set VINES_API_TOKEN (create one with vines-console --create-api-token NAME)\n");
        return 2;
    }
    Api api(base, p.value(tokenOpt).toUtf8(), p.isSet(insecureOpt));
    const QString noun = a[0], verb = a[1];
    auto arg = [&](int i) { return a.value(i + 2); };
    auto need = [&](int n) { return a.size() >= n + 2; };
    auto show = [&](const Reply &r, const std::function<void(const QJsonValue &)> &human) {
        if (!ok(r))
            return fail(r);
        if (g_json)
            print(r.json());
        else
            human(r.json());
        return 0;
    };
    auto body = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    auto details = [](const QJsonValue &v) { print(v); };

    if (noun == QLatin1String("packages")) {
        const QString P = "/vnfpkgm/v1/vnf_packages";
        if (verb == QLatin1String("list"))
            return show(api.call("GET", P), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"PRODUCT", "vnfProductName"}, {"VNFD", "vnfdId"}, {"VERSION", "vnfdVersion"},
                                    {"ONBOARDING", "onboardingState"}, {"STATE", "operationalState"}, {"USAGE", "usageState"}});
            });
        if (verb == QLatin1String("show") && need(1))
            return show(api.call("GET", P + '/' + arg(0)), details);
        if (verb == QLatin1String("vnfd") && need(1)) {
            const Reply r = api.call("GET", P + '/' + arg(0) + "/vnfd", {}, {}, "text/plain");
            if (!ok(r))
                return fail(r);
            std::fwrite(r.body.constData(), 1, size_t(r.body.size()), stdout);
            return 0;
        }
        if ((verb == QLatin1String("enable") || verb == QLatin1String("disable")) && need(1))
            return show(api.call("PATCH", P + '/' + arg(0), body({{"operationalState", verb == QLatin1String("enable") ? "ENABLED" : "DISABLED"}})),
                        [&](const QJsonValue &) { std::printf("%s %sd\n", qPrintable(arg(0)), qPrintable(verb)); });
        if (verb == QLatin1String("delete") && need(1))
            return show(api.call("DELETE", P + '/' + arg(0)), [&](const QJsonValue &) { std::printf("deleted %s\n", qPrintable(arg(0))); });
        if (verb == QLatin1String("upload") && need(1)) {
            QFile f(arg(0));
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "vinesctl: cannot read %s\n", qPrintable(arg(0)));
                return 1;
            }
            const QByteArray content = f.readAll();
            const Reply made = api.call("POST", P, body({{"userDefinedData", QJsonObject{{"file", QFileInfo(arg(0)).fileName()}}}}));
            if (!ok(made))
                return fail(made);
            const QString id = made.json().toObject().value("id").toString();
            const Reply up = api.call("PUT", P + '/' + id + "/package_content", content, "application/zip");
            if (!ok(up))
                return fail(up);
            if (!wait) {
                std::printf("%s\n", qPrintable(id));
                return 0;
            }
            for (int i = 0; i < 1200; ++i) {   // up to 10 minutes
                const Reply r = api.call("GET", P + '/' + id);
                const QJsonObject o = r.json().toObject();
                if (o.value("onboardingState").toString() == QLatin1String("ONBOARDED")) {
                    std::printf("%s ONBOARDED %s\n", qPrintable(id), qPrintable(o.value("vnfProductName").toString()));
                    return 0;
                }
                if (o.contains("onboardingFailureDetails")) {
                    std::fprintf(stderr, "vinesctl: %s refused: %s\n", qPrintable(arg(0)),
                                 qPrintable(o.value("onboardingFailureDetails").toObject().value("detail").toString()));
                    api.call("DELETE", P + '/' + id);
                    return 1;
                }
                QThread::msleep(500);
            }
            return 1;
        }
        return usage();
    }
    if (noun == QLatin1String("vnfs")) {
        const QString V = "/vnflcm/v1/vnf_instances";
        if (verb == QLatin1String("list"))
            return show(api.call("GET", V), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"NAME", "vnfInstanceName"}, {"PRODUCT", "vnfProductName"}, {"STATE", "instantiationState"},
                                    {"VNF STATE", "instantiatedVnfInfo.vnfState"}, {"FLAVOUR", "instantiatedVnfInfo.flavourId"}});
            });
        if (verb == QLatin1String("show") && need(1))
            return show(api.call("GET", V + '/' + arg(0)), details);
        if (verb == QLatin1String("create") && need(1)) {
            QJsonObject b{{"vnfdId", arg(0)}};
            if (need(2))
                b.insert("vnfInstanceName", arg(1));
            return show(api.call("POST", V, body(b)), [](const QJsonValue &v) { std::printf("%s\n", qPrintable(v.toObject().value("id").toString())); });
        }
        if (verb == QLatin1String("delete") && need(1))
            return show(api.call("DELETE", V + '/' + arg(0)), [&](const QJsonValue &) { std::printf("deleted %s\n", qPrintable(arg(0))); });
        if (verb == QLatin1String("instantiate") && need(2)) {
            QJsonObject b{{"flavourId", arg(1)}};
            if (need(3))
                b.insert("instantiationLevelId", arg(2));
            return started(api, api.call("POST", V + '/' + arg(0) + "/instantiate", body(b)), wait, base);
        }
        if (verb == QLatin1String("terminate") && need(1))
            return started(api, api.call("POST", V + '/' + arg(0) + "/terminate",
                                         body({{"terminationType", arg(1) == QLatin1String("forceful") ? "FORCEFUL" : "GRACEFUL"}})), wait, base);
        if (verb == QLatin1String("scale") && need(3))
            return started(api, api.call("POST", V + '/' + arg(0) + "/scale",
                                         body({{"type", arg(2) == QLatin1String("in") ? "SCALE_IN" : "SCALE_OUT"}, {"aspectId", arg(1)},
                                               {"numberOfSteps", need(4) ? arg(3).toInt() : 1}})), wait, base);
        if (verb == QLatin1String("heal") && need(1))
            return started(api, api.call("POST", V + '/' + arg(0) + "/heal", body({{"cause", "vinesctl"}})), wait, base);
        if ((verb == QLatin1String("start") || verb == QLatin1String("stop")) && need(1))
            return started(api, api.call("POST", V + '/' + arg(0) + "/operate",
                                         body({{"changeStateTo", verb == QLatin1String("start") ? "STARTED" : "STOPPED"}})), wait, base);
        return usage();
    }
    if (noun == QLatin1String("ops")) {
        const QString O = "/vnflcm/v1/vnf_lcm_op_occs";
        if (verb == QLatin1String("list")) {
            QString path = O;
            if (need(1))
                path += "?filter=" + QUrl::toPercentEncoding("(eq,vnfInstanceId," + arg(0) + ")");
            return show(api.call("GET", path), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"OPERATION", "operation"}, {"STATE", "operationState"}, {"VNF", "vnfInstanceId"},
                                    {"STARTED", "startTime"}, {"BY", "operationParams.requestedBy"}});
            });
        }
        if (verb == QLatin1String("show") && need(1))
            return show(api.call("GET", O + '/' + arg(0)), details);
        if ((verb == QLatin1String("retry") || verb == QLatin1String("rollback")) && need(1))
            return started(api, api.call("POST", O + '/' + arg(0) + '/' + verb), wait, base);
        if (verb == QLatin1String("fail") && need(1))
            return show(api.call("POST", O + '/' + arg(0) + "/fail"), [](const QJsonValue &v) {
                std::printf("%s %s\n", qPrintable(v.toObject().value("id").toString()), qPrintable(v.toObject().value("operationState").toString()));
            });
        return usage();
    }
    if (noun == QLatin1String("nsds")) {
        const QString N = "/nsd/v1/ns_descriptors";
        if (verb == QLatin1String("list"))
            return show(api.call("GET", N), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"NAME", "nsdName"}, {"NSD", "nsdId"}, {"VERSION", "nsdVersion"}, {"STATE", "nsdOnboardingState"}});
            });
        if (verb == QLatin1String("show") && need(1))
            return show(api.call("GET", N + '/' + arg(0)), details);
        if (verb == QLatin1String("delete") && need(1))
            return show(api.call("DELETE", N + '/' + arg(0)), [&](const QJsonValue &) { std::printf("deleted %s\n", qPrintable(arg(0))); });
        if (verb == QLatin1String("upload") && need(1)) {
            QFile f(arg(0));
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "vinesctl: cannot read %s\n", qPrintable(arg(0)));
                return 1;
            }
            const Reply made = api.call("POST", N, body({}));
            if (!ok(made))
                return fail(made);
            const QString id = made.json().toObject().value("id").toString();
            const Reply up = api.call("PUT", N + '/' + id + "/nsd_content", f.readAll(), "text/plain");
            if (!ok(up)) {
                api.call("DELETE", N + '/' + id);
                return fail(up);
            }
            std::printf("%s\n", qPrintable(id));
            return 0;
        }
        return usage();
    }
    if (noun == QLatin1String("ns")) {
        const QString S = "/nslcm/v1/ns_instances";
        if (verb == QLatin1String("list"))
            return show(api.call("GET", S), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"NAME", "nsInstanceName"}, {"STATE", "nsState"}, {"ADDRESS", "vinesChain.publicAddress"},
                                    {"PORT", "vinesChain.servicePort"}});
            });
        if (verb == QLatin1String("show") && need(1))
            return show(api.call("GET", S + '/' + arg(0)), details);
        if (verb == QLatin1String("create") && need(2))
            return show(api.call("POST", S, body({{"nsdId", arg(0)}, {"nsName", arg(1)}})),
                        [](const QJsonValue &v) { std::printf("%s\n", qPrintable(v.toObject().value("id").toString())); });
        if (verb == QLatin1String("instantiate") && need(1))
            return started(api, api.call("POST", S + '/' + arg(0) + "/instantiate", body({{"nsFlavourId", "default"}})), wait, base);
        if (verb == QLatin1String("terminate") && need(1))
            return started(api, api.call("POST", S + '/' + arg(0) + "/terminate", body({})), wait, base);
        if (verb == QLatin1String("delete") && need(1))
            return show(api.call("DELETE", S + '/' + arg(0)), [&](const QJsonValue &) { std::printf("deleted %s\n", qPrintable(arg(0))); });
        return usage();
    }
    if (noun == QLatin1String("alarms")) {
        if (verb == QLatin1String("list"))
            return show(api.call("GET", "/vnffm/v1/alarms"), [](const QJsonValue &v) {
                table(v.toArray(), {{"ID", "id"}, {"VNF", "managedObjectId"}, {"SEVERITY", "perceivedSeverity"}, {"ACK", "ackState"},
                                    {"FAULT", "faultType"}, {"RAISED", "alarmRaisedTime"}});
            });
        if (verb == QLatin1String("ack") && need(1))
            return show(api.call("PATCH", "/vnffm/v1/alarms/" + arg(0), body({{"ackState", "ACKNOWLEDGED"}})),
                        [&](const QJsonValue &) { std::printf("acknowledged %s\n", qPrintable(arg(0))); });
        return usage();
    }
    return usage();
}
