package io.gradcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar target/gradcheck.jar COMMAND}: {@code check}, {@code train}, {@code predict} or
 * {@code export}.
 *
 * <p>Exit codes: 0 success; 1 a gradient check failed, or a file could not be read or written;
 * 2 wrong arguments (one line on stderr, no stack trace); 130 stopped by Ctrl-C.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, version = "gradcheck 0.1.0",
        description = "Gradient checks and training of the book's SimpleConvNet.",
        subcommands = {CheckCommand.class, TrainCommand.class, PredictCommand.class, ExportCommand.class})
public final class Main implements Callable<Integer> {
    static final int OK = 0, FAILED = 1, USAGE = 2, INTERRUPTED = 130;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command line and returns its exit code instead of exiting.
     *
     * @param out receives normal output; err receives errors. Neither is closed.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            c.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof IllegalArgumentException) {  // a value the parser accepted but we cannot use
                c.getErr().println("gradcheck " + c.getCommandName() + ": " + oneLine(ex.getMessage()));
                return USAGE;
            }
            if (ex instanceof IOException || ex instanceof UncheckedIOException) {
                c.getErr().println("gradcheck " + c.getCommandName() + ": " + oneLine(describe(ex)));
                return FAILED;
            }
            throw ex;  // a bug: let the stack trace show
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: check, train, predict or export");
    }

    /** The message on one line; for file errors whose message is only the path, says what happened. */
    static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof FileSystemException f && f.getReason() == null) {
            String what = f instanceof NoSuchFileException ? "no such file" : f instanceof AccessDeniedException
                    ? "permission denied" : f instanceof FileAlreadyExistsException ? "already exists"
                    : f.getClass().getSimpleName();
            return f.getFile() + ": " + what + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        return String.valueOf(t.getMessage());
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
