package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Patient;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Folder import through its dialog, as a microscope export folder looks: upper-case .TIF files
 * (CytoVision style) are found and imported, a hidden folder is skipped and said so, and an icon,
 * a blank frame and a screenshot are refused with their reasons in a scrolling list.
 */
@ExtendWith(ApplicationExtension.class)
class TestImportDialogs {

    @TempDir
    static Path data;

    @TempDir
    static Path export;

    private Workspace ws;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("karyo.home", TestReviewWorkflow.HOME.toString());
        ws = Workspace.open(data, "dr.lee", null, false);
        window = KaryoApplication.show(stage, ws, 1400, 900);
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(() -> {
            window.shutdown();
            ws.close();
        });
    }

    @Test
    void upperCaseTifFolderIsListedConfirmedAndImportedAndNonMetaphasesAreRefused(FxRobot robot) throws Exception {
        OpenCv.ensureLoaded();
        for (int i = 1; i <= 3; i++) {
            Mat m = Imgcodecs.imread(
                    TestReviewWorkflow.DEMO
                            .resolve(String.format("cell-%02d.png", i))
                            .toString(),
                    Imgcodecs.IMREAD_GRAYSCALE);
            Imgcodecs.imwrite(
                    export.resolve(String.format("8129A.%03d.A.TIF", i)).toString(), m);
        }
        Mat icon = new Mat(16, 16, CvType.CV_8UC3, new Scalar(30, 120, 200));
        Imgcodecs.imwrite(export.resolve("icon.PNG").toString(), icon);
        Mat blank = new Mat(600, 800, CvType.CV_8UC1, new Scalar(255));
        Imgcodecs.imwrite(export.resolve("blank.JPG").toString(), blank);
        Mat shot = new Mat(768, 1024, CvType.CV_8UC3, new Scalar(240, 240, 240));
        Imgproc.rectangle(
                shot,
                new org.opencv.core.Point(0, 0),
                new org.opencv.core.Point(1024, 300),
                new Scalar(200, 90, 20),
                -1);
        Imgproc.putText(shot, "Desktop", new org.opencv.core.Point(40, 500), 0, 3, new Scalar(0, 0, 0), 4);
        Imgcodecs.imwrite(export.resolve("Screenshot 2026-12-07.png").toString(), shot);
        Path hidden = Files.createDirectories(export.resolve(".thumbnails"));
        Files.copy(export.resolve("8129A.001.A.TIF"), hidden.resolve("thumb.TIF"));
        Files.writeString(export.resolve("notes.txt"), "not an image");

        Patient p = ws.store().patients().create("MRN-1", null, null, "male");
        CaseRecord c = ws.store().cases().create(p.id(), "CYT-26-0200", null, null, null, null, null, null);
        robot.interact(() -> window.model().open(c.id()));

        // the upper-case names pass the chooser's filter too (GTK matches case-sensitively)
        var filters = MainWindow.imageFilters();
        assertTrue(filters.get(0).getExtensions().contains("*.TIF"));
        assertEquals("All files", filters.get(1).getDescription());

        // Import folder: the dialog lists what it found before anything is copied
        // the folder dialog waits for an answer: open it without waiting for it to close
        javafx.application.Platform.runLater(() -> window.importFolder(export));
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#folderSummary").tryQuery().isPresent()
                        && robot.lookup("#confirmImport").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        String summary = robot.lookup("#folderSummary").<Labeled>query().getText();
        assertTrue(summary.startsWith("6 images ("), summary);
        assertTrue(summary.contains("1 hidden folder skipped (.thumbnails)"), summary);
        assertTrue(summary.contains("1 other file skipped"), summary);
        ListView<String> found = robot.lookup("#folderFiles").queryListView();
        assertTrue(
                found.getItems().stream().anyMatch(s -> s.startsWith("8129A.001.A.TIF")),
                found.getItems().toString());
        assertEquals(0, window.model().cells().size(), "nothing imported before the user agrees");
        // fired rather than clicked: Monocle's screen is smaller than the window, the button bar may lie below it
        javafx.scene.control.Button confirm = robot.lookup("#confirmImport").queryButton();
        assertEquals("Import 6 images", confirm.getText());
        robot.interact(confirm::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#importMessages")
                .tryQuery()
                .isPresent());

        List<String> labels = window.model().cells().stream().map(Cell::label).toList();
        assertEquals(List.of("8129A.001.A.TIF", "8129A.002.A.TIF", "8129A.003.A.TIF"), labels);
        ListView<String> refused = robot.lookup("#importMessages").queryListView();
        assertEquals(3, refused.getItems().size(), refused.getItems().toString());
        assertTrue(refused.getItems().stream().anyMatch(s -> s.startsWith("icon.PNG: 16 x 16 px is too small")));
        assertTrue(refused.getItems().stream().anyMatch(s -> s.startsWith("blank.JPG: blank image")));
        assertTrue(
                refused.getItems().stream()
                        .anyMatch(s ->
                                s.startsWith("Screenshot 2026-12-07.png: ") && s.contains("screenshot or graphic")),
                refused.getItems().toString());
        double h = refused.getScene().getWindow().getHeight();
        assertTrue(h < 700, "the message window stays on screen: " + h + " px");
        robot.interact(() -> robot.lookup("#closeImportMessages").queryButton().fire());
    }
}
