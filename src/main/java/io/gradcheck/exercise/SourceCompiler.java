package io.gradcheck.exercise;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import io.gradcheck.layer.Layer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Compiles one exercise source at run time with the JDK's compiler, in memory, against the running
 * classpath, and loads it in a class loader of its own: a compile error in one exercise is a
 * message for that exercise, never a broken build.
 */
final class SourceCompiler {
    private SourceCompiler() {
    }

    /**
     * The compiled classes, or the compiler's errors, or the calls that would end the JVM.
     *
     * @param classes the class files by binary name, or null if it did not compile or calls System.exit
     * @param errors  the compiler's errors, one per line with file and line number, or null
     * @param exits   "Ex02Relu.java:42 calls System.exit", one per line, or null: such code is not run
     */
    record Compiled(Map<String, byte[]> classes, String errors, String exits) {
    }

    /**
     * Compiles {@code source} (Java text of file {@code name}) into class files, in memory, with
     * a second file if {@code extra} (its name and source) is not null.
     *
     * @throws IllegalStateException if this runtime has no Java compiler (a JRE, not a JDK)
     */
    static Compiled compile(String name, String source, String[] extra) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(ExerciseCheck.NO_COMPILER);
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diags, Locale.ROOT, null);
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> files = new ArrayList<>(List.of(file(name, source)));
        if (extra != null) {
            files.add(file(extra[0], extra[1]));
        }
        List<String> options = List.of("-classpath", classpath(), "--release", "17", "-proc:none", "-g");
        StringWriter out = new StringWriter();
        JavacTask task = (JavacTask) javac.getTask(out, fm, diags, options, null, files);
        List<String> exits = new ArrayList<>();
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent e) {
                if (e.getKind() == TaskEvent.Kind.ANALYZE) {  // one top-level class, attributed: every call names its method
                    Trees trees = Trees.instance(task);
                    ExitCalls.scan(trees, trees.getPath(e.getTypeElement()), name, exits);
                }
            }
        });
        if (!task.call()) {
            return new Compiled(null, errors(diags, name), null);
        }
        if (!exits.isEmpty()) {
            return new Compiled(null, null, String.join("\n", exits));
        }
        Map<String, byte[]> bytes = new HashMap<>();
        classes.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        return new Compiled(bytes, null, null);
    }

    /**
     * Loads class {@code qualifiedName} of file {@code name} from compiled classes, in a class loader of its own.
     *
     * @throws StudentCodeException if the classes do not declare it
     */
    static Class<?> load(Map<String, byte[]> classes, String name, String qualifiedName) {
        ClassLoader loader = new ClassLoader(SourceCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String cn) throws ClassNotFoundException {
                byte[] b = classes.get(cn);
                if (b == null) {
                    throw new ClassNotFoundException(cn);
                }
                return defineClass(cn, b, 0, b.length);
            }
        };
        try {
            return loader.loadClass(qualifiedName);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StudentCodeException(name + ": declares no class " + qualifiedName
                    + "; keep the package and class name as they were (" + e.getMessage() + ")");
        }
    }

    private static JavaFileObject file(String name, String source) {
        return new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diags, String name) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                lines.add(name + ":" + d.getLineNumber() + ": error: " + d.getMessage(Locale.ROOT));
            }
        }
        return lines.isEmpty() ? name + ": does not compile" : String.join("\n", lines);
    }

    /** The running classpath, plus the locations of our classes and commons-math, for surefire's manifest-only jars. */
    static String classpath() {
        Set<String> parts = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        for (Class<?> c : new Class<?>[] {Layer.class, RandomGenerator.class}) {
            CodeSource src = c.getProtectionDomain().getCodeSource();
            if (src != null) {
                try {
                    parts.add(Path.of(src.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file location: the classpath alone has to do
                }
            }
        }
        parts.remove("");
        return String.join(File.pathSeparator, parts);
    }
}
