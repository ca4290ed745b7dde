package org.karyo.app.ui;

/** Runs code on the FX thread from a test thread and waits for it. */
final class FxRobotHelper {

    private FxRobotHelper() {
    }

    static void onFx(FxThread.Action a) throws Exception {
        FxThread.run(a);
    }
}
