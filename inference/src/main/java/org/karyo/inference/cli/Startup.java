package org.karyo.inference.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.karyo.inference.model.KaryoData;
import org.karyo.inference.onnx.CudaLibraries;

/**
 * What every start of Karyo does before a command runs: create the per-user data folder on the
 * first start, and in the GPU build ({@code -Dkaryo.variant=gpu}, set by its launchers) say in
 * one line when CUDA 12 / cuDNN 9 are missing and the CPU will be used.
 */
public final class Startup {

    static final String VARIANT = "karyo.variant";

    private Startup() {}

    public static void prepare(PrintStream err) {
        try {
            KaryoData.ensureCreated();
        } catch (IOException | RuntimeException e) {
            // commands that need the folder report it themselves; counting works without it
            err.println("karyo: cannot create the data folder " + KaryoData.dir() + ": " + e.getMessage());
        }
        if ("gpu".equals(System.getProperty(VARIANT))) {
            String msg = CudaLibraries.message(CudaLibraries.missing());
            if (!msg.isEmpty()) {
                err.println("karyo: " + msg + ".");
            }
        }
    }
}
