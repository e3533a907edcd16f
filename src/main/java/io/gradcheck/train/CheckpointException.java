package io.gradcheck.train;

import java.io.IOException;

/**
 * A checkpoint or NumPy file is corrupt, truncated, or does not fit the network it is loaded into.
 * The message names the file and what is wrong. Nothing has been changed when it is thrown.
 */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param msg names the file and the problem */
    public CheckpointException(String msg) {
        super(msg);
    }
}
