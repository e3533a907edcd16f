package example;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.check.GradientCheck;
import io.gradcheck.layer.Relu;
import io.gradcheck.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A project that declares only io.gradcheck:gradcheck gets the checker, but not what only the CLI needs. */
class TransitiveTest {
    @Test
    void theCheckerRunsWithWhatTheLibraryBrings() {
        GradientCheck.of(new Relu()).input(Tensor.randn(5, 1.0, 3, 4)).seed(5).run().assertPassed();
    }

    @Test
    void picocliOnlyTheCommandLineNeedsDoesNotArrive() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
    }

    @Test
    void quicktheoriesIsOptionalAndDoesNotArrive() {  // Generators needs it; a user who wants them adds it
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.quicktheories.QuickTheory"));
    }
}
