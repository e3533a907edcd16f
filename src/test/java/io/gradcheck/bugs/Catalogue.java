package io.gradcheck.bugs;

import java.util.ArrayList;
import java.util.List;

/** Every catalogue entry, in the order of docs/bugs.md. */
final class Catalogue {
    private Catalogue() {
    }

    static List<Bug<?>> all() {
        List<Bug<?>> all = new ArrayList<>();
        all.addAll(NetBugs.all());
        all.addAll(AffineBugs.all());
        all.addAll(ReluBugs.all());
        all.addAll(PoolingBugs.all());
        all.addAll(ConvolutionBugs.all());
        all.addAll(LossBugs.all());
        return List.copyOf(all);
    }
}
