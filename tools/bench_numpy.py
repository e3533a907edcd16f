"""The book's SimpleConvNet in plain numpy, timed on this machine: the baseline of docs/benchmarks.md.

Written for gradcheck in the style of "Deep Learning from Scratch" ch. 7 (im2col/col2im, the layers
Convolution, Relu, Pooling, Affine, SoftmaxWithLoss, float64, Adam as in the book's optimizer.py), so
that its speed is the speed of the book's code: the same algorithm, the same array operations, no
tricks the book does not use. The conv layer computes dx too, as the book's backward always does.

It measures, on the embedded digits of src/main/resources/io/gradcheck/data:
  - the train step at batch 100 (gradient + Adam), images/s, over the 8,000 training digits;
  - inference (predict + argmax) in batches of 100 over the 2,000 test digits, images/s.
Each is timed in rounds after a warm-up; it prints the median and min..max of the rounds.

Run by tools/bench-all, or alone:  python3 tools/bench_numpy.py [--rounds 10] [--json FILE]
Without numpy it prints "skipped: python3/numpy missing" and exits 0 (tools/bench-numpy handles a
missing python3). gradcheck itself and its tests never need python.
"""
import argparse
import gzip
import json
import os
import platform
import struct
import sys
import time

try:
    import numpy as np
except ImportError:
    print("skipped: python3/numpy missing (numpy cannot be imported)")
    sys.exit(0)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources",
                    "io", "gradcheck", "data")


def read_idx(name):
    """An IDX file (gzip) as a numpy array of its declared shape, uint8."""
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    zero, dtype, dims = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(name + ": not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(images, labels):
    """Images as (n, 1, 28, 28) float64 in [0, 1], labels as int indices: load_mnist(flatten=False)."""
    x = read_idx(images).astype(np.float64) / 255.0
    return x.reshape(x.shape[0], 1, 28, 28), read_idx(labels).astype(np.int64)


# ---- im2col / col2im ------------------------------------------------------------------------------

def out_size(size, f, stride, pad):
    return (size + 2 * pad - f) // stride + 1


def im2col(x, fh, fw, stride, pad):
    """x (n, c, h, w) -> col (n*outH*outW, c*fh*fw): one row per output position."""
    n, c, h, w = x.shape
    out_h, out_w = out_size(h, fh, stride, pad), out_size(w, fw, stride, pad)
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((n, c, fh, fw, out_h, out_w))
    for dy in range(fh):
        y_stop = dy + stride * out_h
        for dx in range(fw):
            x_stop = dx + stride * out_w
            col[:, :, dy, dx, :, :] = padded[:, :, dy:y_stop:stride, dx:x_stop:stride]
    # (n, c, fh, fw, outH, outW) -> (n, outH, outW, c, fh, fw) -> (n*outH*outW, c*fh*fw)
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * out_h * out_w, -1)


def col2im(col, shape, fh, fw, stride, pad):
    """The adjoint of im2col: sums each row of col back into the (n, c, h, w) positions it came from."""
    n, c, h, w = shape
    out_h, out_w = out_size(h, fh, stride, pad), out_size(w, fw, stride, pad)
    # (n*outH*outW, c*fh*fw) -> (n, outH, outW, c, fh, fw) -> (n, c, fh, fw, outH, outW)
    col = col.reshape(n, out_h, out_w, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad + stride - 1, w + 2 * pad + stride - 1))
    for dy in range(fh):
        y_stop = dy + stride * out_h
        for dx in range(fw):
            x_stop = dx + stride * out_w
            img[:, :, dy:y_stop:stride, dx:x_stop:stride] += col[:, :, dy, dx, :, :]
    return img[:, :, pad:h + pad, pad:w + pad]


# ---- layers ---------------------------------------------------------------------------------------

class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W, self.b, self.stride, self.pad = W, b, stride, pad

    def forward(self, x):
        fn, c, fh, fw = self.W.shape
        n, _, h, w = x.shape
        out_h, out_w = out_size(h, fh, self.stride, self.pad), out_size(w, fw, self.stride, self.pad)
        self.x = x
        self.col = im2col(x, fh, fw, self.stride, self.pad)
        self.col_W = self.W.reshape(fn, -1).T                  # (c*fh*fw, fn)
        out = self.col @ self.col_W + self.b                   # (n*outH*outW, fn)
        return out.reshape(n, out_h, out_w, -1).transpose(0, 3, 1, 2)

    def backward(self, dout):
        fn, c, fh, fw = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, fn)      # (n*outH*outW, fn)
        self.db = np.sum(dout, axis=0)
        self.dW = (self.col.T @ dout).transpose(1, 0).reshape(fn, c, fh, fw)
        dcol = dout @ self.col_W.T
        return col2im(dcol, self.x.shape, fh, fw, self.stride, self.pad)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0  # in place, as the book does: the caller's dout is not used again
        return dout


