package io.gradcheck.check;

import java.util.List;

/**
 * What one detector found.
 *
 * @param detector   which detector
 * @param applicable false where the detector's premise does not hold (for example, a loss is not
 *                   homogeneous), so it could neither catch nor clear anything
 * @param caught     true if it found the gradient wrong
 * @param evidence   one sentence: the identity and both sides, or why it did not apply
 * @param blamed     the gradients it found wrong ("x", "W", ...), or the set an identity covers; empty if none
 */
public record DetectorResult(Detector detector, boolean applicable, boolean caught, String evidence, List<String> blamed) {
    public DetectorResult {
        blamed = List.copyOf(blamed);
    }

    static DetectorResult notApplicable(Detector d, String why) {
        return new DetectorResult(d, false, false, why, List.of());
    }

    static DetectorResult ok(Detector d, String evidence) {
        return new DetectorResult(d, true, false, evidence, List.of());
    }
}
