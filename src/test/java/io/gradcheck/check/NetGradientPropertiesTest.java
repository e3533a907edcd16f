package io.gradcheck.check;

import static io.gradcheck.check.Generators.netShapes;
import static io.gradcheck.check.Generators.theory;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.SimpleConvNet;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SimpleConvNet: gradient matches central differences for W1..b3 and dx on random shapes. */
class NetGradientPropertiesTest {
    private final PropertyReports report = new PropertyReports("properties SimpleConvNet");

    @AfterEach
    void writeReport() {
        report.write();
    }

    @Test
    void backpropMatchesFiniteDifferencesForEveryParameter() {
        AtomicInteger inconclusive = new AtomicInteger();
        AtomicInteger examples = new AtomicInteger();
        AtomicInteger live = new AtomicInteger();
        theory().forAll(netShapes()).checkAssert(s -> {
            examples.incrementAndGet();
            SimpleConvNet net = Fixtures.net(s, SimpleConvNet::new);
            if (Arrays.stream(net.gradient(Fixtures.input(s), Fixtures.labels(s)).get("W1").data()).anyMatch(v -> Math.abs(v) > 1e-9)) {
                live.incrementAndGet();
            }
            CheckResult r = report.keep(Fixtures.check(net, s));
            if (r.status() == Status.FAILED) {
                throw new AssertionError(r.failureMessage() + "\n  shape: " + s);
            }
            inconclusive.addAndGet(r.status() == Status.INCONCLUSIVE ? 1 : 0);
        });
        assertTrue(examples.get() >= Generators.TRIES, examples + " examples");
        // where every ReLU is dead all gradients are 0 and agree trivially: most nets must be alive
        assertTrue(live.get() >= examples.get() * 3 / 4, live + " of " + examples + " nets have a nonzero dW1");
        assertTrue(inconclusive.get() <= Generators.TRIES / 20,
                inconclusive.get() + " of " + Generators.TRIES + " inconclusive (seed " + Generators.SEED + ")");
    }
}
