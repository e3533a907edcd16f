package io.gradcheck.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradcheck.exercise.Outcome.State;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grader accepts exactly one frame with its token that answers its request, and nothing else. */
class WireTest {
    private static final Exercise RELU = Exercises.byId("02");
    private static final Wire.Request REQ = new Wire.Request("02", 7, 40, 60_000, false, Map.of("a.B", new byte[] {1, 2}));
    private static final Verdict PASS = new Verdict(RELU, State.PASSED, 7, 40, List.of(), List.of(), null);

    private static String reason(byte[] bytes, long n0, long n1, Wire.Request r) {
        return assertThrows(IOException.class, () -> Wire.answer(bytes, n0, n1, RELU, r)).getMessage();
    }

    @Test
    void aFrameWithTheTokenThatAnswersTheRequestIsAccepted() throws IOException {
        Wire.Answer a = Wire.answer(Wire.frame(5, 6, REQ, PASS, "r.html"), 5, 6, RELU, REQ);
        assertEquals(PASS, a.verdict());
        assertEquals("r.html", a.report());
    }

    @Test
    void theRequestReadsBackAsSent() throws IOException {
        Wire.Request back = Wire.request(new DataInputStream(new ByteArrayInputStream(Wire.request(REQ))));
        assertEquals(List.of("02", 7L, 40, 60_000L, false), List.of(back.id(), back.seed(), back.tries(), back.timeout(), back.report()));
        assertEquals("[1, 2]", Arrays.toString(back.classes().get("a.B")));
    }

    @Test
    void anythingElseIsRefusedWithItsReason() throws IOException {
        byte[] good = Wire.frame(5, 6, REQ, PASS, null);
        assertEquals("no result", reason(new byte[0], 5, 6, REQ));
        assertEquals("output that is not the harness's result", reason(good, 5, 7, REQ));
        assertEquals("output that is not the harness's result", reason(good, 4, 6, REQ));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertEquals("a result of the wrong length, or output after it", reason(longer, 5, 6, REQ));
        byte[] tail = good.clone();
        tail[tail.length - 1] ^= 1;
        assertEquals("a result that does not end with its token", reason(tail, 5, 6, REQ));
        Wire.Request other = new Wire.Request("02", 8, 40, 60_000, false, Map.of());
        assertEquals("a result for another check", reason(good, 5, 6, other));
        assertThrows(IOException.class, () -> Wire.answer(Arrays.copyOf(good, good.length - 3), 5, 6, RELU, REQ));
    }

    @Test
    void aVerdictThatContradictsItselfIsRefused() throws IOException {
        Verdict fewer = new Verdict(RELU, State.PASSED, 7, 39, List.of(), List.of(), null);  // passed fewer shapes than asked
        assertEquals("a result that contradicts itself", reason(Wire.frame(5, 6, REQ, fewer, null), 5, 6, REQ));
        Verdict noWrong = new Verdict(RELU, State.FAILING, 7, 3, List.of(), List.of("diagnosis: x"), null);
        assertEquals("a result that contradicts itself", reason(Wire.frame(5, 6, REQ, noWrong, null), 5, 6, REQ));
        assertEquals("a result that contradicts itself", reason(Wire.frame(5, 6, REQ, PASS, "../../grades.json"), 5, 6, REQ));
    }
}
