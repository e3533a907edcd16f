package io.gradcheck.data;

import java.io.IOException;

/**
 * An output that gradcheck will not write, found before any work: a path that is not a regular
 * file, a symbolic link, an input of the same command, a directory that cannot take a new file, or
 * a file another trainer holds. The command line reports it as a usage error (exit code 2).
 */
public final class RefusedOutputException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line that starts with the option and the path */
    public RefusedOutputException(String message) {
        super(message);
    }
}
