package io.gradcheck.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.layer.Labels;
import io.gradcheck.layer.Layer;
import io.gradcheck.layer.Pooling;
import io.gradcheck.layer.Relu;
import io.gradcheck.net.UserLayers.CopyingAffine;
import io.gradcheck.net.UserLayers.NoGradsConvolution;
import io.gradcheck.net.UserLayers.OverflowingRelu;
import io.gradcheck.net.UserLayers.ParametricRelu;
import io.gradcheck.net.UserLayers.TransposedAffine;
import io.gradcheck.net.UserLayers.UserRelu;
import io.gradcheck.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** A user's layer that does not fit its place is refused with its name, its class and both shapes. */
class UserLayerRefusalsTest {
    private static final NetConfig SMALL = new NetConfig(new int[] {2, 8, 8}, new ConvConfig(4, 3, 1, 1), 7, 5, 0.3, 1);

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aLayerOfTheWrongShapeIsRefusedNamingTheLayerAndBothShapes() {
        assertEquals("SimpleConvNet: Affine1 (TransposedAffine) has W [7, 64], but W2 must be [64, 7]",
                refused(() -> SimpleConvNet.builder(SMALL).affine1(TransposedAffine::new).build()));
        assertEquals("SimpleConvNet: Affine2 (TransposedAffine) has W [5, 7], but W3 must be [7, 5]",
                refused(() -> SimpleConvNet.builder(SMALL).affine2(TransposedAffine::new).build()));
    }

    @Test
    void aLayerThatCopiesItsTensorsIsRefused() {
        assertEquals("SimpleConvNet: Affine1 (CopyingAffine)'s W is not the tensor W2 it was made with; a layer must "
                + "keep and return the very tensors it is given, which the net trains and checks in place",
                refused(() -> SimpleConvNet.builder(SMALL).affine1(CopyingAffine::new).build()));
    }

    @Test
    void aLayerWithParametersTheNetHasNoNameForIsRefused() {
        assertEquals("SimpleConvNet: Relu1 (ParametricRelu) has params [alpha], but a Relu here has none (the net "
                + "would neither train nor check them)", refused(() -> SimpleConvNet.builder(SMALL).relu1(ParametricRelu::new).build()));
        assertEquals("SimpleConvNet: Conv1 (UserRelu) has params [], but a Convolution here has [W, b]",
                refused(() -> SimpleConvNet.builder(SMALL).conv1((W, b) -> new UserRelu()).build()));
    }

    @Test
    void aFactoryMustMakeANewLayerEachTime() {
        Layer once = new Relu();
        assertEquals("SimpleConvNet: the factory for Relu2 returned the layer already used as Relu1; a layer caches its "
                + "last forward, so each call must make a new one",
                refused(() -> SimpleConvNet.builder(SMALL).relu1(() -> once).relu2(() -> once).build()));
        Layer pool = new Pooling(2, 2, 2, 0);
        SimpleConvNet net = SimpleConvNet.builder(SMALL).pool1(() -> pool).build();  // one net: fine
        assertSame(pool, net.layers().get("Pool1"));
        assertEquals("SimpleConvNet: the factory for Pool1 returned the layer already used as Pool1 of the network "
                + "whose parameters it shares; a layer caches its last forward, so each call must make a new one",
                refused(() -> new BatchSplit(net, 2, 1)));
        assertEquals("SimpleConvNet: the factory for Relu1 returned null",
                refused(() -> SimpleConvNet.builder(SMALL).relu1(() -> null).build()));
        assertEquals("NetBuilder.relu1: the factory must be given, got null", refused(() -> SimpleConvNet.builder(SMALL).relu1(null)));
        assertEquals("SimpleConvNet.builder: config must be given, got null", refused(() -> SimpleConvNet.builder(null)));
    }

    @Test
    void aBuilderNeverChangesEachMethodReturnsACopy() {
        NetBuilder ours = SimpleConvNet.builder(SMALL);
        NetBuilder theirs = ours.relu1(UserRelu::new);
        assertEquals(Relu.class, ours.build().layers().get("Relu1").getClass());
        assertEquals(UserRelu.class, theirs.build().layers().get("Relu1").getClass());
    }

    @Test
    void aLayerThatFillsNoGradientIsNamedByGradient() {
        SimpleConvNet net = SimpleConvNet.builder(new NetConfig(new int[] {1, 6, 6}, new ConvConfig(2, 3, 0, 1), 3, 2, 0.1, 1))
                .conv1(NoGradsConvolution::new).build();
        Tensor x = Tensor.randn(new Well19937c(1), 1.0, 2, 1, 6, 6);
        var e = assertThrows(IllegalStateException.class, () -> net.gradient(x, Labels.indices(0, 1)));
        assertEquals("SimpleConvNet.gradient: Conv1 (NoGradsConvolution) has no gradient \"W\" (for W1) after backward; "
                + "its grads() has []", e.getMessage());
    }

    @Test
    void firstNonFiniteNamesAUsersLayerByItsKindAndClass() {
        SimpleConvNet net = SimpleConvNet.builder(SMALL).relu1(OverflowingRelu::new).build();
        assertEquals("the output of Relu OverflowingRelu is Infinity at [0, 0, 0, 0]", net.firstNonFinite(UserLayersTest.images(2)));
    }

    @Test
    void backwardOrderAndRolesComeFromTheNamedList() {
        SimpleConvNet net = new SimpleConvNet(SMALL);
        assertEquals(List.of("W3", "b3", "W2", "b2", "W1", "b1"), net.backwardOrder());
        assertEquals("Convolution", net.roleOf("b1"));
        assertEquals("Affine", net.roleOf("W3"));
        assertEquals("SimpleConvNet.roleOf: no parameter named 'W4'; the parameters are [W1, b1, W2, b2, W3, b3]",
                refused(() -> net.roleOf("W4")));
    }

    @Test
    void paramShapesAreTheShapesTheNetBuilds() {
        for (NetConfig c : List.of(SMALL, NetConfig.book(1), new NetConfig(new int[] {3, 9, 7}, new ConvConfig(2, 3, 1, 2), 4, 3, 0.1, 1))) {
            Map<String, long[]> shapes = SimpleConvNet.paramShapes(c);
            SimpleConvNet net = new SimpleConvNet(c);
            assertEquals(List.copyOf(net.params().keySet()), List.copyOf(shapes.keySet()));
            net.params().forEach((k, v) -> assertArrayEquals(toLongs(v.shape()), shapes.get(k), k + " of " + c));
        }
    }

    private static long[] toLongs(int[] a) {
        return java.util.Arrays.stream(a).asLongStream().toArray();
    }
}
