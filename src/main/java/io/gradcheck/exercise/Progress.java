package io.gradcheck.exercise;

import java.util.Map;
import java.util.TreeMap;

/**
 * A student's progress: per exercise, how many checks were run and the highest hint level reached.
 * Never changes; every update returns a changed copy.
 *
 * @param tallies per exercise id
 */
public record Progress(Map<String, Tally> tallies) {
    /** No checks run, no hints taken. */
    public static final Progress EMPTY = new Progress(Map.of());

    /**
     * @param attempts {@code exercise check} runs so far
     * @param hints    the highest hint level shown, 0 to 3
     */
    public record Tally(int attempts, int hints) {
        static final Tally NONE = new Tally(0, 0);
    }

    public Progress {
        tallies = Map.copyOf(tallies);
    }

    /** The tally of exercise id; zero attempts and hints if it has none. */
    public Tally of(String id) {
        return tallies.getOrDefault(id, Tally.NONE);
    }

    /** One more attempt at exercise id. */
    public Progress withAttempt(String id) {
        Tally t = of(id);
        return with(id, new Tally(t.attempts() + 1, t.hints()));
    }

    /** Hint level {@code level} reached at exercise id; a lower level than reached changes nothing. */
    public Progress withHint(String id, int level) {
        Tally t = of(id);
        return with(id, new Tally(t.attempts(), Math.max(t.hints(), level)));
    }

    private Progress with(String id, Tally t) {
        Map<String, Tally> m = new TreeMap<>(tallies);
        m.put(id, t);
        return new Progress(m);
    }
}
