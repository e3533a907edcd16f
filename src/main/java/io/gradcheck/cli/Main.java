package io.gradcheck.cli;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.SelfCheck;
import io.gradcheck.check.Status;
import java.util.List;

/**
 * {@code java -jar target/gradcheck.jar check [--seed N] [--tries N]}: checks SimpleConvNet and every
 * layer on random shapes and prints a per-parameter table for each check. Exit code 0 when nothing
 * failed, 1 when a check failed, 2 for wrong arguments.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        long seed = 20261129L;
        int tries = 3;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "check" -> { }
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--tries" -> tries = Integer.parseInt(value(args, ++i, "--tries"));
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if (tries <= 0) {
                throw new IllegalArgumentException("--tries must be positive, got " + tries);
            }
        } catch (IllegalArgumentException e) {  // NumberFormatException included
            System.err.println("gradcheck: " + e.getMessage() + "\nusage: gradcheck check [--seed N] [--tries N]");
            return 2;
        }
        List<CheckResult> results = SelfCheck.run(seed, tries);
        long failed = results.stream().filter(r -> r.status() == Status.FAILED).count();
        for (CheckResult r : results) {
            System.out.println(r.table());
        }
        System.out.printf("%d checks, %d failed (seed %d)%n", results.size(), failed, seed);
        return failed == 0 ? 0 : 1;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
