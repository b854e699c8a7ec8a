#pragma once
// What the widgets are given: the model objects they display and the VNFM they ask to act.
// Widgets never decide lifecycle logic themselves; they call these and show the outcome.
namespace vines {
class PackageCatalog;
class InstanceStore;
class OperationStore;
class Vnfm;
class PackageOnboarder;
class EmsLink;
class NsCatalog;
class Nfvo;
class ServiceAlarms;

struct ConsoleServices {
    PackageCatalog &packages;
    InstanceStore &instances;
    OperationStore &operations;
    Vnfm &vnfm;
    PackageOnboarder &onboarder;
    EmsLink &ems;
    NsCatalog &nsCatalog;
    Nfvo &nfvo;
    ServiceAlarms &serviceAlarms;   // network services' own alarms (NS_DOWN, NS_DEGRADED)
};
} // namespace vines
