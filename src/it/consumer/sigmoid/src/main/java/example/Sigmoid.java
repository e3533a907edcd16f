package example;

import io.gradcheck.layer.Layer;
import io.gradcheck.tensor.Tensor;

/** y = 1 / (1 + exp(-x)), element by element: a layer of the user's own, written against gradcheck's Layer. */
public class Sigmoid implements Layer {
    private Tensor y;  // backward needs only the output: dy/dx = y (1 - y)

    @Override
    public Tensor forward(Tensor x) {
        y = x.copy();
        for (int i = 0; i < y.size(); i++) {
            y.set(i, 1.0 / (1.0 + Math.exp(-x.get(i))));
        }
        return y.copy();
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor dx = dout.copy();  // never write into dout
        for (int i = 0; i < dx.size(); i++) {
            dx.set(i, dout.get(i) * y.get(i) * (1.0 - y.get(i)));
        }
        return dx;
    }
}
