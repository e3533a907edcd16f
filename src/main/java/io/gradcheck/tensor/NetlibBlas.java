package io.gradcheck.tensor;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * netlib's BLAS for {@link Gemm}, loaded without a word on stderr.
 *
 * <p>netlib first tries its native loader, whose C code dlopens {@code libblas.so.3} and, on a system
 * without one, prints {@code netlib-blas: JNI_OnLoad: dlopen(libblas.so.3) failed} before netlib
 * falls back to pure Java. java.util.logging cannot silence a line written by C, so on Linux we look
 * for {@code libblas.so.3} where the dynamic loader would, and when there is none we set
 * {@code dev.ludovic.netlib.blas.allowNative=false}: netlib then skips the native attempt and uses
 * the same pure-Java BLAS it would have fallen back to. A user who set any of netlib's own
 * properties keeps them, untouched. netlib's "Using ..." at INFO is silenced; which BLAS is in use
 * is logged at FINE on the logger {@code io.gradcheck.tensor} (the CLI's {@code --debug} shows it).
 */
final class NetlibBlas {
    static final Logger LOG = Logger.getLogger("io.gradcheck.tensor");
    // held here because java.util.logging keeps loggers only weakly, and would forget the level
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib");
    private static final String LIB = "libblas.so.3";
    private static final String ALLOW_NATIVE = "dev.ludovic.netlib.blas.allowNative";
    private static final List<String> NETLIB_PROPERTIES = List.of(ALLOW_NATIVE,
            "dev.ludovic.netlib.blas.nativeLib", "dev.ludovic.netlib.blas.nativeLibPath");

    static final BLAS INSTANCE = load();

    private NetlibBlas() {
    }

    private static BLAS load() {
        NETLIB_LOG.setLevel(Level.WARNING);
        String why;
        if (NETLIB_PROPERTIES.stream().anyMatch(p -> System.getProperty(p) != null)) {
            why = "netlib's properties as given";
        } else if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            why = "netlib's choice";  // netlib ships native loaders for Linux only; elsewhere it falls back quietly
        } else {
            Path lib = findSystemBlas(System.getenv("LD_LIBRARY_PATH"), Path.of("/etc/ld.so.cache"));
            if (lib == null) {
                System.setProperty(ALLOW_NATIVE, "false");
                why = "no " + LIB + " in LD_LIBRARY_PATH, /etc/ld.so.cache, /lib or /usr/lib; "
                        + "Debian's libopenblas0-pthread is native";
            } else {
                why = lib.toString();
            }
        }
        BLAS blas = BLAS.getInstance();
        String name = blas.getClass().getSimpleName();
        LOG.fine(() -> "matrix multiply: netlib BLAS, " + name + " (" + why + ")");
        return blas;
    }

    /**
     * Where the dynamic loader would find libblas.so.3, or null: a directory of ldLibraryPath
     * (colon-separated, may be null), a path that the loader's cache file lists, or a default
     * directory. A path counts only if the file it names, after links, exists.
     */
    static Path findSystemBlas(String ldLibraryPath, Path ldCache) {
        List<Path> candidates = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String d : ldLibraryPath.split(":")) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d, LIB));
                }
            }
        }
        candidates.addAll(cached(ldCache));
        for (String d : List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64")) {
            candidates.add(Path.of(d, LIB));
        }
        return candidates.stream().filter(Files::exists).findFirst().orElse(null);
    }

    /** The paths ending in /libblas.so.3 among the NUL-separated strings of the loader's cache file. */
    static List<Path> cached(Path ldCache) {
        List<Path> found = new ArrayList<>();
        try {
            String all = new String(Files.readAllBytes(ldCache), StandardCharsets.ISO_8859_1);
            for (String s : all.split("\0")) {
                if (s.startsWith("/") && s.endsWith("/" + LIB)) {
                    found.add(Path.of(s));
                }
            }
        } catch (IOException | RuntimeException e) {  // no cache (not glibc), unreadable, or a bad path: look elsewhere
            LOG.log(Level.FINE, "matrix multiply: cannot read " + ldCache, e);
        }
        return found;
    }
}
