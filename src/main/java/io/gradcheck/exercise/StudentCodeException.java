package io.gradcheck.exercise;

/** The student's code cannot be used as it stands: it does not compile, or lacks what the harness calls. */
public final class StudentCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in words a student can act on */
    public StudentCodeException(String message) {
        super(message);
    }
}
