package io.gradcheck.bugs;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Detector;
import io.gradcheck.check.DetectorResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gradients a check blames: those that FAILED, and the one an exact detector names in its
 * evidence when it alone caught the bug (a ParamResult stays PASSED when only an identity broke).
 */
final class Blame {
    private static final Pattern LINEARITY = Pattern.compile("^d(\\S+) at element");  // DOUT_LINEARITY's evidence

    private Blame() {
    }

    static List<String> of(CheckResult r) {
        List<String> out = new ArrayList<>();
        for (ParamResult p : r.params()) {
            if (p.status() == Status.FAILED) {
                out.add(p.name());
            }
        }
        for (DetectorResult d : r.detectors()) {
            Matcher m = LINEARITY.matcher(d.evidence());
            if (d.detector() == Detector.DOUT_LINEARITY && d.caught() && m.find() && !out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }
}
