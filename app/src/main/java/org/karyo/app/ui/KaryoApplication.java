package org.karyo.app.ui;

import java.io.IOException;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.karyo.app.Workspace;
import org.karyo.inference.model.KaryoData;

/** The JavaFX application: opens the workspace and the review window; closes both cleanly. */
public final class KaryoApplication extends Application {

    private static final System.Logger LOG = System.getLogger(KaryoApplication.class.getName());

    private Workspace workspace;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        KaryoGui.Options o = KaryoGui.options;
        try {
            workspace = Workspace.open(
                    o.dataDir() != null ? o.dataDir() : KaryoData.dir(),
                    System.getProperty("user.name", "user"),
                    o.model(),
                    !o.cpu());
            if (o.dataDir() != null) {
                // the log goes with the data folder this window was opened on
                org.karyo.core.logging.LogFiles.install(workspace.dir().resolve("logs"));
            }
            if (o.user() != null) {
                workspace.store().users().switchTo(o.user()); // refused when it would add rights
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot open the data folder", e);
            Alert a = new Alert(Alert.AlertType.ERROR, CellPane.rootMessage(e));
            a.setHeaderText("Karyo cannot open its data folder");
            a.showAndWait();
            Platform.exit();
            return;
        }
        window = show(stage, workspace, 1400, 900);
        window.openLastCase();
        warnIfDamaged(stage);
    }

    /** A database that failed quick_check at open is read-only: say so before anyone tries to work. */
    private void warnIfDamaged(Stage stage) {
        workspace.store().damage().ifPresent(why -> {
            stage.setTitle("Karyo Workstation (READ-ONLY: damaged case database)");
            Alert a = new Alert(Alert.AlertType.WARNING, why);
            a.setHeaderText("The case database is damaged and was opened read-only");
            a.show();
        });
    }

    /** A review window on {@code workspace} in {@code stage}, styled, sized and shown. */
    public static MainWindow show(Stage stage, Workspace workspace, double width, double height) {
        MainWindow window = new MainWindow(workspace);
        // laid out first at the window's own size: the side panels keep the width they get then (they do
        // not grow with the window), so a first layout at the content's preferred width left the image
        // less than half the window
        stage.setScene(scene(window, width, height));
        stage.setTitle("Karyo Workstation");
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return window;
    }

    /** The window's scene with the workstation's style sheet, {@code width} x {@code height}. */
    static Scene scene(MainWindow window, double width, double height) {
        Scene scene = new Scene(window, width, height);
        scene.getStylesheets()
                .add(Objects.requireNonNull(KaryoApplication.class.getResource("karyo.css"))
                        .toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        if (workspace != null) {
            workspace.close();
        }
    }
}
