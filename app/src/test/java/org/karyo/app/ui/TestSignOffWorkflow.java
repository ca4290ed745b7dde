package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.report.LaboratorySettings;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.app.store.Patient;
import org.karyo.app.store.Signatures;
import org.karyo.core.geometry.RotatedBox;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Sign-off through the real window: the dialog refuses a case with an unreviewed cell, then a
 * result whose chromosome number disagrees with the count table, and signs once every cell is
 * reviewed and the result agrees; the signature carries the full name and role. The off-mode list
 * opens the cell clicked.
 */
@ExtendWith(ApplicationExtension.class)
class TestSignOffWorkflow {

    static final Path DEMO = TestReviewWorkflow.DEMO;

    @TempDir
    static Path data;

    private Workspace ws;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("karyo.home", TestReviewWorkflow.HOME.toString());
        this.stage = stage;
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

    /** A case of 20 demo cells given {@code counts[i]} hand-drawn boxes each (no detector needed). */
    private CaseRecord caseWithCounts(String accession, int[] counts) throws Exception {
        Patient p = ws.store().patients().create("MRN-" + accession, null, null, "male");
        CaseRecord c = ws.store().cases().create(p.id(), accession, "Peripheral blood", null, null, null, null, null);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= counts.length; i++) {
            files.add(DEMO.resolve(String.format("cell-%02d.png", i)));
        }
        FxThread.run(() -> window.model().open(c.id()));
        FxThread.run(() -> window.importPaths(files));
        List<Cell> cells = ws.store().cells().list(c.id());
        ws.store().inTransaction(() -> {
            for (int i = 0; i < cells.size(); i++) {
                for (int k = 0; k < counts[i]; k++) {
                    ws.store().boxes().add(cells.get(i).id(), RotatedBox.of(20 + k * 5, 40, 30, 6, 90), "test.setup");
                }
            }
        });
        FxThread.run(() -> window.model().reload());
        return c;
    }

    @Test
    void signOffIsBlockedByAnUnreviewedCellAndADisagreeingResultThenPasses(FxRobot robot) throws Exception {
        new LaboratorySettings("Cytogenetics, City Hospital", "1 Hospital Road", null, null).write(data);
        int[] counts = new int[20];
        java.util.Arrays.fill(counts, 46);
        CaseRecord c = caseWithCounts("CYT-26-0100", counts);
        assertEquals(20, window.model().cells().size());
        // review 19 of 20 cells; the last stays the detector's (here: the setup's) count
        for (Cell cell : window.model().cells().subList(0, 19)) {
            ws.store().cells().markReviewed(cell.id());
        }
        robot.interact(() -> window.model().reload());
        robot.clickOn("#karyotype").write("46,XY");

        robot.clickOn("#signOff");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(signButton(robot).isDisabled(), "an unreviewed cell blocks sign-off");
        assertTrue(
                text(robot, "#check-UNREVIEWED_CELLS").contains("1 of 20 counted cells not reviewed (cell 20)"),
                text(robot, "#check-UNREVIEWED_CELLS"));
        assertTrue(text(robot, "#check-ISCN_COUNT").startsWith("Agrees"), text(robot, "#check-ISCN_COUNT"));
        cancel(robot);
        assertEquals(
                CaseStatus.OPEN, ws.store().cases().find(c.id()).orElseThrow().status());

        // review the last cell with its key (R), then type a result the count table contradicts
        robot.interact(() -> window.select(19));
        // Monocle leaves key focus with the closed dialog's window; a real window manager does not
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        robot.clickOn(window.cellPane().view());
        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(CellStatus.REVIEWED, window.model().cells().get(19).status());
        retype(robot, "47,XY,+21");
        robot.clickOn("#signOff");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(signButton(robot).isDisabled(), "a result of 47 against a count table of 46 blocks sign-off");
        assertTrue(
                text(robot, "#check-UNREVIEWED_CELLS").startsWith("All 20 counted cells reviewed"),
                text(robot, "#check-UNREVIEWED_CELLS"));
        assertTrue(
                text(robot, "#check-ISCN_COUNT")
                        .contains("states 47 chromosomes but the modal number of the " + "reviewed cells is 46"),
                text(robot, "#check-ISCN_COUNT"));
        cancel(robot);

        // the result that agrees: signs once the signer's full name is typed
        retype(robot, "46,XY");
        robot.clickOn("#signOff");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(signButton(robot).isDisabled(), "the profile has no full name yet (login only)");
        // Monocle gives key focus to the window last asked for it; a window manager gives it to the dialog
        Node name = showing(robot, "#signerName");
        robot.interact(() -> name.getScene().getWindow().requestFocus());
        robot.clickOn(name).write("Dr Ana Lee");
        assertFalse(
                signButton(robot).isDisabled(),
                () -> "every check passes: " + text(robot, "#signOffBlocked") + " / name '"
                        + ((javafx.scene.control.TextField) name).getText() + "'");
        assertEquals("Lab lead", text(robot, "#signerRole"));
        robot.clickOn("#confirmSignOff");
        // the click handler finishes after the dialog's nested event loop returns
        WaitForAsyncUtils.waitFor(
                10,
                java.util.concurrent.TimeUnit.SECONDS,
                () -> window.statusBar().message.getText().startsWith("Case CYT-26-0100 signed off by Dr Ana Lee"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                CaseStatus.SIGNED_OFF,
                ws.store().cases().find(c.id()).orElseThrow().status());
        List<Signatures.Signature> sig = ws.store().signatures().current(c.id());
        assertEquals(1, sig.size());
        assertEquals("Dr Ana Lee", sig.get(0).fullName());
        assertEquals("Lab lead", sig.get(0).role());
        assertEquals("Dr Ana Lee", ws.store().users().current().displayName());
        assertEquals("46,XY", ws.store().cases().find(c.id()).orElseThrow().karyotype());
    }

    @Test
    void clickingAnOffModeCellOpensIt(FxRobot robot) throws Exception {
        int[] counts = new int[20];
        java.util.Arrays.fill(counts, 46);
        counts[6] = 45;
        counts[13] = 47;
        caseWithCounts("CYT-26-0101", counts);
        for (Cell cell : window.model().cells()) {
            ws.store().cells().markReviewed(cell.id());
        }
        robot.interact(() -> {
            window.model().reload();
            window.select(0);
        });
        var list = robot.lookup("#nonModalList").<Cell>queryListView();
        assertEquals(2, list.getItems().size());
        assertEquals(List.of(7, 14), list.getItems().stream().map(Cell::ordinal).toList());
        Node row = robot.lookup("#nonModalList .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> lc
                        && lc.getItem() instanceof Cell x
                        && x.ordinal() == 14)
                .findFirst()
                .orElseThrow();
        robot.clickOn(row);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(13, window.selectedIndex(), "the click opened cell 14");
        assertEquals(
                window.model().cells().get(13).id(),
                window.cellPane().cellProperty().get().id());
    }

    private void retype(FxRobot robot, String karyotype) {
        // Monocle leaves key focus with the closed dialog's window; a real window manager does not
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        robot.clickOn("#karyotype");
        robot.type(KeyCode.END);
        String old = robot.lookup("#karyotype")
                .<javafx.scene.control.TextField>query()
                .getText();
        robot.eraseText(old.length()).write(karyotype);
        assertEquals(
                karyotype,
                robot.lookup("#karyotype")
                        .<javafx.scene.control.TextField>query()
                        .getText());
    }

    /** Cancel of the dialog on screen (a closed dialog's button may linger in lookups). */
    private static void cancel(FxRobot robot) {
        Button b = robot.lookup(".button").queryAll().stream()
                .filter(n -> n instanceof Button x
                        && "Cancel".equals(x.getText())
                        && x.getScene() != null
                        && x.getScene().getWindow().isShowing()
                        && x.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .map(Button.class::cast)
                .reduce((a, c) -> c)
                .orElseThrow();
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(
                b.getScene() != null
                        && b.getScene().getWindow() != null
                        && b.getScene().getWindow().isShowing(),
                "the dialog closed");
    }

    private static Button signButton(FxRobot robot) {
        return (Button) showing(robot, "#confirmSignOff");
    }

    private static String text(FxRobot robot, String id) {
        return ((Labeled) showing(robot, id)).getText();
    }

    /** The node with this id in a window on screen (a closed dialog's nodes may linger in lookups). */
    private static Node showing(FxRobot robot, String id) {
        return robot.lookup(id).queryAll().stream()
                .filter(n -> n.getScene() != null
                        && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + id + " on screen"));
    }
}
