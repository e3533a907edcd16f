package io.gradcheck.tensor;

import java.util.Locale;
import java.util.logging.Level;

/**
 * How many threads native BLAS may start inside one matrix multiply, set from Java with no
 * environment variable. When the slices of a batch run on several threads
 * ({@code io.gradcheck.net.BatchSplit}), each slice's {@code dgemm} should stay on its own core:
 * OpenBLAS's default, one thread per core in every call, made two slices on two cores slower than
 * one (docs/benchmarks.md).
 *
 * <p>The cap is OpenBLAS's {@code openblas_set_num_threads} (or {@code goto_set_num_threads}),
 * found in the {@code libblas.so.3} that netlib loaded, through JNA. It is never raised above the
 * count OpenBLAS started with ({@code OPENBLAS_NUM_THREADS}, else the cores), so a user's smaller
 * setting stands. It does nothing, and nothing breaks, when netlib runs its pure-Java BLAS, when
 * JNA is not on the class path (an optional dependency: the CLI jar carries it), when the library
 * has neither symbol, or when the system property {@code gradcheck.nativeThreads=off} is set
 * (OpenBLAS then keeps its own count). OpenBLAS's thread count can change the last bits of a
 * product (on 2 cores, 1 and 2 threads trained different weights), so the callers that promise the
 * same bits on every machine fix it at one. The setting is global to the process; the last caller wins.
 */
public final class NativeThreads {
    private static int cap;  // the count last set, 0 before the first

    private NativeThreads() {
    }

    /**
     * Caps native BLAS at {@code threads} threads per call (at least 1), or at the count it started
     * with if that is smaller. Cheap when the cap is unchanged.
     *
     * @return the cap now in force, or 0 when there is no native BLAS whose threads we can set
     */
    public static synchronized int limit(int threads) {
        OpenBlas lib = Holder.LIB;
        if (lib == null) {
            return 0;
        }
        int want = Math.max(1, Math.min(threads, lib.initial()));
        if (want != cap) {
            lib.set(want);
            cap = want;
            NetlibBlas.LOG.fine(() -> "native BLAS: " + want + " thread(s) per call");
        }
        return cap;
    }

    /** The threads native BLAS uses per call, as it reports them; 0 when it cannot be asked. */
    public static int current() {
        OpenBlas lib = Holder.LIB;
        return lib == null ? 0 : lib.get();
    }

    /** "OpenBLAS threads set through JNA (started with 2)", or why not, for --debug. */
    public static String describe() {
        return Holder.WHY;
    }

    /** Loaded on first use, so that a program that never splits a batch never loads JNA. */
    private static final class Holder {
        static final String WHY;
        static final OpenBlas LIB;

        static {
            String[] why = new String[1];
            LIB = find(why);
            WHY = why[0];
            NetlibBlas.LOG.fine(() -> "native BLAS threads: " + WHY);
        }

        private static OpenBlas find(String[] why) {
            if ("off".equals(System.getProperty("gradcheck.nativeThreads", "").trim().toLowerCase(Locale.ROOT))) {
                why[0] = "left to OpenBLAS (gradcheck.nativeThreads=off)";
                return null;
            }
            if (Gemm.DEFAULT != Gemm.Kernel.BLAS || !NetlibBlas.INSTANCE.getClass().getSimpleName().equals("JNIBLAS")) {
                why[0] = "no native BLAS (" + Gemm.describe() + ")";
                return null;
            }
            String name = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath",
                    System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3"));
            try {
                OpenBlas lib = OpenBlas.load(name);
                why[0] = lib == null ? name + " has no openblas_set_num_threads or goto_set_num_threads"
                        : "OpenBLAS threads set through JNA (started with " + lib.initial() + ")";
                return lib;
            } catch (LinkageError | RuntimeException e) {  // no JNA, no JNA native stub, or the library would not load
                NetlibBlas.LOG.log(Level.FINE, "native BLAS threads: not settable", e);
                why[0] = "not settable: " + e;
                return null;
            }
        }
    }
}
