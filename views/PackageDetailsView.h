#pragma once
#include <QTreeWidget>

namespace vines {

struct PackageRecord;
struct DeploymentFlavour;

// Everything the VNFD of a package declares: descriptor, VNF-ExP, VDUs, connection points,
// virtual links, external CPs, and the artifacts in the archive.
class PackageDetailsView : public QTreeWidget {
    Q_OBJECT
public:
    explicit PackageDetailsView(QWidget *parent = nullptr);
    void show(const PackageRecord &r);
    void clearDetails();

private:
    void showFlavour(QTreeWidgetItem *group, const DeploymentFlavour &f, bool isDefault);
};

} // namespace vines
