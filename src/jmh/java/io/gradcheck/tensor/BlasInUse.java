package io.gradcheck.tensor;

/**
 * Prints the matrix-multiply kernel a JVM with these options uses, e.g. "blas (JNIBLAS)": the
 * "BLAS in use" line of tools/bench-all. In Gemm's package because {@link Gemm#describe} is
 * package-private. Run: {@code java -cp target/benchmarks.jar io.gradcheck.tensor.BlasInUse}.
 */
public final class BlasInUse {
    private BlasInUse() {
    }

    public static void main(String[] args) {
        System.out.println(Gemm.describe());
    }
}
