package io.gradcheck.exercise;

import io.gradcheck.exercise.Outcome.State;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks one exercise's code: compiles it, searches random shapes for a failing gradient in a
 * daemon thread with a timeout, and turns whatever the code does (fail, throw, hang) into an
 * {@link Outcome}. Never throws for anything the student's code does.
 */
public final class ExerciseCheck {
    /** Why exercises cannot be checked on a runtime without a compiler. */
    public static final String NO_COMPILER = "no Java compiler in this runtime (" + System.getProperty("java.home")
            + "): the exercises are compiled at run time, so run gradcheck with a JDK 17 or later, not a JRE";

    /** The group of the thread that runs student code, and so of every thread that code starts. */
    static final ThreadGroup STUDENT = new ThreadGroup("gradcheck-student");

    private ExerciseCheck() {
    }

    /** Whether this runtime has the JDK's compiler, which the exercises need. */
    public static boolean compilerAvailable() {
        return javax.tools.ToolProvider.getSystemJavaCompiler() != null;
    }

    /**
     * Compiles {@code source} as the exercise's file and checks it in this JVM. The CLI never does
     * this: it checks student code in a JVM of its own ({@link Isolated}).
     */
    public static Outcome source(Exercise e, String source, ExerciseSettings s) {
        SourceCompiler.Compiled c = SourceCompiler.compile(e.className() + ".java", source, Guards.source(e));
        Outcome refused = refused(e, c, s);
        return refused != null ? refused : classes(e, c.classes(), s);
    }

    /** The outcome of code that did not compile or that calls System.exit, else null. */
    static Outcome refused(Exercise e, SourceCompiler.Compiled c, ExerciseSettings s) {
        if (c.exits() != null) {
            return broken(e, s, "would end the JVM that checks it before the check gives its result, so it was not run:\n" + c.exits()
                    + "\nthrow an exception instead");
        }
        return c.classes() == null ? broken(e, s, "does not compile:\n" + c.errors()) : null;
    }

    /** Loads the exercise's class from compiled class files and checks it. */
    static Outcome classes(Exercise e, java.util.Map<String, byte[]> classes, ExerciseSettings s) {
        Class<?> type;
        try {
            type = SourceCompiler.load(classes, e.className() + ".java", e.qualifiedName());
        } catch (StudentCodeException ex) {
            return broken(e, s, "does not compile:\n" + ex.getMessage());
        }
        return type(e, type, s);
    }

    /** Checks a class directly, e.g. the reference solution in place of the student's. */
    public static Outcome type(Exercise e, Class<?> impl, ExerciseSettings s) {
        FutureTask<Target.Searched> task = new FutureTask<>(() -> e.target().search().run(impl, s.seed(), s.tries()));
        Thread t = new Thread(STUDENT, task, "gradcheck-exercise-" + e.id());  // threads it starts join its group
        t.setDaemon(true);  // a student's endless loop must not keep the JVM alive at exit
        t.start();
        try {
            Target.Searched r = task.get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return r.found() == null ? new Outcome(e, State.PASSED, s.seed(), s.tries(), null, r.last(), null)
                    : new Outcome(e, State.FAILING, s.seed(), r.found().tries(), r.found(), r.found().result(), null);
        } catch (TimeoutException ex) {
            t.interrupt();
            String at = where(t.getStackTrace());
            return broken(e, s, "did not finish within " + s.timeout().toSeconds() + " s"
                    + (at.isEmpty() ? "" : " (it was at " + at + ")") + ": is there a loop that never ends?");
        } catch (ExecutionException ex) {
            return broken(e, s, thrown(ex.getCause()));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return broken(e, s, "the check was interrupted");
        }
    }

    private static Outcome broken(Exercise e, ExerciseSettings s, String problem) {
        return new Outcome(e, State.BROKEN, s.seed(), 0, null, null, problem);
    }

    /** "threw X: message, at Ex02Relu.java:42 in backward". */
    static String thrown(Throwable t) {
        if (t instanceof StudentCodeException) {
            return t.getMessage();
        }
        String what = t instanceof StackOverflowError ? "recursed without end (StackOverflowError)"
                : "threw " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        String at = where(t.getStackTrace());
        return what + (at.isEmpty() ? "" : ", at " + at);
    }

    /** The first frame in the student's code, as "File.java:12 in method()", or "". */
    private static String where(StackTraceElement[] trace) {
        for (StackTraceElement f : trace) {
            if (f.getClassName().startsWith(Exercise.PACKAGE + ".")) {
                return f.getFileName() + ":" + f.getLineNumber() + " in " + f.getMethodName() + "()";
            }
        }
        return "";
    }
}
