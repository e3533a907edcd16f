package io.gradcheck.check;

import static io.gradcheck.check.HandMade.detector;
import static io.gradcheck.check.HandMade.nullDx;
import static io.gradcheck.check.HandMade.pointwise;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract and finite-difference detectors: what each says when it catches a bug and when it clears the code. */
class DetectorVerdictsTest {
    private static final Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 1, 4);

    @Test
    void rightCodeClearsBothDetectorsAndSaysSo() {
        CheckResult r = GradientCheck.of(new Relu()).input(X).seed(3).run();
        assertEquals(new DetectorResult(Detector.CONTRACT, true, false,
                "every gradient is present, finite and of its parameter's shape", List.of()), detector(r, Detector.CONTRACT));
        assertEquals(new DetectorResult(Detector.FINITE_DIFFERENCES, true, false,
                "no compared element disagrees", List.of()), detector(r, Detector.FINITE_DIFFERENCES));
    }

    @Test
    void aBrokenContractIsCaughtByTheContractDetectorAlone() {
        CheckResult r = GradientCheck.of(nullDx()).input(X).seed(3).run();
        assertEquals(new DetectorResult(Detector.CONTRACT, true, true,
                "a gradient is missing, misshapen or not finite, or backward broke its contract", List.of("x")),
                detector(r, Detector.CONTRACT));
        assertEquals(new DetectorResult(Detector.FINITE_DIFFERENCES, true, false,
                "no compared element disagrees", List.of()), detector(r, Detector.FINITE_DIFFERENCES));
    }

    @Test
    void aWrongElementIsCaughtByTheFiniteDifferenceDetectorAlone() {
        CheckResult r = GradientCheck.of(pointwise(v -> 2 * v, v -> 2, 1, 1)).input(X).seed(3).run();
        assertEquals(new DetectorResult(Detector.CONTRACT, true, false,
                "every gradient is present, finite and of its parameter's shape", List.of()), detector(r, Detector.CONTRACT));
        assertEquals(new DetectorResult(Detector.FINITE_DIFFERENCES, true, true,
                "an element disagrees with its central difference", List.of("x")), detector(r, Detector.FINITE_DIFFERENCES));
    }
}
