package org.karyo.app.ui;

/** Runs code on the FX thread from a test thread and waits for it. */
final class FxRobotHelper {

    private FxRobotHelper() {
    }

    static void onFx(ReviewBenchmarkRunnable r) throws Exception {
        ReviewBenchmark.onFxGet(() -> {
            r.run();
            return null;
        });
    }

    interface ReviewBenchmarkRunnable {
        void run() throws Exception;
    }
}
