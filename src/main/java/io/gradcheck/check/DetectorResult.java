package io.gradcheck.check;

/**
 * What one detector found.
 *
 * @param detector   which detector
 * @param applicable false where the detector's premise does not hold (for example, a loss is not
 *                   homogeneous), so it could neither catch nor clear anything
 * @param caught     true if it found the gradient wrong
 * @param evidence   one sentence: the identity and both sides, or why it did not apply
 */
public record DetectorResult(Detector detector, boolean applicable, boolean caught, String evidence) {
    static DetectorResult notApplicable(Detector d, String why) {
        return new DetectorResult(d, false, false, why);
    }
}
