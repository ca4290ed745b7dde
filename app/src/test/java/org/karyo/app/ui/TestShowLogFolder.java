package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.core.logging.LogFiles;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Help > Show log folder shows the folder the log is written to (the one a lab sends from). */
@ExtendWith(ApplicationExtension.class)
class TestShowLogFolder {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path data;

    private Workspace ws;
    private MainWindow window;
    private Path logs;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("karyo.home", HOME.toString());
        System.setProperty("karyo.data", data.toString());
        logs = LogFiles.install(data.resolve("logs"));
        ws = Workspace.open(data, "dr.lee", null, false);
        window = KaryoApplication.show(stage, ws, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(() -> {
            window.shutdown();
            ws.close();
        });
        LogFiles.uninstall();
    }

    @Test
    void helpMenuShowsTheLogFolder(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("Show log folder");
        TextField path = robot.lookup("#logFolderPath").queryAs(TextField.class);
        assertEquals(logs.toString(), path.getText());
    }
}
