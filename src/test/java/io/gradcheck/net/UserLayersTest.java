package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.CheckSettings;
import io.gradcheck.check.GradientCheck;
import io.gradcheck.check.ParamResult;
import io.gradcheck.check.Status;
import io.gradcheck.data.LoadOptions;
import io.gradcheck.data.Mnist;
import io.gradcheck.data.TrainTest;
import io.gradcheck.layer.Affine;
import io.gradcheck.layer.Convolution;
import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.net.UserLayers.UnmaskedRelu;
import io.gradcheck.net.UserLayers.UserRelu;
import io.gradcheck.net.UserLayers.WrappedConvolution;
import io.gradcheck.tensor.Tensor;
import io.gradcheck.train.Adam;
import io.gradcheck.train.History;
import io.gradcheck.train.OptimizerKind;
import io.gradcheck.train.TrainConfig;
import io.gradcheck.train.Trainer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** A user's layers inside SimpleConvNet: the same numbers as ours, checked, caught when broken, trained. */
class UserLayersTest {
    private static final long SEED = 20261129L;
    private static final NetConfig SMALL = new NetConfig(new int[] {2, 8, 8}, new ConvConfig(4, 3, 1, 1), 7, 5, 0.3, SEED);

    /** Conv1 a wrapper of ours, both ReLUs written from scratch. */
    static NetBuilder userLayers(NetConfig c) {
        return SimpleConvNet.builder(c)
                .conv1((W, b) -> new WrappedConvolution(W, b, c.conv().stride(), c.conv().pad()))
                .relu1(UserRelu::new)
                .relu2(UserRelu::new);
    }

    static Tensor images(int n) {
        return Tensor.randn(new Well19937c(SEED), 1.0, n, 2, 8, 8);
    }

