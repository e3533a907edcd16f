package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the grader and the JVM that runs one exercise say to each other. The grader sends the
 * request on the child's standard input, behind a random token of 16 bytes; the child answers with
 * one frame on its standard output that echoes the token before and after its payload. Student
 * code never sees the token, so it cannot write a frame that the grader accepts.
 */
final class Wire {
    static final int MAX_TEXT = 1 << 20;
    private static final byte[] MAGIC = "GCVERDCT".getBytes(StandardCharsets.US_ASCII);

    private Wire() {
    }

    /**
     * A check to run.
     *
     * @param id      the exercise id
     * @param seed    seed of the shapes
     * @param tries   random shapes
     * @param timeout the time limit in milliseconds, inside the child
     * @param report  whether to write the HTML report into the child's working directory
     * @param classes the student's compiled classes by binary name
     */
    record Request(String id, long seed, int tries, long timeout, boolean report, Map<String, byte[]> classes) {
    }

    static byte[] request(Request r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        str(out, r.id());
        out.writeLong(r.seed());
        out.writeInt(r.tries());
        out.writeLong(r.timeout());
        out.writeBoolean(r.report());
        out.writeInt(r.classes().size());
        for (Map.Entry<String, byte[]> c : r.classes().entrySet()) {
            str(out, c.getKey());
            out.writeInt(c.getValue().length);
            out.write(c.getValue());
        }
        out.flush();
        return bytes.toByteArray();
    }

    static Request request(DataInputStream in) throws IOException {
        String id = str(in);
        long seed = in.readLong();
        int tries = in.readInt();
        long timeout = in.readLong();
        boolean report = in.readBoolean();
        int n = in.readInt();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = str(in);
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            classes.put(name, b);
        }
        return new Request(id, seed, tries, timeout, report, classes);
    }

    /** The child's answer: the verdict, the request it answers, and the report's file name or null. */
    static byte[] frame(long n0, long n1, Request r, Verdict v, String report) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(payload);
        str(p, r.id());
        p.writeLong(r.seed());
        p.writeInt(r.tries());
        str(p, v.state().name());
        p.writeInt(v.tries());
        nullable(p, v.problem());
        list(p, v.wrong());
        list(p, v.findings());
        nullable(p, report);
        p.flush();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeLong(n0);
        out.writeLong(n1);
        out.writeInt(payload.size());
        payload.writeTo(out);
        out.writeLong(n0);
        out.writeLong(n1);
        out.flush();
        return bytes.toByteArray();
    }

    /**
     * What a child answered, once the grader has verified it.
     *
     * @param verdict the verdict
     * @param report  the report's file name in the child's working directory, or null
     */
    record Answer(Verdict verdict, String report) {
    }

    /**
     * The answer in {@code bytes}, all that the child wrote on its standard output; an
     * IOException says why it is not one well-formed frame with this token that answers this request.
     */
    static Answer answer(byte[] bytes, long n0, long n1, Exercise e, Request r) throws IOException {
        if (bytes.length == 0) {
            throw new IOException("no result");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || in.readLong() != n0 || in.readLong() != n1) {
            throw new IOException("output that is not the harness's result");
        }
        int len = in.readInt();
        if (len < 0 || len != bytes.length - MAGIC.length - 36) {
            throw new IOException("a result of the wrong length, or output after it");
        }
        in.skipNBytes(len);
        if (in.readLong() != n0 || in.readLong() != n1) {
            throw new IOException("a result that does not end with its token");
        }
        DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(bytes, MAGIC.length + 20, len));
        if (!str(p).equals(r.id()) || p.readLong() != r.seed() || p.readInt() != r.tries()) {
            throw new IOException("a result for another check");
        }
        State state = State.valueOf(str(p));
        int tries = p.readInt();
        String problem = nullable(p);
        List<String> wrong = list(p), findings = list(p);
        String report = nullable(p);
        boolean consistent = switch (state) {
            case PASSED -> tries == r.tries() && problem == null && wrong.isEmpty() && findings.isEmpty();
            case FAILING -> tries >= 1 && tries <= r.tries() && problem == null && !wrong.isEmpty() && !findings.isEmpty();
            case BROKEN -> problem != null && wrong.isEmpty() && findings.isEmpty();
            case NOT_STARTED -> false;
        };
        if (!consistent || report != null && !report.matches("[A-Za-z0-9._-]+\\.html")) {
            throw new IOException("a result that contradicts itself");
        }
        return new Answer(new Verdict(e, state, r.seed(), tries, wrong, findings, problem), report);
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_TEXT) {
            throw new IOException("a text of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            str(out, s);
        }
    }

    private static String nullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? str(in) : null;
    }

    private static void list(DataOutputStream out, List<String> l) throws IOException {
        out.writeInt(l.size());
        for (String s : l) {
            str(out, s);
        }
    }

    private static List<String> list(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1000) {
            throw new IOException("a list of " + n + " lines");
        }
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(str(in));
        }
        return l;
    }
}
