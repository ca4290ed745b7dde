package org.karyo.app.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.DeepChmModel;

/**
 * Opens the detector the workstation counts with: the registry's active model, else the bundled
 * default (see {@link ModelLocator}). Opened once and shared: the {@link Detector} is thread-safe
 * and opening an ONNX session costs about a second.
 */
public final class DetectorSource implements AutoCloseable {

    /** Why no detector can be had, in words a user can act on. */
    public static final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }

    private final Path explicit;
    private final boolean preferGpu;
    private Detector detector;
    private final java.util.List<Detector> retired = new java.util.ArrayList<>();
    private ModelProvenance provenance;

    private DetectorSource(Path explicit, boolean preferGpu) {
        this.explicit = explicit;
        this.preferGpu = preferGpu;
    }

    /**
     * A source of detectors for one model, or for whichever model is active.
     *
     * @param explicit a model file, or null for the registry's active model / the bundled default
     */
    public static DetectorSource of(Path explicit, boolean preferGpu) {
        return new DetectorSource(explicit, preferGpu);
    }

    /**
     * The detector of the model to use now: when another model was activated in the registry
     * since the last call (Annotate > Train > Activate, `karyo models activate`), that one.
     */
    public synchronized Detector detector() throws UnavailableException {
        if (detector != null
                && explicit == null
                && !current().equals(detector.model().file())) {
            // a run may still be using the old one: it is closed with this source, not now
            retired.add(detector);
            detector = null;
        }
        if (detector == null) {
            open();
        }
        return detector;
    }

    private Path current() throws UnavailableException {
        try {
            return ModelLocator.resolve(null);
        } catch (ModelLocator.NoModelException e) {
            throw new UnavailableException(e.getMessage());
        }
    }

    public synchronized ModelProvenance provenance() throws UnavailableException {
        detector();
        return provenance;
    }

    private void open() throws UnavailableException {
        Path file;
        try {
            file = ModelLocator.resolve(explicit);
        } catch (ModelLocator.NoModelException e) {
            throw new UnavailableException(e.getMessage());
        }
        DeepChmModel model;
        try {
            model = DeepChmModel.open(file, preferGpu);
        } catch (ContractException e) {
            throw new UnavailableException("cannot use model " + file + ": " + e.getMessage());
        }
        if (!model.info().trained()) {
            model.close();
            throw new UnavailableException("model " + file + " has random, untrained weights; its counts would "
                    + "mean nothing. Activate a trained model (Models) or reinstall the default model.");
        }
        detector = Detector.of(model);
        provenance = new ModelProvenance(
                model.info().name(), model.info().version(), model.sha256(), model.provider(), file);
    }

    static String sha256(Path file) throws UnavailableException {
        try (DigestInputStream in =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new UnavailableException("cannot read model " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        retired.forEach(Detector::close);
        retired.clear();
        if (detector != null) {
            detector.close();
            detector = null;
        }
    }
}
