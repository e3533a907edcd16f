package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gradcheck.exercise.Outcome.State;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of plausible wrong fixes: hard-coded constants, half-fixes, swapped arguments, a
 * fix for one axis only. Each must fail the exercise's check at the default seed and number of
 * shapes, as a student would run it; the test name gives the seed and the exercise.
 */
class WrongFixesTest {
    /**
     * A wrong fix of an exercise's pristine file.
     *
     * @param id    the exercise
     * @param what  the mistake, in words
     * @param edits buggy text, replacement, ...
     */
    record WrongFix(String id, String what, String... edits) {
        @Override
        public String toString() {
            return id + " at seed " + ExerciseSettings.DEFAULT.seed() + ": " + what;
        }
    }

    static final List<WrongFix> CATALOGUE = List.of(
            new WrongFix("01", "b2 takes the second Affine's bias",
                    "grads.put(\"b2\", affine1.grads().get(\"W\"));", "grads.put(\"b2\", affine2.grads().get(\"b\"));"),
            new WrongFix("01", "b2 takes the convolution's bias",
                    "grads.put(\"b2\", affine1.grads().get(\"W\"));", "grads.put(\"b2\", conv1.grads().get(\"b\"));"),
            new WrongFix("02", "dx passes dout everywhere",
                    "dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = dd[i];"),
            new WrongFix("02", "dx is the mask itself, without dout",
                    "dxd[i] = mask[i] ? dd[i] : 0.0;", "dxd[i] = mask[i] ? 0.0 : 1.0;"),
            new WrongFix("03", "divided by the number of classes K, not the batch size N",
                    "d[i] *= dout;", "d[i] *= dout / k;"),
            new WrongFix("03", "divided by N but dout dropped",
                    "d[i] *= dout;", "d[i] /= n;"),
            new WrongFix("04", "the first row of dout times N",
                    "db.set(j, dout.get(j));", "db.set(j, dout.get(j) * dout.dim(0));"),
            new WrongFix("04", "the mean over the batch, not the sum",
                    "db.set(j, dout.get(j));", "for (int i = 0; i < dout.dim(0); i++) {\n"
                    + "                db.set(j, db.get(j) + dout.get(i * m + j) / dout.dim(0));\n            }"),
            new WrongFix("04", "summed along the row (over M) instead of down the batch",
                    "db.set(j, dout.get(j));", "for (int i = 0; i < m; i++) {\n"
                    + "                db.set(j, db.get(j) + dout.get(j * 0 + i));\n            }"),
            new WrongFix("05", "xᵀ · dout of the unflattened x's first rows: matmulTransA(dout, x2) transposed by reshape",
                    "dW = Ops.matmulTransA(dout, x2);", "dW = Ops.matmulTransA(dout, x2).reshape(W.shape());"),
            new WrongFix("05", "dout · xᵀ the other way: matmulTransB(dout, x2)",
                    "dW = Ops.matmulTransA(dout, x2);", "dW = Ops.transpose(Ops.matmulTransA(x2, dout)).reshape(W.shape());"),
            new WrongFix("06", "row and column decoded with poolH: right only for square windows",
                    "k % poolH - pad;   // the max's row in x\n                    int xx = ox * stride + k / poolH",
                    "k / poolH - pad;   // the max's row in x\n                    int xx = ox * stride + k % poolH"),
            new WrongFix("06", "the row fixed, the column not",
                    "k % poolH - pad;   // the max's row in x", "k / poolW - pad;   // the max's row in x"),
            new WrongFix("06", "the padding left out of the decoded position",
                    "k % poolH - pad;   // the max's row in x\n                    int xx = ox * stride + k / poolH - pad",
                    "k / poolW;   // the max's row in x\n                    int xx = ox * stride + k % poolW"),
            new WrongFix("07", "the stride applied to rows only",
                    "int y = oy + k / poolW - pad;", "int y = oy * stride + k / poolW - pad;"),
            new WrongFix("07", "windows placed poolH and poolW apart, not stride apart",
                    "int y = oy + k / poolW - pad;", "int y = oy * poolH + k / poolW - pad;",
                    "int xx = ox + k % poolW - pad;", "int xx = ox * poolW + k % poolW - pad;"),
            new WrongFix("07", "the stride applied, the padding dropped",
                    "int y = oy + k / poolW - pad;", "int y = oy * stride + k / poolW;",
                    "int xx = ox + k % poolW - pad;", "int xx = ox * stride + k % poolW;"),
            new WrongFix("08", "the overlapping contributions averaged, not summed",
                    "xd[((bn * c + ch) * h + y) * w + xx] = cd[k];",
                    "xd[((bn * c + ch) * h + y) * w + xx] = (xd[((bn * c + ch) * h + y) * w + xx] + cd[k]) / 2;"),
            new WrongFix("08", "the largest contribution kept",
                    "xd[((bn * c + ch) * h + y) * w + xx] = cd[k];",
                    "xd[((bn * c + ch) * h + y) * w + xx] = Math.max(xd[((bn * c + ch) * h + y) * w + xx], cd[k]);"),
            new WrongFix("09", "dᵀ · col reshaped with FN and C swapped",
                    "dW = Ops.matmulTransA(col, d).reshape(W.shape());",
                    "dW = Ops.matmulTransA(d, col).reshape(W.dim(1), W.dim(0), W.dim(2), W.dim(3));"),
            new WrongFix("09", "colᵀ · d transposed as a flat array",
                    "dW = Ops.matmulTransA(col, d).reshape(W.shape());",
                    "dW = Ops.matmulTransA(col, d).reshape(W.dim(0), -1).reshape(W.shape());"),
            new WrongFix("10", "a hard-coded 1 in place of pad",
                    "int y = oy * stride + i;", "int y = oy * stride + i - 1;",
                    "int xx = ox * stride + j;", "int xx = ox * stride + j - 1;"),
            new WrongFix("10", "the rows fixed, the columns not",
                    "int y = oy * stride + i;", "int y = oy * stride + i - pad;"),
            new WrongFix("10", "the columns fixed, the rows not",
                    "int xx = ox * stride + j;", "int xx = ox * stride + j - pad;"),
            new WrongFix("10", "pad added, not subtracted",
                    "int y = oy * stride + i;", "int y = oy * stride + i + pad;",
                    "int xx = ox * stride + j;", "int xx = ox * stride + j + pad;"),
            new WrongFix("10", "the stride left out with the pad put in",
                    "int y = oy * stride + i;", "int y = oy + i - pad;",
                    "int xx = ox * stride + j;", "int xx = ox + j - pad;"),
            new WrongFix("11", "the stride applied to rows only",
                    "int y = oy + i - pad;", "int y = oy * stride + i - pad;"),
            new WrongFix("11", "windows placed a filter apart, not a stride apart",
                    "int y = oy + i - pad;", "int y = oy * fh + i - pad;",
                    "int xx = ox + j - pad;", "int xx = ox * fw + j - pad;"),
            new WrongFix("11", "a hard-coded stride of 2",
                    "int y = oy + i - pad;", "int y = oy * 2 + i - pad;",
                    "int xx = ox + j - pad;", "int xx = ox * 2 + j - pad;"),
            new WrongFix("12", "the larger of the two gradients kept",
                    "dxd[(nc * h + y) * w + xx] = dd[o];",
                    "dxd[(nc * h + y) * w + xx] = Math.max(dxd[(nc * h + y) * w + xx], dd[o]);"),
            new WrongFix("12", "the gradients of overlapping windows averaged",
                    "dxd[(nc * h + y) * w + xx] = dd[o];",
                    "dxd[(nc * h + y) * w + xx] = dxd[(nc * h + y) * w + xx] == 0 ? dd[o] : (dxd[(nc * h + y) * w + xx] + dd[o]) / 2;"),
            new WrongFix("12", "summed, but only for the first channel",
                    "dxd[(nc * h + y) * w + xx] = dd[o];",
                    "dxd[(nc * h + y) * w + xx] = nc == 0 ? dxd[(nc * h + y) * w + xx] + dd[o] : dd[o];"),
            new WrongFix("13", "one per image and position, but not per channel",
                    "argmax = new int[c * outH * outW];", "argmax = new int[n * outH * outW];"),
            new WrongFix("13", "the first image's maxima kept for the batch instead of the last",
                    "argmax[o % argmax.length] = arg;", "if (o < argmax.length) {\n                        argmax[o] = arg;\n                    }"),
            new WrongFix("13", "backward reads one per output, forward unchanged",
                    "int k = argmax[o % argmax.length];", "int k = argmax[o];"),
            new WrongFix("14", "one loop bound fixed, the other not",
                    "for (int i = 0; i < fw; i++) {", "for (int i = 0; i < fh; i++) {"),
            new WrongFix("14", "the loops swapped so that the rows run inside",
                    "for (int i = 0; i < fw; i++) {\n                            int y = oy * stride + i - pad;\n                            for (int j = 0; j < fh; j++, k++) {",
                    "for (int j = 0; j < fw; j++) {\n                            for (int i = 0; i < fh; i++, k++) {\n                            int y = oy * stride + i - pad;"),
            new WrongFix("15", "the sum halved on each call, as a running mean",
                    "dW = dW == null ? g : Ops.add(dW, g);", "dW = dW == null ? g : Ops.scale(Ops.add(dW, g), 0.5);"),
            new WrongFix("15", "the earlier calls subtracted instead of added",
                    "dW = dW == null ? g : Ops.add(dW, g);", "dW = dW == null ? g : Ops.add(g, Ops.scale(dW, -1));"),
            new WrongFix("16", "the 1e-7 moved into the numerator as well",
                    "double s = yt / (yt + 1e-7);", "double s = (yt + 1e-7) / (yt + 2e-7);"),
            new WrongFix("16", "the factor applied to the true class only",
                    "                d[i * k + j] *= s;", "                d[i * k + j] *= j == t.get(i) ? s : 1;"));

    static Stream<WrongFix> catalogue() {
        return CATALOGUE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyWrongFixFailsItsExerciseAtTheDefaultSeed(WrongFix f) {
        Exercise e = Exercises.byId(f.id());
        String s = Pristine.source(e);
        for (int i = 0; i < f.edits().length; i += 2) {
            assertEquals(s.indexOf(f.edits()[i]), s.lastIndexOf(f.edits()[i]), f + ": must occur once: " + f.edits()[i]);
            assertNotEquals(-1, s.indexOf(f.edits()[i]), f + ": not found: " + f.edits()[i]);
            s = s.replace(f.edits()[i], f.edits()[i + 1]);
        }
        Outcome o = ExerciseCheck.source(e, s, ExerciseSettings.DEFAULT);
        assertEquals(State.FAILING, o.state(), () -> f + ": " + (o.problem() != null ? o.problem() : "passed "
                + o.tries() + " shapes"));
    }
}
