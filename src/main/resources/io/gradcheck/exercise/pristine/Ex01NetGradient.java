package io.gradcheck.exercises;

import io.gradcheck.layer.Labels;
import io.gradcheck.net.NetConfig;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Exercise 01: SimpleConvNet.gradient
 *
 * One of the six gradients that gradient() hands back is not the gradient of its parameter.
 * Find it and fix it; change nothing else.
 *
 *     java -jar target/gradcheck-cli.jar exercise check 01
 *
 * Handout: docs/exercises/01-net-gradient.md
 */
public class Ex01NetGradient extends SimpleConvNet {
    public Ex01NetGradient(NetConfig config) {
        super(config);
    }

    /** The gradients of the loss by backpropagation, named like params(): W1, b1, W2, b2, W3, b3. */
    @Override
    public Map<String, Tensor> gradient(Tensor x, Labels t) {
        backprop(x, t);  // forward, then backward through every layer: each layer now holds its grads
        Map<String, Tensor> grads = new LinkedHashMap<>();
        grads.put("W1", conv1.grads().get("W"));
        grads.put("b1", conv1.grads().get("b"));
        grads.put("W2", affine1.grads().get("W"));
        grads.put("b2", affine1.grads().get("W"));
        grads.put("W3", affine2.grads().get("W"));
        grads.put("b3", affine2.grads().get("b"));
        return grads;
    }
}
