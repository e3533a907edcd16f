package io.gradcheck.cli;

import io.gradcheck.data.OutputFile;
import io.gradcheck.net.SimpleConvNet;
import io.gradcheck.train.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcheck export}: a checkpoint's weights as a NumPy .npz. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the weights of a checkpoint as a NumPy .npz (W1.npy ... b3.npy, float64, C order).",
                "In Python: p = numpy.load('FILE.npz'); p['W1'] has the book's shape (30, 1, 5, 5)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A checkpoint from 'train --save'.")
    Path checkpoint;

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "Where to write the .npz.")
    Path npz;

    @Override
    public Integer call() throws IOException {
        OutputFile.check("--npz", npz, Map.of("--checkpoint", List.of(checkpoint)));
        SimpleConvNet net = PredictCommand.load(checkpoint);
        Npz.save(npz, net);
        spec.commandLine().getOut().println("wrote " + net.params().keySet() + " to " + npz);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
