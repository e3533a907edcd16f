package io.gradcheck.bugs;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.Detector;
import io.gradcheck.check.DetectorResult;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradients a check blames: those that FAILED, and those the linearity or the state detector
 * names when it alone caught the bug (a ParamResult stays PASSED when only an identity broke).
 */
final class Blame {
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
            if ((d.detector() == Detector.DOUT_LINEARITY || d.detector() == Detector.STATE) && d.caught()) {
                d.blamed().stream().filter(p -> !out.contains(p)).forEach(out::add);
            }
        }
        return out;
    }
}
