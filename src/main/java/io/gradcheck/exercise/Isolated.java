package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import io.gradcheck.report.Index;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Checks a student's code in a JVM of its own ({@link ChildCheck}), so that nothing the code does
 * (exit, halt, a shutdown hook, a hog of heap or threads, a loop) can end, stall or fool the grader.
 * The grader compiles the source, sends the class files and a random token, and accepts only one
 * well-formed answer that echoes the token, from a child that then exited with code 0; anything
 * else is that exercise's BROKEN verdict. docs/exercises/instructors.md says what this does not cover.
 */
final class Isolated {
    /** The child's heap limit. */
    static final String HEAP = "256m";
    /** Time for the child's JVM to start and answer, on top of the check's own time limit. */
    static final long GRACE_MS = 20_000;
    private static final int MAX_ANSWER = 4 << 20, ERR_TAIL = 4096;
    private static final SecureRandom TOKENS = new SecureRandom();
    private static final Object JAVAC = new Object();

    private Isolated() {
    }

    /**
     * The verdict on {@code source} as the exercise's file; with a report directory, the HTML
     * report of the check is moved there once the child has ended.
     *
     * @param reports where the report goes, or null for none
     * @return the verdict and the report written, or null
     */
    static Result check(Exercise e, String source, ExerciseSettings s, Path reports) {
        SourceCompiler.Compiled c;
        synchronized (JAVAC) {
            c = SourceCompiler.compile(e.className() + ".java", source, Guards.source(e));
        }
        Outcome refused = ExerciseCheck.refused(e, c, s);
        if (refused != null) {
            return new Result(Verdict.of(refused), null);
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("gradcheck-exercise-" + e.id() + "-");
            Wire.Request r = new Wire.Request(e.id(), s.seed(), s.tries(), s.timeout().toMillis(), reports != null,
                    c.classes());
            return run(e, r, scratch, reports);
        } catch (IOException ex) {
            return new Result(Verdict.broken(e, s.seed(), "could not be run in a JVM of its own: " + ex.getMessage()), null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Result(Verdict.broken(e, s.seed(), "the check was interrupted"), null);
        } finally {
            delete(scratch);
        }
    }

    /**
     * A verdict, and the report it comes with.
     *
     * @param verdict the verdict
     * @param report  the HTML report in the reports directory, or null
     */
    record Result(Verdict verdict, Path report) {
    }

    private static Result run(Exercise e, Wire.Request r, Path scratch, Path reports) throws IOException, InterruptedException {
        long n0 = TOKENS.nextLong(), n1 = TOKENS.nextLong();
        Process p = new ProcessBuilder(command()).directory(scratch.toFile()).start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            Thread outReader = drain(p.getInputStream(), out, MAX_ANSWER), errReader = drain(p.getErrorStream(), err, -1);
            try (OutputStream in = p.getOutputStream()) {
                byte[] token = new byte[16];
                for (int i = 0; i < 8; i++) {
                    token[i] = (byte) (n0 >>> (56 - 8 * i));
                    token[8 + i] = (byte) (n1 >>> (56 - 8 * i));
                }
                in.write(token);
                in.write(Wire.request(r));
            } catch (IOException ex) {
                // the child ended before it read its request: its exit code says why
            }
            long limit = r.timeout() + GRACE_MS;
            if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
                kill(p);
                return new Result(Verdict.broken(e, r.seed(), "did not finish within " + r.timeout() / 1000
                        + " s, nor give up at the time limit: is there a loop that never ends, or threads that keep it busy?"), null);
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);  // whatever it started goes with it
            // read all it wrote before the process is destroyed: destroying it discards what is unread
            outReader.join(10_000);
            errReader.join(10_000);
            byte[] answer = out.toByteArray();
            String tail = tail(err);
            if (p.exitValue() != 0) {
                return new Result(Verdict.broken(e, r.seed(), ended(p.exitValue(), tail)), null);
            }
            Wire.Answer a;
            try {
                a = Wire.answer(answer, n0, n1, e, r);
            } catch (IOException ex) {
                return new Result(Verdict.broken(e, r.seed(), "ended its JVM before the check gave its result ("
                        + ex.getMessage() + "): does it call System.exit, Runtime.halt or a main method, or write to "
                        + "standard output through FileDescriptor.out? A layer only computes"), null);
            }
            Path report = null;
            if (a.report() != null && reports != null) {
                Path from = scratch.resolve(a.report());
                if (Files.isRegularFile(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(reports);
                    report = Files.move(from, reports.resolve(a.report()), StandardCopyOption.REPLACE_EXISTING);
                    try {
                        Index.write(reports);  // the child wrote its index in the scratch folder, which goes
                    } catch (IOException ex) {
                        // the report is in place and named in the feedback; the index catches up with the next report
                    }
                }
            }
            return new Result(a.verdict(), report);
        } finally {
            kill(p);
        }
    }

    /** Why a child that exited with a code other than 0 gave no verdict. */
    private static String ended(int code, String err) {
        if (err.contains("OutOfMemoryError")) {
            return "ran out of memory (the check's heap is limited to " + HEAP + "B): does it keep arrays or threads it "
                    + "does not need?";
        }
        return "ended the JVM that checks it, with exit code " + code + ", before the check gave its result: does it call "
                + "System.exit, Runtime.halt or a main method, directly or through reflection? Throw an exception instead";
    }

    /** java, a bounded heap, quick start-up, the kernel options of this JVM, our classpath, ChildCheck. */
    static List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Djava.awt.headless=true"));
        for (String prop : List.of("gradcheck.gemm", "dev.ludovic.netlib.blas.allowNative")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        String cp = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(
                SourceCompiler.classpath().split(java.io.File.pathSeparator)).map(Isolated::absolute).toList());
        cmd.addAll(List.of("-cp", cp, ChildCheck.class.getName()));
        return cmd;
    }

    /** A classpath entry made absolute, since the child runs in another directory; as it is if it is no path. */
    private static String absolute(String entry) {
        try {
            return Path.of(entry).toAbsolutePath().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return entry;
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies a stream into a buffer on a thread of its own; past max bytes (if max >= 0), the rest is dropped. */
    private static Thread drain(InputStream in, ByteArrayOutputStream to, int max) {
        Thread t = new Thread(() -> {
            byte[] b = new byte[8192];
            try (in) {
                for (int n; (n = in.read(b)) >= 0; ) {
                    synchronized (to) {
                        if (max < 0 && to.size() > 4 * ERR_TAIL) {  // keep only the tail of standard error
                            byte[] keep = to.toByteArray();
                            to.reset();
                            to.write(keep, keep.length - ERR_TAIL, ERR_TAIL);
                        }
                        if (max < 0 || to.size() <= max) {
                            to.write(b, 0, n);
                        }
                    }
                }
            } catch (IOException ex) {
                // the child is gone
            }
        }, "gradcheck-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String tail(ByteArrayOutputStream err) {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ex) {
            // a temporary directory left behind is harmless
        }
    }
}
