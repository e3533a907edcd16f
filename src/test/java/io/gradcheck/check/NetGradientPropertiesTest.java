package io.gradcheck.check;

import static io.gradcheck.check.Generators.netShapes;
import static io.gradcheck.check.Generators.theory;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradcheck.net.SimpleConvNet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SimpleConvNet: gradient matches central differences for W1..b3 and dx on random shapes. */
class NetGradientPropertiesTest {
    @Test
    void backpropMatchesFiniteDifferencesForEveryParameter() {
        AtomicInteger inconclusive = new AtomicInteger();
        theory().forAll(netShapes()).checkAssert(s -> {
            CheckResult r = Fixtures.check(Fixtures.net(s, SimpleConvNet::new), s);
            if (r.status() == Status.FAILED) {
                throw new AssertionError(r.failureMessage() + "\n  shape: " + s);
            }
            inconclusive.addAndGet(r.status() == Status.INCONCLUSIVE ? 1 : 0);
        });
        assertTrue(inconclusive.get() <= Generators.TRIES / 20,
                inconclusive.get() + " of " + Generators.TRIES + " inconclusive (seed " + Generators.SEED + ")");
    }
}