class Pooling:
    def __init__(self, ph, pw, stride=1, pad=0):
        self.ph, self.pw, self.stride, self.pad = ph, pw, stride, pad

    def forward(self, x):
        n, c, h, w = x.shape
        out_h, out_w = out_size(h, self.ph, self.stride, self.pad), out_size(w, self.pw, self.stride, self.pad)
        col = im2col(x, self.ph, self.pw, self.stride, self.pad).reshape(-1, self.ph * self.pw)
        self.x = x
        self.arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        return out.reshape(n, out_h, out_w, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        dout = dout.transpose(0, 2, 3, 1)                      # (n, outH, outW, c)
        size = self.ph * self.pw
        dmax = np.zeros((dout.size, size))
        dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()
        dmax = dmax.reshape(dout.shape + (size,))
        dcol = dmax.reshape(dmax.shape[0] * dmax.shape[1] * dmax.shape[2], -1)
        return col2im(dcol, self.x.shape, self.ph, self.pw, self.stride, self.pad)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)                     # (n, c*h*w)
        return self.x @ self.W + self.b

    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        return dx.reshape(*self.x_shape)


def softmax(a):
    a = a - np.max(a, axis=1, keepdims=True)
    e = np.exp(a)
    return e / np.sum(e, axis=1, keepdims=True)


class SoftmaxWithLoss:
    def forward(self, a, t):
        self.t = t
        self.y = softmax(a)
        n = a.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1.0):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx * dout / n


# ---- the network and Adam -------------------------------------------------------------------------

