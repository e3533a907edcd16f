package io.gradcheck.soak;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.Elements;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The running figures of a soak: checks, elements, kinks, outcomes, and how close any element came to failing. */
final class Tally {
    int trials;
    long checked;
    long skipped;
    int inconclusive;
    int failed;
    double maxMargin;  // max over compared elements of |a - n| / (atol + rtol * max(|a|, |n|)); above 1 fails
    final List<String> failures = new ArrayList<>();

    void add(CheckResult r, String shape) {
        trials++;
        CheckSettings st = r.settings();
        for (ParamResult p : r.params()) {
            checked += p.checked();
            skipped += p.skipped();
            Elements e = p.elements();
            if (e == null || e.analytic() == null || !e.analytic().sameShape(e.numeric())) {
                continue;
            }
            for (int i = 0; i < e.numeric().size(); i++) {
                double a = e.analytic().get(i), n = e.numeric().get(i);
                if (!Double.isNaN(n)) {
                    maxMargin = Math.max(maxMargin, Math.abs(a - n) / (st.atol() + st.rtol() * Math.max(Math.abs(a), Math.abs(n))));
                }
            }
        }
        inconclusive += r.status() == Status.INCONCLUSIVE ? 1 : 0;
        if (r.status() == Status.FAILED) {
            failed++;
            if (failures.size() < 5) {  // enough to debug; the count has them all
                failures.add(r.failureMessage() + "\n  shape: " + shape);
            }
        }
    }

    String summary(long seed, double seconds) {
        String time = Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, " (seed %d) in %.1f s", seed, seconds);
        return String.format(Locale.ROOT, "%d trials%s: %d failed, %d inconclusive; %d elements checked, "
                + "%d skipped at kinks; max error margin %.3g of the tolerance", trials, time, failed,
                inconclusive, checked, skipped, maxMargin);
    }
}
