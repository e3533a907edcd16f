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
        all.addAll(unseen());
        return List.copyOf(all);
    }

    /**
     * The entries of issue 13: written, with their expected kinds, before the diagnosis engine was
     * run on them or changed for them; the measure of an engine on bugs it was not tuned to.
     */
    static List<Bug<?>> unseen() {
        List<Bug<?>> all = new ArrayList<>();
        all.addAll(StateBugs.all());
        all.addAll(GeometryBugs.all());
        all.addAll(LayoutBugs.all());
        all.addAll(KindBugs.all());
        return List.copyOf(all);
    }
}
