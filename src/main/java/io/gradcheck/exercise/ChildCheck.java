package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import io.gradcheck.report.CheckReport;
import io.gradcheck.report.CheckRun;
import io.gradcheck.report.Reproduction;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The main class of the JVM that runs one exercise's student code, started by {@link Isolated}.
 * Not for people: it reads its request from standard input and answers on standard output.
 *
 * <p>It reads the grader's token into two local variables before any student code is loaded, and
 * keeps it there: a value on this thread's stack, which student code cannot read. Student code's
 * own printing goes to standard error. After the answer it halts, so no shutdown hook runs.
 */
public final class ChildCheck {
    private ChildCheck() {
    }

    /** Reads a request from standard input, checks, answers on standard output, halts. */
    public static void main(String[] args) {
        long n0 = 0, n1 = 0;
        FileOutputStream answer = new FileOutputStream(FileDescriptor.out);
        try {
            InputStream raw = new FileInputStream(FileDescriptor.in);
            for (int i = 0; i < 16; i++) {  // byte by byte: no buffer keeps the token
                int b = raw.read();
                if (b < 0) {
                    Runtime.getRuntime().halt(4);
                }
                if (i < 8) {
                    n0 = n0 << 8 | b;
                } else {
                    n1 = n1 << 8 | b;
                }
            }
            Wire.Request r = Wire.request(new DataInputStream(new BufferedInputStream(raw)));
            raw.close();
            System.setIn(InputStream.nullInputStream());
            System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
            Exercise e = Exercises.byId(r.id());
            ExerciseSettings s = new ExerciseSettings(r.seed(), r.tries(), Duration.ofMillis(r.timeout()));
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            Outcome o = ExerciseCheck.classes(e, r.classes(), s);
            List<String> left = leftRunning(before);
            if (!left.isEmpty() && o.state() != State.BROKEN) {
                o = new Outcome(e, State.BROKEN, s.seed(), 0, null, null, "left " + left.size() + " thread"
                        + (left.size() == 1 ? "" : "s") + " running after the check (" + String.join(", ", left)
                        + "): a layer computes its result in the calling thread and starts none");
            }
            String report = null;
            if (r.report() && o.check() != null && o.state() != State.BROKEN) {
                report = CheckReport.write(Path.of("").toAbsolutePath(), new CheckRun(e.label(), o.seed(), List.of(o.check()),
                        o.found() == null ? null : e.target().describe().apply(o.found().shape()),
                        Reproduction.cli(again(e, o.seed(), s.tries())), s.tries(), Instant.now().toString(), "exercise")).getFileName().toString();
            }
            answer.write(Wire.frame(n0, n1, r, Verdict.of(o), report));
            answer.flush();
            Runtime.getRuntime().halt(0);
        } catch (Throwable t) {  // our own failure, or student code that broke the harness: no answer
            System.err.println("gradcheck child: " + t);
            Runtime.getRuntime().halt(5);  // 3 is the JVM's own code for -XX:+ExitOnOutOfMemoryError
        }
    }

    /** The arguments of the command that checks this exercise again: its seed, and its tries unless the default. */
    static List<String> again(Exercise e, long seed, int tries) {
        List<String> args = new ArrayList<>(List.of("exercise", "check", e.id(), "--seed", String.valueOf(seed)));
        if (tries != ExerciseSettings.DEFAULT.tries()) {
            args.addAll(List.of("--tries", String.valueOf(tries)));
        }
        return args;
    }

    /** The names of threads that student code started and left alive. */
    private static List<String> leftRunning(Set<Thread> before) {
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            boolean ours = before.contains(t) || t instanceof ForkJoinWorkerThread || t.getName().startsWith("gradcheck-");
            if (!ours && t.isAlive() && t.getThreadGroup() != null && isStudent(t.getThreadGroup())) {
                left.add(t.getName());
            }
        }
        return left;
    }

    private static boolean isStudent(ThreadGroup g) {
        for (ThreadGroup p = g; p != null; p = p.getParent()) {
            if (p == ExerciseCheck.STUDENT) {
                return true;
            }
        }
        return false;
    }
}
