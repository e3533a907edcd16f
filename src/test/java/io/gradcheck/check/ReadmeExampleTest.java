package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's example compiles and passes here; {@code DocSnippetsTest} keeps the README's copy equal. */
class ReadmeExampleTest {
    @Test
    void theReadmeExampleRunsAndPasses() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // snippet:readme:begin
            Affine layer = new Affine(Tensor.randn(7, 0.1, 12, 5), Tensor.zeros(5));  // W drawn from seed 7
            Tensor x = Tensor.randn(8, 1.0, 4, 3, 2, 2);  // (N, C, H, W), flattened by Affine

            CheckResult result = GradientCheck.of(layer).input(x).seed(7).run();
            System.out.println(result.table());  // one row per gradient: W, b and x
            result.assertPassed();               // else an AssertionError that names the wrong gradient
            // snippet:readme:end
        } finally {
            System.setOut(out);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Gradient check of Affine (seed 7"));
    }
}
