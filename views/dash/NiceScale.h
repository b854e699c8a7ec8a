#pragma once
// Axis ranges people can read: ticks at 1, 2, 2.5 or 5 times a power of ten, the range widened
// to whole ticks, and an idle series (all zero, or a rounding error like 1e-9) shown as 0..1.
#include <QString>
#include <cmath>

namespace vines {

struct NiceScale {
    double min = 0, max = 1, step = 0.2;
    int decimals = 1;   // enough to print every tick exactly
    QString labelFormat() const { return QStringLiteral("%.%1f").arg(decimals); }

    static NiceScale of(double lo, double hi, int maxTicks = 6)
    {
        NiceScale s;
        if (!std::isfinite(lo) || !std::isfinite(hi) || hi < lo)
            return s;
        if (hi - lo < 1e-6) {   // idle or flat: a readable band around the value
            if (std::fabs(hi) < 1e-6)
                return s;
            lo = std::min(0.0, lo);
            hi = hi > 0 ? hi * 1.2 : 0;
        }
        const double raw = (hi - lo) / std::max(1, maxTicks - 1);
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        double step = 10 * mag;
        for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0})
            if (f * mag >= raw - 1e-12) {
                step = f * mag;
                break;
            }
        s.step = step;
        s.min = std::floor(lo / step + 1e-9) * step;
        s.max = std::ceil(hi / step - 1e-9) * step;
        if (s.max <= s.min)
            s.max = s.min + step;
        // 2.5 x 10^k needs one more decimal than its power of ten.
        const double digits = -std::floor(std::log10(step) + 1e-9) + (std::fabs(step / std::pow(10.0, std::floor(std::log10(step) + 1e-9)) - 2.5) < 1e-9 ? 1 : 0);
        s.decimals = std::max(0, int(digits));
        return s;
    }
};

// A time axis whose ticks fall on round times: the tick interval (seconds) for a window, and the
// window's end moved up to the next tick, so labels read 12:00:10, 12:00:20, ...
struct TimeTicks {
    qint64 stepMs = 10000;
    int count = 7;
    static TimeTicks of(qint64 windowMs, int maxTicks = 7)
    {
        TimeTicks t;
        for (const qint64 s : {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400}) {
            if (windowMs / (s * 1000) + 1 <= maxTicks) {
                t.stepMs = s * 1000;
                break;
            }
            t.stepMs = s * 1000;
        }
        t.count = int(windowMs / t.stepMs) + 1;
        return t;
    }
    qint64 alignedEnd(qint64 nowMs) const { return (nowMs + stepMs - 1) / stepMs * stepMs; }
};

} // namespace vines
