package io.gradcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.Shapes;
import io.gradcheck.layer.Layer;
import io.gradcheck.report.Reproduction;
import io.gradcheck.tensor.Ops;
import io.gradcheck.tensor.Tensor;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Function;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java a report gives to paste into a JUnit test compiles where its comment says it does: next
 * to the {@code check} (and {@code shapes}) the test passes to GradientAssertions.
 */
class ReproductionCompilesTest {
    @TempDir
    Path out;

    /** y = 2x, with a backward that forgets the 2. */
    private static final class Doubling implements Layer {
        @Override
        public Tensor forward(Tensor x) {
            return Ops.scale(x, 2);
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout.copy();
        }
    }

    /** The Java of the report that a failing assertion wrote. */
    private static String pasted(Runnable failing) throws Exception {
        AssertionError e = assertThrows(AssertionError.class, failing::run);
        return GradientAssertionsTest.reportOf(e).select("#failure pre.snippet").first().wholeText();
    }

    /** Compiles a test class whose methods hold the snippets, with check and shapes in scope; the compiler's complaints, or "". */
    private String compile(String searched, String single) {
        String src = "import io.gradcheck.check.GradientCheck;\n"
                + "import io.gradcheck.check.Shapes;\n"
                + "import io.gradcheck.junit.GradientAssertions;\n"
                + "import java.util.function.Function;\n"
                + "public class Pasted {\n"
                + "  public void searched(Function<Shapes.Ints, Shapes.DenseShape> shapes, Function<Shapes.DenseShape, GradientCheck> check) {\n"
                + searched + "\n  }\n"
                + "  public void single(GradientCheck check) {\n" + single + "\n  }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Pasted.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        };
        String classes = Path.of(GradientCheck.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        StringWriter complaints = new StringWriter();
        boolean ok = javac.getTask(complaints, null, null, List.of("-classpath", classes, "-d", out.toString(), "-proc:none"),
                null, List.of(file)).call();
        return ok ? "" : complaints + "\n" + src;
    }

    @Test
    void theJUnitLinesOfAShapeSearchAndOfOneCheckCompile() throws Exception {
        String searched = pasted(() -> GradientAssertions.assertGradients(Shapes.DenseShape::draw,
                s -> GradientCheck.of(new Doubling()).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d())), 3, 20));
        String single = pasted(() -> GradientAssertions.assertGradients(GradientCheck.of(new Doubling())
                .input(Tensor.randn(1L, 1, 2, 3)).seed(4)));
        assertTrue(searched.contains("new io.gradcheck.check.Shapes.DenseShape("), searched);
        assertTrue(single.contains("check.seed(4L)"), single);
        assertEquals("", compile(searched, single));
        assertFalse(compile(searched, single.replace("check.seed", "check.sead")).isEmpty(), "the compiler does check");

        // and pasted, it fails again: the smallest shape alone, with the test's own check
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> pasted = loader.loadClass("Pasted");
            Object test = pasted.getDeclaredConstructor().newInstance();
            Function<Shapes.DenseShape, GradientCheck> check = s -> GradientCheck.of(new Doubling()).input(Tensor.randn(s.dataSeed(), 1, s.n(), s.d()));
            Method m = pasted.getDeclaredMethod("searched", Function.class, Function.class);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(test, null, check));
            assertTrue(e.getCause() instanceof AssertionError && e.getCause().getMessage().contains("Doubling FAILED (seed 3, input [1, 1])"),
                    String.valueOf(e.getCause()));
        }
    }

    @Test
    void theFallbackLineOfAShapeThatCannotBeWrittenAsJavaCompiles() {
        String again = GradientAssertions.again(new Object(), 3, 20).text();
        assertTrue(again.contains("GradientAssertions.assertGradients(shapes, check, 3L, 20);"), again);
        assertEquals("", compile(again, Reproduction.junit(GradientCheck.of(new Doubling()).input(Tensor.zeros(1, 2)).seed(9).run()).text()));
    }

    @Test
    void aHostileSubjectNameCannotEscapeTheCommentOfTheJUnitLine() {
        String name = "evil \\u000a } class Injected { \n void f() {";
        String line = Reproduction.junit(GradientCheck.of(name, x -> 0.0, x -> Tensor.zeros(x.shape())).input(Tensor.zeros(1, 2)).seed(9)
                .run()).text();
        assertEquals("", compile(GradientAssertions.again(new Object(), 3, 20).text(), line));
        assertFalse(line.contains("\\u"), line);
    }
}
