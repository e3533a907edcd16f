package io.gradcheck.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that throws one hostile input at gradcheck. {@link ReliabilityDocTest} builds the
 * table in docs/reliability.md from these annotations, so the table lists exactly what is tested.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hostile {
    /** The section of the table: one of {@link ReliabilityDocTest#AREAS}. */
    String area();

    /** The hostile input, as a user would describe it: "a label outside [0, outputSize)". */
    String input();

    /** What happens, as the test asserts it: the message (or its start), the exit code, files kept. */
    String outcome();
}
