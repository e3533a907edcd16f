package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.GradientCheck;
import io.gradcheck.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a library user gets from io.gradcheck:gradcheck: the checker, and nothing that overrides their own choices. */
class SigmoidTest {
    @Test
    void sigmoidMatchesFiniteDifferencesOnRandomShapes() {
        Random shapes = new Random(20261129);  // seeded: the same shapes on every machine
        for (int i = 0; i < 6; i++) {
            int[] shape = i % 2 == 0
                    ? new int[] {1 + shapes.nextInt(4), 1 + shapes.nextInt(8)}                       // (N, D)
                    : new int[] {1 + shapes.nextInt(3), 1 + shapes.nextInt(3), 1 + shapes.nextInt(5), 1 + shapes.nextInt(5)};  // (N, C, H, W)
            Tensor x = Tensor.randn(100 + i, 2.0, shape);
            GradientCheck.of(new Sigmoid()).input(x).seed(100 + i).run().assertPassed();
        }
    }

    /** The same layer with dout forgotten in backward: the check must catch it. */
    @Test
    void aSigmoidThatForgetsDoutFails() {
        Sigmoid broken = new Sigmoid() {
            @Override
            public Tensor backward(Tensor dout) {
                Tensor ones = dout.copy();
                for (int i = 0; i < ones.size(); i++) {
                    ones.set(i, 1.0);
                }
                return super.backward(ones);
            }
        };
        Tensor x = Tensor.randn(3, 1.0, 2, 5);
        assertThrows(AssertionError.class, () -> GradientCheck.of(broken).input(x).seed(3).run().assertPassed());
    }

    @Test
    void theUsersOwnPicocliVersionWins() {
        assertEquals("4.6.2", CommandLine.VERSION);
    }

    @Test
    void theGradcheckJarHoldsOnlyGradcheckClassesAndNamesItsModule() throws IOException, URISyntaxException {
        Path jar = Path.of(GradientCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(jar.getFileName().toString().matches("gradcheck-.*\\.jar"), "a jar from the repository: " + jar);
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> foreign = new ArrayList<>();
            j.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("io/gradcheck/"))
                    .forEach(foreign::add);
            assertEquals(List.of(), foreign, "third-party classes inside " + jar);
            assertEquals("io.gradcheck", j.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }
}
