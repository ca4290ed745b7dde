package org.karyo.app.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;

class TestBoxPicker {

    private final ViewBox big = ViewBox.detected(1, RotatedBox.of(100, 100, 80, 20, 0), 0.9);
    private final ViewBox small = ViewBox.detected(2, RotatedBox.of(110, 100, 20, 6, 90), 0.8);
    private final ViewBox far = ViewBox.user(3, RotatedBox.of(300, 300, 30, 8, 45));
    private final List<ViewBox> boxes = List.of(big, small, far);

    @Test
    void smallestContainingBoxWins() {
        assertEquals(
                new BoxPicker.Hit(2, BoxHandle.BODY),
                BoxPicker.pick(boxes, Set.of(), 110, 101, 3, 10).orElseThrow());
        assertEquals(
                new BoxPicker.Hit(1, BoxHandle.BODY),
                BoxPicker.pick(boxes, Set.of(), 80, 101, 3, 10).orElseThrow());
        assertTrue(BoxPicker.pick(boxes, Set.of(), 200, 200, 3, 10).isEmpty());
    }

    @Test
    void handlesOnlyOnSelectedBoxes() {
        // the +length end of the big box is (140, 100); its rotation handle 10 further
        assertEquals(
                new BoxPicker.Hit(1, BoxHandle.LENGTH_PLUS),
                BoxPicker.pick(boxes, Set.of(1L), 141, 101, 3, 10).orElseThrow());
        assertEquals(
                new BoxPicker.Hit(1, BoxHandle.ROTATE),
                BoxPicker.pick(boxes, Set.of(1L), 150, 99, 3, 10).orElseThrow());
        assertEquals(
                new BoxPicker.Hit(1, BoxHandle.BODY),
                BoxPicker.pick(boxes, Set.of(), 139, 101, 3, 10).orElseThrow());
        assertTrue(BoxPicker.pick(boxes, Set.of(), 150, 99, 3, 10).isEmpty());
    }

    @Test
    void pressInTheMiddleOfANarrowSelectedBoxMovesIt() {
        // 6 px wide: the width handles lie 3 px from the centre, inside the handle tolerance
        List<ViewBox> thin = List.of(new ViewBox(7, RotatedBox.of(50, 50, 60, 6, 90), 0.9));
        assertEquals(
                new BoxPicker.Hit(7, BoxHandle.BODY),
                BoxPicker.pick(thin, Set.of(7L), 50, 50, 5, 10).orElseThrow());
        assertEquals(
                new BoxPicker.Hit(7, BoxHandle.WIDTH_PLUS),
                BoxPicker.pick(thin, Set.of(7L), 46, 50, 5, 10)
                        .map(h -> new BoxPicker.Hit(
                                h.id(), h.handle() == BoxHandle.WIDTH_MINUS ? BoxHandle.WIDTH_PLUS : h.handle()))
                        .orElseThrow());
    }

    @Test
    void rubberBandTakesBoxesWithCentreInside() {
        assertEquals(Set.of(1L, 2L), BoxPicker.inRectangle(boxes, 120, 90, 90, 110));
        assertEquals(Set.of(3L), BoxPicker.inRectangle(boxes, 250, 250, 350, 350));
    }

    @Test
    void dragsComputeFromStartBoxes() {
        BoxDrag move = BoxDrag.move(Map.of(1L, big.box(), 3L, far.box()), 10, 10);
        assertEquals(EditKind.MOVE, move.kind());
        assertEquals(Map.of(1L, big.box().translated(5, -2), 3L, far.box().translated(5, -2)), move.at(15, 8));
        assertTrue(!move.changesAt(10, 10));
        BoxDrag resize = BoxDrag.handle(1, big.box(), BoxHandle.LENGTH_PLUS, 140, 100);
        assertEquals(EditKind.RESIZE, resize.kind());
        assertEquals(90, resize.at(150, 130).get(1L).w(), 1e-9);
        BoxDrag rotate = BoxDrag.handle(1, big.box(), BoxHandle.ROTATE, 150, 100);
        assertEquals(EditKind.ROTATE, rotate.kind());
        assertEquals(90, rotate.at(100, 150).get(1L).angle(), 1e-9);
    }
}
