/**
 * The {@code gradcheck} command line (picocli): {@code check}, {@code train}, {@code predict} and
 * {@code export}. {@link io.gradcheck.cli.Main#run} returns the exit code: 0 success, 1 a failed
 * check or a bad file, 2 wrong arguments, 130 Ctrl-C. See {@code docs/training.md}.
 */
package io.gradcheck.cli;
