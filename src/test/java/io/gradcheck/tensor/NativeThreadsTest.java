package io.gradcheck.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Native BLAS's threads, set from Java: capped, never raised above its start, and absent without harm. */
class NativeThreadsTest {
    /** Whether netlib runs native BLAS here (CI installs OpenBLAS, so there it does). */
    static boolean nativeBlas() {
        return Gemm.describe().equals("blas (JNIBLAS)");
    }

    @Test
    void nativeBlasIsCappedAtOneThreadAndNeverRaisedAboveItsStart() {
        assumeTrue(nativeBlas(), "no native BLAS: " + Gemm.describe());
        assertTrue(NativeThreads.describe().startsWith("OpenBLAS threads set through JNA (started with "),
                NativeThreads.describe());
        int start = Integer.parseInt(NativeThreads.describe().replaceAll("\\D", ""));
        try {
            assertEquals(1, NativeThreads.limit(1));
            assertEquals(1, NativeThreads.current(), "OpenBLAS's own count");
            assertEquals(1, NativeThreads.limit(0), "at least one");
            assertEquals(start, NativeThreads.limit(1000), "never above the count it started with");
            assertEquals(start, NativeThreads.current());
        } finally {
            NativeThreads.limit(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void aLibraryWithoutTheSymbolsHasNoControlAndAMissingLibraryThrowsForTheCallerToCatch() {
        assertNull(OpenBlas.load("libm.so.6"), "libm has no openblas_set_num_threads");
        assertThrows(UnsatisfiedLinkError.class, () -> OpenBlas.load("libgradcheck-absent.so.1"));
    }

    @Test
    void withoutNativeBlasNothingIsSetAndTheReasonIsGiven() {
        assumeTrue(!nativeBlas(), "native BLAS is in use: the test above covers it");
        assertEquals(0, NativeThreads.limit(1));
        assertEquals(0, NativeThreads.current());
        assertTrue(NativeThreads.describe().startsWith("no native BLAS"), NativeThreads.describe());
    }
}
