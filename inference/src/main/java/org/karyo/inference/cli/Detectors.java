package org.karyo.inference.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.SkeletonCountRule;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.DeepChmModel;

/** Opens the detector a command asked for, or fails with a message the user can act on. */
final class Detectors {

    private static final System.Logger LOG = System.getLogger(Detectors.class.getName());

    private Detectors() {}

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
                throw new CliFailure(
                        ExitCodes.NO_MODEL,
                        "model " + model.info().label() + " (" + file + ") has random, "
                                + "untrained weights: its counts would mean nothing, so it is not used for counting.\n"
                                + "  Install a trained DeepCHM model (see README, 'Models') and pass it with --model.");
            }
            err.println("WARNING: " + model.info().label() + " is an UNTRAINED random-weight model; "
                    + "its detections are meaningless (pipeline check only).");
        }
        Detector d;
        try {
            d = new Detector(model, opts.apply(model.info().thresholds()), opts.polarity)
                    .withSkeletonRule(opts.skeletonSettings(
                            model.info().metadata().get(SkeletonCountRule.Settings.METADATA_KEY)));
        } catch (CliFailure e) {
            model.close();
            throw e;
        }
        err.println("model: " + model.info().label() + " (" + file + "), running on " + model.provider()
                + (d.skeletonRule() == null
                        ? ""
                        : "; skeleton rule " + d.skeletonRule().describe()));
        LOG.log(
                System.Logger.Level.INFO,
                () -> "model " + model.info().label() + " sha256 " + sha256(file) + ", " + model.provider()
                        + (d.skeletonRule() == null
                                ? ""
                                : "; skeleton rule " + d.skeletonRule().describe()));
        err.flush();
        return d;
    }

    /** For the log only: a model that cannot be hashed still counts (it was just read). */
    private static String sha256(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
