package io.gradcheck.tensor;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * OpenBLAS's thread count through JNA, the only class that names a JNA type: without JNA on the
 * class path, loading it throws a LinkageError, which {@link NativeThreads} catches.
 */
final class OpenBlas {
    private final Function set;
    private final Function get;  // null if the library cannot report its count
    private final int initial;

    private OpenBlas(Function set, Function get) {
        this.set = set;
        this.get = get;
        int started = get == null ? 0 : get.invokeInt(new Object[0]);
        this.initial = started > 0 ? started : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The thread controls of the library {@code name} (a file name the dynamic loader resolves, or a
     * path), the one netlib loaded; null if it has none.
     *
     * @throws UnsatisfiedLinkError if the library or JNA's native stub cannot be loaded
     */
    static OpenBlas load(String name) {
        NativeLibrary lib = NativeLibrary.getInstance(name);
        Function set = symbol(lib, "openblas_set_num_threads");
        if (set == null) {
            set = symbol(lib, "goto_set_num_threads");
        }
        return set == null ? null : new OpenBlas(set, symbol(lib, "openblas_get_num_threads"));
    }

    /** The function, searched in the library and what it links to (libblas.so.3 links libopenblas.so.0); null if absent. */
    private static Function symbol(NativeLibrary lib, String name) {
        try {
            return lib.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /** The count OpenBLAS started with: OPENBLAS_NUM_THREADS, else its cores. */
    int initial() {
        return initial;
    }

    void set(int threads) {
        set.invokeVoid(new Object[] {threads});
    }

    /** The count now, or 0 if the library cannot tell. */
    int get() {
        return get == null ? 0 : get.invokeInt(new Object[0]);
    }
}