    static Labels labels(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (i * 3) % 5;
        }
        return Labels.indices(t);
    }

    static long[] bits(Tensor t) {
        return Arrays.stream(t.data()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void userLayersGiveBitIdenticalLossGradientsAndBranchesToOurs() {
        Tensor x = images(5);
        Labels t = labels(5);
        SimpleConvNet ours = new SimpleConvNet(SMALL), theirs = userLayers(SMALL).build();
        WrappedConvolution conv = assertInstanceOf(WrappedConvolution.class, theirs.layers().get("Conv1"));
        UserRelu relu1 = assertInstanceOf(UserRelu.class, theirs.layers().get("Relu1"));
        assertInstanceOf(UserRelu.class, theirs.layers().get("Relu2"));
        assertEquals(List.of("Conv1", "Relu1", "Pool1", "Affine1", "Relu2", "Affine2"), List.copyOf(theirs.layers().keySet()));

        assertEquals(Double.doubleToRawLongBits(ours.loss(x, t)), Double.doubleToRawLongBits(theirs.loss(x, t)), "loss");
        Map<String, Tensor> g = ours.gradient(x, t), h = theirs.gradient(x, t);
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3"), List.copyOf(h.keySet()));
        g.forEach((k, v) -> assertArrayEquals(bits(v), bits(h.get(k)), k));
        assertArrayEquals(ours.branches(), theirs.branches(), "the user ReLUs' masks and our pooling argmax, in order");
        assertArrayEquals(bits(ours.backprop(x, t)), bits(theirs.backprop(x, t)), "dx");
        assertTrue(conv.forwards > 0 && relu1.forwards > 0, "the user's layers ran");
        assertTrue(conv.params().get("W") == theirs.params().get("W1"), "W1 is the user layer's live W");
    }

    @Test
    void aNetOfUserLayersPassesTheCheckAndSkipsTheKinksOfTheirBranches() {
        Tensor x = images(3);
        SimpleConvNet ours = new SimpleConvNet(SMALL), theirs = userLayers(SMALL).build();
        double h = CheckSettings.DEFAULT.h();
        for (SimpleConvNet net : List.of(ours, theirs)) {  // hidden unit 0 of image 0 just above relu2's kink: a b2 step of h, and of h/4, crosses it
            Map<String, Tensor> p = net.params();
            Tensor pooled = new Pooling(2, 2, 2, 0).forward(new Relu().forward(new Convolution(p.get("W1"), p.get("b1"), 1, 1)
                    .forward(x)));
            p.get("b2").set(0, 0.2 * h - new Affine(p.get("W2"), Tensor.zeros(7)).forward(pooled).get(0));
        }
        CheckResult want = GradientCheck.of(ours, labels(3)).input(x).seed(SEED).run();
        CheckResult got = GradientCheck.of(theirs, labels(3)).input(x).seed(SEED).run();
        got.assertPassed();
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3", "x"), got.params().stream().map(ParamResult::name).toList());
        assertTrue(got.param("b2").skipped() > 0, "b2[0] steps cross relu2's kink, which only relu2's branches show");
        for (ParamResult r : want.params()) {
            assertEquals(r.skipped(), got.param(r.name()).skipped(), r.name() + " skipped, seed " + SEED);
            assertEquals(r.maxAbsError(), got.param(r.name()).maxAbsError(), 0.0, r.name() + ", seed " + SEED);
        }
    }

    @Test
    void aBrokenUserReluFailsTheNetsCheckAndTheBlameFallsOnTheParametersBelowIt() {
        Tensor x = images(3);
        Map<String, Status> relu1 = statuses(GradientCheck.of(SimpleConvNet.builder(SMALL).relu1(UnmaskedRelu::new).build(),
                labels(3)).input(x).seed(SEED).run());
        assertEquals("{W1=FAILED, b1=FAILED, W2=PASSED, b2=PASSED, W3=PASSED, b3=PASSED, x=FAILED}", relu1.toString(),
                "Relu1 sits between Conv1 and Pool1; seed " + SEED);
        Map<String, Status> relu2 = statuses(GradientCheck.of(SimpleConvNet.builder(SMALL).relu2(UnmaskedRelu::new).build(),
                labels(3)).input(x).seed(SEED).run());
        assertEquals("{W1=FAILED, b1=FAILED, W2=FAILED, b2=FAILED, W3=PASSED, b3=PASSED, x=FAILED}", relu2.toString(),
                "Relu2 sits between Affine1 and Affine2; seed " + SEED);
    }

    private static Map<String, Status> statuses(CheckResult r) {
        assertEquals(Status.FAILED, r.status(), r.table());
        return r.params().stream().collect(Collectors.toMap(ParamResult::name, ParamResult::status, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    @Test
    void aNetWithUserLayersTrainsOnTheEmbeddedDigitsExactlyAsOurs() throws IOException {
        TrainTest tt = Mnist.embedded(new LoadOptions(true, false, false));
        NetConfig c = new NetConfig(new int[] {1, 28, 28}, new ConvConfig(4, 5, 0, 1), 20, 10, 0.1, SEED);
        TrainConfig cfg = new TrainConfig(1, 20, OptimizerKind.ADAM, 0.01, SEED, 200).withSlices(2);
        SimpleConvNet ours = new SimpleConvNet(c), theirs = userLayers(c).build();
        History want = new Trainer(ours, new Adam(ours.params(), 0.01, Adam.BETA1, Adam.BETA2), cfg, tt.train(), tt.test())
                .run(p -> { });
        History got = new Trainer(theirs, new Adam(theirs.params(), 0.01, Adam.BETA1, Adam.BETA2), cfg, tt.train(), tt.test())
                .run(p -> { });
        double[] loss = got.losses();
        assertEquals(10, loss.length, "200 images in batches of 20");
        double first = (loss[0] + loss[1] + loss[2]) / 3, last = (loss[7] + loss[8] + loss[9]) / 3;
        assertTrue(last < first - 0.1, "loss " + Arrays.toString(loss) + ", seed " + SEED);
        assertArrayEquals(want.losses(), loss, 0.0, "two slices, each on a replica made by the user's factories");
        assertArrayEquals(want.testAcc(), got.testAcc(), 0.0);
        ours.params().forEach((k, v) -> assertArrayEquals(bits(v), bits(theirs.params().get(k)), k));
    }

    @Test
    void replicasForBatchSplitAreMadeAgainByTheFactories() {
        SimpleConvNet theirs = userLayers(SMALL).build();
        try (BatchSplit split = new BatchSplit(theirs, 3, 1)) {
            assertEquals(3, split.slices());
            SimpleConvNet replica = new SimpleConvNet(theirs);
            assertInstanceOf(UserRelu.class, replica.layers().get("Relu1"));
            assertNotSame(theirs.layers().get("Relu1"), replica.layers().get("Relu1"));
            assertNotSame(theirs.layers().get("Conv1"), replica.layers().get("Conv1"));
            assertTrue(replica.params().get("W1") == theirs.params().get("W1"), "the replica shares W1");
            assertTrue(replica.layers().get("Conv1").params().get("W") == theirs.params().get("W1"));
            Map<String, Tensor> g = split.gradient(images(7), labels(7));
            try (BatchSplit oursSplit = new BatchSplit(new SimpleConvNet(SMALL), 3, 1)) {
                oursSplit.gradient(images(7), labels(7)).forEach((k, v) -> assertArrayEquals(bits(v), bits(g.get(k)), k));
            }
        }
    }

    /** What a subclass (an exercise, a catalogued bug) sees: its protected fields are the named list's layers. */
    private static final class Seen extends SimpleConvNet {
        Seen(NetBuilder layers) {
            super(layers);
        }

        List<Layer> fields() {
            return List.of(conv1, relu1, pool1, affine1, relu2, affine2);
        }
    }

    @Test
    void aSubclassBuiltFromUserLayersSeesThemAsItsProtectedFields() {
        Seen net = new Seen(userLayers(SMALL));
        assertEquals(List.copyOf(net.layers().values()), net.fields());
        assertInstanceOf(UserRelu.class, net.fields().get(1));
        try (BatchSplit split = new BatchSplit(net, 3, 1)) {
            assertEquals(1, split.slices(), "a subclass may override gradient, which a replica would not inherit");
        }
    }

    @Test
    void lossOfGivesAUsersLayerThatWritesIntoItsInputANewCopyEachCall() {
        Tensor x = images(3);
        Labels t = labels(3);
        for (String name : List.of("W1", "W3")) {
            SimpleConvNet net = SimpleConvNet.builder(SMALL).affine2(UserLayers.InputWipingAffine::new)
                    .conv1((W, b) -> new WrappedConvolution(W, b, 1, 1) {
                        @Override
                        public Tensor forward(Tensor in) {
                            Tensor y = super.forward(in);
                            in.set(0, 0.0);  // writes into the input it was given, as InputWipingAffine does
                            return y;
                        }
                    }).build();
            double want = net.loss(x.copy(), t);
            DoubleSupplier f = net.lossOf(name, x, t);
            assertEquals(want, f.getAsDouble(), 0.0, name);
            assertEquals(want, f.getAsDouble(), 0.0, name + ", second call: the same input again");
            assertArrayEquals(bits(images(3)), bits(x), name + ": x not modified");
        }
    }
}
