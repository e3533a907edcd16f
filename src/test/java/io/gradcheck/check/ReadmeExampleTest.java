package io.gradcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.layer.Affine;
import io.gradcheck.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The README's example compiles and passes here, and the README shows exactly these lines. */
class ReadmeExampleTest {
    @Test
    void theReadmeExampleRunsAndPasses() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README:begin
            Well19937c rng = new Well19937c(7);
            Affine layer = new Affine(Tensor.randn(rng, 0.1, 12, 5), Tensor.zeros(5));
            Tensor x = Tensor.randn(rng, 1.0, 4, 3, 2, 2);  // (N, C, H, W), flattened by Affine

            CheckResult result = GradientCheck.of(layer).input(x).seed(7).run();
            System.out.println(result.table());  // one row per gradient: W, b and x
            result.assertPassed();               // else an AssertionError that names the wrong gradient
            // README:end
        } finally {
            System.setOut(out);
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Gradient check of Affine (seed 7"));
    }

    @Test
    void theReadmeShowsTheCodeOfThisTest() throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/gradcheck/check/ReadmeExampleTest.java"));
        String body = test.substring(test.indexOf("// README:begin\n") + 16, test.indexOf("            // README:end"));
        String dedented = String.join("\n", body.lines().map(l -> l.length() >= 12 ? l.substring(12) : l.strip()).toList());
        Matcher m = Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        assertTrue(m.find(), "README.md has a java block");
        assertEquals(dedented, m.group(1));
    }
}