class SimpleConvNet:
    """conv (fn filters fs x fs) - relu - pool 2x2 - affine (hidden) - relu - affine (classes) - softmax."""

    def __init__(self, rng, input_dim=(1, 28, 28), fn=30, fs=5, hidden=100, classes=10, std=0.01):
        c, size = input_dim[0], input_dim[1]
        conv_out = out_size(size, fs, 1, 0)
        pool_out = fn * (conv_out // 2) * (conv_out // 2)
        self.params = {
            "W1": std * rng.standard_normal((fn, c, fs, fs)), "b1": np.zeros(fn),
            "W2": std * rng.standard_normal((pool_out, hidden)), "b2": np.zeros(hidden),
            "W3": std * rng.standard_normal((hidden, classes)), "b3": np.zeros(classes),
        }
        p = self.params
        self.layers = [("Conv1", Convolution(p["W1"], p["b1"])), ("Relu1", Relu()),
                       ("Pool1", Pooling(2, 2, stride=2)), ("Affine1", Affine(p["W2"], p["b2"])),
                       ("Relu2", Relu()), ("Affine2", Affine(p["W3"], p["b3"]))]
        self.last = SoftmaxWithLoss()

    def predict(self, x):
        for _, layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last.forward(self.predict(x), t)

    def gradient(self, x, t):
        loss = self.loss(x, t)
        dout = self.last.backward(1.0)
        for _, layer in reversed(self.layers):
            dout = layer.backward(dout)
        named = dict(self.layers)
        grads = {"W1": named["Conv1"].dW, "b1": named["Conv1"].db, "W2": named["Affine1"].dW,
                 "b2": named["Affine1"].db, "W3": named["Affine2"].dW, "b3": named["Affine2"].db}
        return loss, grads


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for k in params:  # in place: the layers hold the same arrays
            self.m[k] += (1 - self.beta1) * (grads[k] - self.m[k])
            self.v[k] += (1 - self.beta2) * (grads[k] ** 2 - self.v[k])
            params[k] -= lr_t * self.m[k] / (np.sqrt(self.v[k]) + 1e-7)


# ---- a self-check, so that the baseline is known to compute the real gradient ----------------------

def self_check(seed):
    """Central differences against backprop on a small net; returns the largest relative error."""
    rng = np.random.default_rng(seed)
    net = SimpleConvNet(rng, input_dim=(1, 8, 8), fn=3, fs=3, hidden=5, classes=4, std=0.3)
    x = rng.uniform(0, 1, (2, 1, 8, 8))
    t = np.array([1, 3])
    _, grads = net.gradient(x, t)
    worst = 0.0
    for k, p in net.params.items():
        flat = p.reshape(-1)
        for i in rng.choice(flat.size, size=min(flat.size, 6), replace=False):
            old = flat[i]
            flat[i] = old + 1e-5
            up = net.loss(x, t)
            flat[i] = old - 1e-5
            down = net.loss(x, t)
            flat[i] = old
            numeric = (up - down) / 2e-5
            analytic = grads[k].reshape(-1)[i]
            worst = max(worst, abs(numeric - analytic) / max(1e-8, abs(numeric) + abs(analytic)))
    return worst


# ---- timing ---------------------------------------------------------------------------------------

def rounds_of(fn, images_per_call, calls, rounds, warmup):
    """Runs fn warmup times, then rounds of calls each; images/s of every round."""
    for _ in range(warmup):
        fn()
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        rates.append(images_per_call * calls / (time.perf_counter() - start))
    return rates


def summary(rates):
    s = sorted(rates)
    mid = len(s) // 2
    median = s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
    return {"median": median, "min": s[0], "max": s[-1], "rounds": rates}


def blas_name():
    try:
        info = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return "%s %s" % (info.get("name", "?"), info.get("version", ""))
    except Exception:  # numpy < 1.25 has no dicts mode
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10, help="timed rounds per measurement (default 10)")
    ap.add_argument("--steps", type=int, default=20, help="train steps per round (default 20)")
    ap.add_argument("--seed", type=int, default=20261129, help="seed of the weights (default 20261129)")
    ap.add_argument("--json", help="also write the results to this file (a new file)")
    args = ap.parse_args()
    if args.rounds < 1 or args.steps < 1:
        ap.error("--rounds and --steps must be at least 1")
    if args.json and os.path.lexists(args.json):
        ap.error("--json %s: exists already; give a new file" % args.json)

    worst = self_check(args.seed)
    if not worst < 1e-5:
        print("numpy baseline: backprop disagrees with central differences, worst relative error %.3g (seed %d)"
              % (worst, args.seed))
        return 1
    x_train, t_train = load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    x_test, t_test = load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    batch = 100
    net = SimpleConvNet(np.random.default_rng(args.seed))
    adam = Adam()
    batches = x_train.shape[0] // batch
    state = {"next": 0, "loss": None}

    def step():
        b = state["next"]
        state["next"] = (b + 1) % batches
        loss, grads = net.gradient(x_train[b * batch:(b + 1) * batch], t_train[b * batch:(b + 1) * batch])
        adam.update(net.params, grads)
        state["loss"] = loss
        state.setdefault("first_loss", loss)

    def infer():
        right = 0
        for b in range(x_test.shape[0] // batch):
            y = net.predict(x_test[b * batch:(b + 1) * batch])
            right += int(np.sum(np.argmax(y, axis=1) == t_test[b * batch:(b + 1) * batch]))
        state["right"] = right

    train = summary(rounds_of(step, batch, args.steps, args.rounds, warmup=5))
    infer_rates = summary(rounds_of(infer, x_test.shape[0] - x_test.shape[0] % batch, 1, args.rounds, warmup=1))
    result = {
        "python": platform.python_version(), "numpy": np.__version__, "blas": blas_name(),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "(unset: numpy's default)"),
        "seed": args.seed, "self_check_worst_relative_error": worst,
        "train_step_images_per_s": train, "inference_images_per_s": infer_rates,
        "steps": args.steps * args.rounds + 5, "last_loss": state["loss"],
        "test_right_of_2000": state["right"],
    }
    print("numpy %s (%s), python %s, OPENBLAS_NUM_THREADS=%s, seed %d; backprop vs central differences: %.2g"
          % (result["numpy"], result["blas"], result["python"], result["OPENBLAS_NUM_THREADS"], args.seed, worst))
    print("train step, batch 100 (gradient + Adam): median %.1f images/s, min .. max %.1f .. %.1f (%d rounds of %d steps)"
          % (train["median"], train["min"], train["max"], args.rounds, args.steps))
    print("inference, 2,000 test digits in batches of 100: median %.1f images/s, min .. max %.1f .. %.1f (%d rounds)"
          % (infer_rates["median"], infer_rates["min"], infer_rates["max"], args.rounds))
    print("loss %.4f after the first step, %.4f after %d steps; %d of 2000 test digits right"
          % (state["first_loss"], state["loss"], result["steps"], state["right"]))
    if args.json:
        with open(args.json, "x") as f:  # "x": never writes over a file that exists
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
