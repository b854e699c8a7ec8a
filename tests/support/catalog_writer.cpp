// Test helper process: opens the catalog at argv[1], onboards the package argv[2] (if not
// already there) and then records instances with their operation occurrences, one pair per
// transaction, as fast as it can until it is killed.
#include "catalog/Database.h"
#include "catalog/InstanceStore.h"
#include "catalog/OperationStore.h"
#include "catalog/PackageCatalog.h"
#include <QCoreApplication>
#include <cstdio>

using namespace vines;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4)
        return 2;
    Database db(QString::fromLocal8Bit(argv[1]));
    if (const Result<> opened = db.open(); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorMessage()));
        return 1;
    }
    PackageCatalog catalog(db, QString::fromLocal8Bit(argv[3]));
    const Result<QString> pkg = catalog.list().isEmpty() ? catalog.onboardFile(QString::fromLocal8Bit(argv[2])) : Result<QString>(catalog.list().first().id);
    if (!pkg) {
        std::fprintf(stderr, "%s\n", qPrintable(pkg.errorMessage()));
        return 1;
    }
    InstanceStore instances(db);
    OperationStore ops(db);
    std::printf("ready\n");
    std::fflush(stdout);
    for (int i = 0;; ++i) {
        Database::Transaction tx(db);
        InstanceRecord r;
        r.id = newId();
        r.name = QStringLiteral("vnf-%1-%2").arg(QCoreApplication::applicationPid()).arg(i);
        r.packageId = *pkg;
        r.vimId = "local";
        r.instantiationState = InstantiationState::NotInstantiated;
        r.vnfState = VnfState::Stopped;
        r.flavour = "small";
        OperationRecord op;
        op.id = newId();
        op.instanceId = r.id;
        op.operation = "INSTANTIATE";
        op.state = OpState::Processing;
        Result<> stored = instances.insert(r);
        if (stored)
            stored = ops.insert(op);
        if (!stored) {
            std::fprintf(stderr, "%s\n", qPrintable(stored.errorMessage()));
            return 1;
        }
        tx.commit();
    }
}
