package io.gradcheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.SoftmaxWithLoss;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabelInputsTest {
    @Test
    @Hostile(area = "Shapes and configuration", input = "a label outside [0, outputSize)",
            outcome = "`SoftmaxWithLoss.forward: label 1 is 3, outside [0, 3)`")
    void aLabelOutsideTheClassesIsRejectedNamingItsPosition() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxWithLoss().forward(Tensor.zeros(2, 3), Labels.indices(0, 3)));
        assertEquals("SoftmaxWithLoss.forward: label 1 is 3, outside [0, 3)", e.getMessage());
    }
}
