package io.gradcheck.cli;

import io.gradcheck.data.RefusedOutputException;
import io.gradcheck.train.TrainingStopped;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar target/gradcheck-cli.jar COMMAND}: {@code check}, {@code train}, {@code predict},
 * {@code export} or {@code exercise}.
 *
 * <p>Exit codes: 0 success; 1 a gradient check failed, training stopped on a value that is not
 * finite, or a file could not be read or written; 2 wrong arguments, or an output refused before any
 * work ({@link RefusedOutputException}); 130 stopped by Ctrl-C. Every error is one line on stderr;
 * {@code --debug}, anywhere on the command line, adds its stack trace and the library's debug lines
 * (which matrix multiply is in use).
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, version = "gradcheck 0.1.0",
        description = "Gradient checks and training of the book's SimpleConvNet.",
        subcommands = {CheckCommand.class, TrainCommand.class, PredictCommand.class, ExportCommand.class,
                ExerciseCommand.class})
public final class Main implements Callable<Integer> {
    static final int OK = 0, FAILED = 1, USAGE = 2, INTERRUPTED = 130;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "After an error's one line, print its stack trace; say which matrix multiply is in use.")
    boolean debug;

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
        cl.setExpandAtFiles(false);  // "@FILE" is a file name, never a file of arguments (a FIFO there would hang)
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            c.getErr().println(name + ": " + oneLine(Limits.explain(ex)) + " (see '" + name + " --help')");
            // the parse failed, so the parse result may not hold --debug: look at the words
            return trace(ex, c, Arrays.asList(a).contains("--debug"), USAGE);
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            int code;
            if (ex instanceof IllegalArgumentException || ex instanceof RefusedOutputException) {
                code = USAGE;  // a value the parser accepted but we cannot use, found before any work
            } else if (ex instanceof IOException || ex instanceof UncheckedIOException || ex instanceof TrainingStopped) {
                code = FAILED;
            } else {
                throw ex;  // a bug: let the stack trace show
            }
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(describe(ex)));
            return trace(ex, c, debug(parsed), code);
        });
        // --debug anywhere: the parse has not happened yet, so look at the words, as for a parse failure
        try (DebugLog log = DebugLog.open(Arrays.asList(args).contains("--debug"), err)) {
            return cl.execute(args);
        }
    }

    /** Prints the stack trace after the error's line if --debug was given; returns code. */
    private static int trace(Exception ex, CommandLine c, boolean debug, int code) {
        if (debug) {
            ex.printStackTrace(c.getErr());
            c.getErr().flush();
        }
        return code;
    }

    /** Whether --debug was given to the command or to any of its parents. */
    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: check, train, predict, export or exercise");
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
