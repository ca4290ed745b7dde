package org.karyo.app.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Drives a CellView with the TestFX robot (headless Monocle) and checks the edits it reports. */
@ExtendWith(ApplicationExtension.class)
class TestCellView {

    private static final RotatedBox A = RotatedBox.of(200, 200, 100, 20, 0);
    private static final RotatedBox B = RotatedBox.of(500, 300, 80, 16, 90);
    private static final RotatedBox C = RotatedBox.of(620, 470, 60, 12, 45);

    /** One reported edit. */
    record Call(String what, Object payload, EditKind kind) {}

    private final List<Call> calls = new ArrayList<>();
    private final List<KeyCode> reachedScene = new ArrayList<>();
    private CellView view;

    @Start
    void start(Stage stage) {
        view = new CellView();
        WritableImage img = new WritableImage(800, 600);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                w.setColor(x, y, Color.gray(0.6 + 0.3 * ((x / 40 + y / 40) % 2)));
            }
        }
        view.setImage(img);
        view.setBoxes(List.of(ViewBox.detected(1, A, 0.95), ViewBox.detected(2, B, 0.3), ViewBox.user(3, C)));
        view.setEditHandler(new BoxEditHandler() {
            @Override
            public void add(RotatedBox box) {
                calls.add(new Call("add", box, null));
            }

            @Override
            public void change(Map<Long, RotatedBox> after, EditKind kind) {
                calls.add(new Call("change", after, kind));
            }

            @Override
            public void delete(Set<Long> ids) {
                calls.add(new Call("delete", ids, null));
            }
        });
        Scene scene = new Scene(view, 800, 600);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> reachedScene.add(e.getCode()));
        stage.setScene(scene);
        stage.show();
    }

    @BeforeEach
    void oneToOne(FxRobot robot) {
        // one image pixel per screen pixel, image origin at the view origin
        robot.interact(() -> {
            view.setViewState(new ViewState(1, 400, 300));
            view.requestFocus();
        });
    }

    private Point2D at(double ix, double iy) {
        return view.localToScreen(view.imageToView(ix, iy));
    }

    private void drag(FxRobot robot, Point2D from, Point2D to) {
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
    }

    private void select(FxRobot robot, long id) {
        robot.interact(() -> {
            view.getSelection().clear();
            view.getSelection().add(id);
        });
    }

    @SuppressWarnings("unchecked")
    private RotatedBox changed(int call, long id) {
        return ((Map<Long, RotatedBox>) calls.get(call).payload()).get(id);
    }

    private static void assertBox(RotatedBox expected, RotatedBox actual) {
        assertEquals(expected.cx(), actual.cx(), 0.51, "cx " + actual);
        assertEquals(expected.cy(), actual.cy(), 0.51, "cy " + actual);
        assertEquals(expected.w(), actual.w(), 0.51, "w " + actual);
        assertEquals(expected.h(), actual.h(), 0.51, "h " + actual);
        assertEquals(expected.angle(), actual.angle(), 1.0, "angle " + actual);
    }

    @Test
    void clickSelectsShiftClickTogglesEmptyClickClears(FxRobot robot) {
        robot.clickOn(at(200, 200));
        assertEquals(Set.of(1L), view.getSelection());
        robot.press(KeyCode.SHIFT).clickOn(at(500, 300)).release(KeyCode.SHIFT);
        assertEquals(Set.of(1L, 2L), view.getSelection());
        robot.clickOn(at(50, 550));
        assertTrue(view.getSelection().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        assertEquals(Set.of(1L, 2L, 3L), view.getSelection());
        robot.type(KeyCode.ESCAPE);
        assertTrue(view.getSelection().isEmpty());
        assertTrue(calls.isEmpty(), "selecting is not an edit");
    }

    @Test
    void rubberBandSelectsBoxesInside(FxRobot robot) {
        drag(robot, at(420, 200), at(700, 550));
        assertEquals(Set.of(2L, 3L), view.getSelection());
        assertFalse(view.interacting());
    }

    @Test
    void dragMovesAndReportsOnRelease(FxRobot robot) {
        drag(robot, at(200, 200), at(230, 215));
        assertEquals(1, calls.size());
        assertEquals(EditKind.MOVE, calls.get(0).kind());
        assertBox(A.translated(30, 15), changed(0, 1));
        assertEquals(A, view.getBoxes().get(0).box(), "the view never edits its boxes itself");
    }

    @Test
    void edgeHandleResizesKeepingOppositeEnd(FxRobot robot) {
        select(robot, 1);
        drag(robot, at(250, 200), at(270, 205));
        assertEquals(EditKind.RESIZE, calls.get(0).kind());
        RotatedBox r = changed(0, 1);
        assertBox(RotatedBox.of(210, 200, 120, 20, 0), r);
        assertEquals(150, r.cx() - r.w() / 2, 0.51, "the minus end stays put");
    }

    @Test
    void rotationHandleRotatesAboutCentre(FxRobot robot) {
        select(robot, 1);
        drag(robot, at(250 + CellView.ROTATION_OFFSET_PX, 200), at(200, 260));
        assertEquals(EditKind.ROTATE, calls.get(0).kind());
        assertBox(RotatedBox.of(200, 200, 100, 20, 90), changed(0, 1));
    }

    @Test
    void addByDragThenWidthClick(FxRobot robot) {
        robot.type(KeyCode.A);
        assertEquals(Tool.ADD, view.toolProperty().get());
        drag(robot, at(100, 400), at(160, 400));
        assertTrue(calls.isEmpty(), "nothing is added before the width is set");
        robot.moveTo(at(130, 407)).clickOn(at(130, 407));
        assertEquals(1, calls.size());
        assertEquals("add", calls.get(0).what());
        assertBox(RotatedBox.of(130, 400, 60, 14, 0), (RotatedBox) calls.get(0).payload());
    }

    @Test
    void addConfirmedByEnterOrCancelledByEscape(FxRobot robot) {
        robot.type(KeyCode.A);
        drag(robot, at(100, 400), at(100, 460));
        robot.type(KeyCode.ESCAPE);
        assertTrue(calls.isEmpty());
        assertFalse(view.interacting());
        drag(robot, at(100, 400), at(100, 460));
        robot.moveTo(at(95, 430)).type(KeyCode.ENTER);
        assertBox(RotatedBox.of(100, 430, 60, 10, 90), (RotatedBox) calls.get(0).payload());
        robot.type(KeyCode.ESCAPE);
        assertEquals(Tool.SELECT, view.toolProperty().get());
    }

    @Test
    void deleteAndNudgeKeys(FxRobot robot) {
        select(robot, 2);
        robot.type(KeyCode.RIGHT);
        robot.press(KeyCode.SHIFT).type(KeyCode.UP).release(KeyCode.SHIFT);
        robot.type(KeyCode.DELETE);
        assertEquals(3, calls.size());
        assertEquals(EditKind.NUDGE, calls.get(0).kind());
        assertBox(B.translated(1, 0), changed(0, 2));
        assertEquals(EditKind.NUDGE, calls.get(1).kind());
        assertBox(B.translated(0, -10), changed(1, 2));
        assertEquals(new Call("delete", Set.of(2L), null), calls.get(2));
        assertFalse(reachedScene.contains(KeyCode.DELETE), "handled keys are consumed");
    }

    @Test
    void appLevelKeysPassThrough(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.type(KeyCode.N, KeyCode.PAGE_DOWN);
        assertTrue(reachedScene.containsAll(List.of(KeyCode.Z, KeyCode.N, KeyCode.PAGE_DOWN)), reachedScene.toString());
    }

    @Test
    void wheelZoomKeepsPointUnderCursor(FxRobot robot) {
        Point2D p = at(100, 80); // far from the middle, so zooming about the wrong point shows
        robot.moveTo(p);
        Point2D local = view.screenToLocal(p);
        Point2D imgBefore = view.viewToImage(local.getX(), local.getY());
        robot.scroll(5, VerticalDirection.UP);
        // Monocle's wheel sign is not the desktop's, so only the size of the change is checked
        double scale = view.getViewState().scale();
        assertTrue(Math.abs(Math.log(scale)) > 0.2, "the wheel zooms: " + scale);
        Point2D imgAfter = view.viewToImage(local.getX(), local.getY());
        assertEquals(imgBefore.getX(), imgAfter.getX(), 0.1);
        assertEquals(imgBefore.getY(), imgAfter.getY(), 0.1);
        robot.scroll(5, VerticalDirection.DOWN);
        assertEquals(1, view.getViewState().scale(), 1e-9, "the other way undoes it");
    }

    @Test
    void fitAndOneToOneKeys(FxRobot robot) {
        robot.type(KeyCode.F);
        assertEquals(ViewState.fit(800, 600, view.getWidth(), view.getHeight(), 8), view.getViewState());
        robot.type(KeyCode.DIGIT1);
        assertEquals(1, view.getViewState().scale(), 0);
        robot.type(KeyCode.B);
        assertFalse(view.showBoxesProperty().get());
        robot.clickOn(at(200, 200));
        assertTrue(view.getSelection().isEmpty(), "hidden boxes cannot be picked");
    }

    @Test
    void rightDragPans(FxRobot robot) {
        ViewState s0 = view.getViewState();
        robot.moveTo(at(300, 300))
                .press(MouseButton.SECONDARY)
                .moveTo(at(340, 280))
                .release(MouseButton.SECONDARY);
        ViewState s1 = view.getViewState();
        assertEquals(s0.centreX() - 40, s1.centreX(), 0.51);
        assertEquals(s0.centreY() + 20, s1.centreY(), 0.51);
        assertTrue(calls.isEmpty());
    }

    @Test
    void setBoxesDropsVanishedIdsFromSelectionAndCounts(FxRobot robot) {
        robot.interact(() -> {
            view.getSelection().addAll(Set.of(1L, 2L));
            view.setBoxes(List.of(ViewBox.detected(2, B, 0.3)));
        });
        assertEquals(Set.of(2L), view.getSelection());
        assertEquals(1, view.countProperty().get());
    }

    @Test
    void missingOrBrokenImageNeverThrows(FxRobot robot) {
        javafx.scene.image.Image good = view.getImage();
        ViewState before = view.getViewState();
        robot.interact(() -> {
            view.setImage(null);
            view.fit();
            view.setImage(new javafx.scene.image.Image("file:/nonexistent/karyo-missing.png"));
            view.fit();
            view.layout();
        });
        assertEquals(before, view.getViewState(), "nothing to fit");
        robot.clickOn(at(200, 200)).type(KeyCode.F);
        robot.interact(() -> {
            view.setImage(good);
            view.layout();
        });
        assertEquals(
                ViewState.fit(800, 600, view.getWidth(), view.getHeight(), 8),
                view.getViewState(),
                "a new image is fitted");
    }
}
