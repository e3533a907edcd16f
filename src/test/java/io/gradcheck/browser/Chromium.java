package io.gradcheck.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run once per call with a time limit, a throw-away profile and its
 * output in files of a directory of ours. A run that outlasts its limit is killed with every process
 * it started, and fails.
 *
 * @param binary the chromium executable
 */
public record Chromium(Path binary) {
    /** The executables looked for on the PATH, in this order. */
    static final List<String> NAMES = List.of("chromium", "chromium-browser");

    /**
     * The Chromium to use: {@code -Dgradcheck.chromium=PATH} if given, else the first of {@link #NAMES}
     * on the PATH; empty if there is none or if {@code -Dgradcheck.chromium=none}, and the browser tests
     * are then skipped.
     *
     * @throws IllegalStateException if the PATH given is not an executable file: a typo must not skip the tests
     */
    public static Optional<Chromium> find() {
        String given = System.getProperty("gradcheck.chromium");
        if ("none".equals(given)) {
            return Optional.empty();
        }
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IllegalStateException("-Dgradcheck.chromium=" + given + " is not an executable file");
            }
            return Optional.of(new Chromium(p));
        }
        String path = System.getenv("PATH");
        for (String name : NAMES) {
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Loads {@code page} in a window of {@code width} x {@code height} CSS pixels and returns the DOM
     * after its scripts ran ({@code --dump-dom}).
     *
     * @param work a directory of ours for the profile and the output files
     */
    public String dumpDom(Path page, int width, int height, Path work, Duration limit) throws IOException {
        Path out = run(work, limit, List.of("--window-size=" + width + "," + height, "--dump-dom",
                page.toUri().toString()));
        return Files.readString(out);
    }

    /** Runs Chromium with these arguments after the headless ones; returns the file holding its stdout. */
    private Path run(Path work, Duration limit, List<String> args) throws IOException {
        Path profile = Files.createTempDirectory(work, "profile"), out = work.resolve(profile.getFileName() + ".out"),
                err = work.resolve(profile.getFileName() + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--mute-audio"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("Chromium did not finish within " + limit.toSeconds() + " s, killed: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IOException("Chromium exited with " + p.exitValue() + ": " + cmd + "\n"
                        + Files.readString(err));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Chromium ran: " + cmd, e);
        } finally {
            kill(p);
        }
    }

    /** Ends the process and every process it started, children first, and waits for them: no zombies. */
    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        for (ProcessHandle h : all) {
            h.destroyForcibly();
        }
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
        }
    }
}
