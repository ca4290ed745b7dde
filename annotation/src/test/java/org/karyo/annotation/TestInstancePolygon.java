package org.karyo.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;

class TestInstancePolygon {

    private static List<Problem.Kind> kinds(InstancePolygon p) {
        return p.validate(100, 80).stream().map(Problem::kind).toList();
    }

    @Test
    void labelsReadBothDialectsAndWriteTheFilesOne() {
        assertEquals(Optional.of(ChromosomeLabel.C7), ChromosomeLabel.parse("7"));
        assertEquals(Optional.of(ChromosomeLabel.C7), ChromosomeLabel.parse(" chr7 "));
        assertEquals(Optional.of(ChromosomeLabel.C7), ChromosomeLabel.parse("7.0"));
        assertEquals(Optional.of(ChromosomeLabel.X), ChromosomeLabel.parse("23"));
        assertEquals(Optional.of(ChromosomeLabel.X), ChromosomeLabel.parse("chrX"));
        assertEquals(Optional.of(ChromosomeLabel.Y), ChromosomeLabel.parse("24"));
        assertEquals(Optional.of(ChromosomeLabel.Y), ChromosomeLabel.parse("y"));
        assertEquals(Optional.of(ChromosomeLabel.CHROMOSOME), ChromosomeLabel.parse("Chromosome"));
        assertEquals(Optional.of(ChromosomeLabel.CHROMOSOME), ChromosomeLabel.parse(""));
        assertEquals(Optional.empty(), ChromosomeLabel.parse("25"));
        assertEquals(Optional.empty(), ChromosomeLabel.parse("0"));
        assertEquals(Optional.empty(), ChromosomeLabel.parse("nucleus"));
        for (ChromosomeLabel l : ChromosomeLabel.values()) {
            assertEquals(Optional.of(l), ChromosomeLabel.parse(l.fileText()));
            assertEquals(Optional.of(l), ChromosomeLabel.parse(l.displayName()));
            assertEquals(l, ChromosomeLabel.ofNumber(l.number()));
        }
        assertEquals("23", ChromosomeLabel.X.fileText());
        assertEquals("X", ChromosomeLabel.X.displayName());
    }

    @Test
    void aGoodOutlineHasNoProblems() {
        InstancePolygon p = InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 10, 10, 60, 12, 58, 30, 12, 28);
        assertEquals(List.of(), p.validate(100, 80));
        // Points on the image edge are inside (continuous frame [0, width]).
        assertEquals(
                List.of(),
                InstancePolygon.ofFlat(2, ChromosomeLabel.C1, 0, 0, 100, 0, 100, 80)
                        .validate(100, 80));
    }

    @Test
    void tooFewPointsCountsDistinctOnes() {
        assertEquals(
                List.of(Problem.Kind.TOO_FEW_POINTS), kinds(InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 1, 1, 5, 5)));
        // A double click does not make a third point.
        assertEquals(
                List.of(Problem.Kind.TOO_FEW_POINTS),
                kinds(InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 1, 1, 5, 5, 5, 5, 1, 1)));
        assertEquals(List.of(Problem.Kind.TOO_FEW_POINTS), kinds(InstancePolygon.of(1, ChromosomeLabel.C1, List.of())));
    }

    @Test
    void zeroAreaAndSelfIntersection() {
        assertTrue(kinds(InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 1, 1, 5, 5, 9, 9))
                .contains(Problem.Kind.ZERO_AREA));
        InstancePolygon bowTie = InstancePolygon.ofFlat(2, ChromosomeLabel.C1, 10, 10, 50, 40, 50, 10, 10, 30);
        List<Problem> probs = bowTie.validate(100, 80);
        assertEquals(
                List.of(Problem.Kind.SELF_INTERSECTION),
                probs.stream().map(Problem::kind).toList());
        assertEquals(2, probs.get(0).instanceId());
        assertTrue(
                probs.get(0).message().contains("crosses itself"), probs.get(0).message());
        // A vertex touching another edge, and an edge folding back onto the previous one.
        InstancePolygon touching =
                InstancePolygon.ofFlat(3, ChromosomeLabel.C1, 10, 10, 50, 10, 50, 40, 30, 10.0, 10, 40);
        assertTrue(kinds(touching).contains(Problem.Kind.SELF_INTERSECTION));
        InstancePolygon spike = InstancePolygon.ofFlat(4, ChromosomeLabel.C1, 10, 10, 50, 10, 30, 10, 30, 40);
        assertTrue(kinds(spike).contains(Problem.Kind.SELF_INTERSECTION));
        // A concave but simple outline is fine.
        InstancePolygon bent = InstancePolygon.ofFlat(5, ChromosomeLabel.C1, 10, 10, 50, 10, 50, 40, 30, 20, 10, 40);
        assertEquals(List.of(), bent.validate(100, 80));
    }

    @Test
    void outsideTheImage() {
        InstancePolygon p = InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 90, 70, 110, 70, 110, 85, 90, 85);
        List<Problem> probs = p.validate(100, 80);
        assertEquals(
                List.of(Problem.Kind.OUTSIDE_IMAGE),
                probs.stream().map(Problem::kind).toList());
        assertTrue(
                probs.get(0).message().contains("3 point(s) outside the 100x80 image"),
                probs.get(0).message());
    }

    @Test
    void immutableAndBoxes() {
        List<Vertex> pts = new ArrayList<>(List.of(new Vertex(0, 0), new Vertex(4, 0), new Vertex(4, 2)));
        InstancePolygon p = InstancePolygon.of(1, ChromosomeLabel.C1, pts);
        pts.clear();
        assertEquals(3, p.size());
        assertThrows(UnsupportedOperationException.class, () -> p.points().add(new Vertex(1, 1)));
        RotatedBox box = RotatedBox.of(50, 40, 30, 10, 30);
        InstancePolygon fromBox = InstancePolygon.ofBox(2, ChromosomeLabel.CHROMOSOME, box);
        assertEquals(300, fromBox.area(), 1e-9);
        assertEquals(box.angle(), fromBox.minAreaRect().angle(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new Vertex(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> AnnotatedImage.of(null, 10, 10, List.of(p, p)));
        assertEquals(2, AnnotatedImage.of(null, 10, 10, List.of(p)).nextId());
    }
}
