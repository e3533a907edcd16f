package io.gradcheck.cli;

import io.gradcheck.check.CheckResult;
import io.gradcheck.check.SelfCheck;
import io.gradcheck.check.Status;
import io.gradcheck.data.OutputFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcheck check}: the gradient check of SimpleConvNet and every layer on random shapes. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks the gradients of SimpleConvNet and of every layer on random shapes and prints "
                + "a table per check. Exit code 0 if none failed, 1 if one did.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shapes and values (default: ${DEFAULT-VALUE}).")
    long seed = 20261129L;

    @Option(names = "--tries", paramLabel = "N", description = "Rounds of random shapes, 1..1000 (default: ${DEFAULT-VALUE}).")
    int tries = 3;

    static final Path DEFAULT_REPORTS = Path.of("reports");

    @Option(names = "--report", paramLabel = "DIR", description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
    Path reportDir = DEFAULT_REPORTS;

    @Override
    public Integer call() throws IOException {
        Limits.require(spec.commandLine(), "--tries", tries, 1, Limits.MAX_TRIES);
        OutputFile.checkDirectory("--report", reportDir, Reports.checkFiles(reportDir, seed));
        PrintWriter out = spec.commandLine().getOut();
        List<CheckResult> results = SelfCheck.run(seed, tries);
        long failed = results.stream().filter(r -> r.status() == Status.FAILED).count();
        for (CheckResult r : results) {
            out.println(r.table());
        }
        out.printf("%d checks, %d failed (seed %d)%n", results.size(), failed, seed);
        out.println("report: " + Reports.check(reportDir, seed, tries, results));
        out.flush();
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
