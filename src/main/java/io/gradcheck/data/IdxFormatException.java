package io.gradcheck.data;

import java.io.IOException;

/**
 * An IDX file (or a pair of them) is malformed: truncated, corrupt, oversized or inconsistent.
 *
 * <p>Checked, and a subclass of {@link IOException} like {@link java.util.zip.ZipException}, so
 * that one {@code catch (IOException e)} handles both bad contents and failed I/O. The message
 * always names the file and says what is wrong.
 */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param msg names the file and the problem */
    public IdxFormatException(String msg) {
        super(msg);
    }

    /** @param msg names the file and the problem; {@code cause} is the low-level failure */
    public IdxFormatException(String msg, Throwable cause) {
        super(msg, cause);
    }
}
