package org.karyo.inference.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.DeepChmModel;

/** Opens the detector a command asked for, or fails with a message the user can act on. */
final class Detectors {

    private Detectors() {
    }

    static Detector open(ModelOptions opts, PrintWriter err, boolean counting) {
        Path file;
        try {
            file = opts.resolve();
        } catch (ModelLocator.NoModelException e) {
            throw new CliFailure(ExitCodes.NO_MODEL, e.getMessage());
        }
        DeepChmModel model;
        try {
            model = DeepChmModel.open(file, !opts.cpu);
        } catch (ContractException e) {
            throw new CliFailure(ExitCodes.NO_MODEL, "cannot use model: " + e.getMessage());
        }
        if (!model.info().trained()) {
            if (counting && !opts.allowUntrained) {
                model.close();
                throw new CliFailure(ExitCodes.NO_MODEL, "model " + model.info().label() + " (" + file + ") has random, "
                        + "untrained weights: its counts would mean nothing, so it is not used for counting.\n"
                        + "  Install a trained DeepCHM model (see README, 'Models') and pass it with --model.");
            }
            err.println("WARNING: " + model.info().label() + " is an UNTRAINED random-weight model; "
                    + "its detections are meaningless (pipeline check only).");
        }
        Detector d = new Detector(model, opts.apply(model.info().thresholds()), opts.polarity);
        err.println("model: " + model.info().label() + " (" + file + "), running on " + model.provider());
        err.flush();
        return d;
    }
}
