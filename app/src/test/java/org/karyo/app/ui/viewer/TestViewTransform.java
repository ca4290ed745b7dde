package org.karyo.app.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestViewTransform {

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.25, 1, 3.7, 40})
    void screenImageRoundTrip(double scale) {
        ViewTransform t = new ViewTransform(new ViewState(scale, 1600, 1100), 900, 640);
        for (double[] p : new double[][] {{0, 0}, {3199.5, 2199.5}, {-20, 7}, {1234.25, 17.75}}) {
            double sx = t.toScreenX(p[0]);
            double sy = t.toScreenY(p[1]);
            assertEquals(p[0], t.toImageX(sx), 1e-9);
            assertEquals(p[1], t.toImageY(sy), 1e-9);
        }
        assertEquals(450, t.toScreenX(1600), 1e-9, "the centre is shown in the middle");
        assertEquals(320, t.toScreenY(1100), 1e-9);
        assertEquals(10 / scale, t.toImageLength(10), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.2, 3})
    void zoomKeepsPointUnderCursor(double factor) {
        ViewTransform t = new ViewTransform(new ViewState(0.3, 1000, 700), 800, 600);
        double ix = t.toImageX(123);
        double iy = t.toImageY(456);
        ViewTransform z = new ViewTransform(t.zoomedAbout(factor, 123, 456), 800, 600);
        assertEquals(0.3 * factor, z.state().scale(), 1e-12);
        assertEquals(ix, z.toImageX(123), 1e-9);
        assertEquals(iy, z.toImageY(456), 1e-9);
    }

    @Test
    void zoomIsClamped() {
        ViewTransform t = new ViewTransform(new ViewState(30, 10, 10), 800, 600);
        assertEquals(ViewState.MAX_SCALE, t.zoomedAbout(10, 0, 0).scale(), 0);
        assertEquals(
                ViewState.MIN_SCALE,
                new ViewTransform(new ViewState(0.03, 0, 0), 800, 600)
                        .zoomedAbout(0.1, 5, 5)
                        .scale(),
                0);
    }

    @Test
    void panMovesImageWithPointer() {
        ViewTransform t = new ViewTransform(new ViewState(2, 100, 100), 800, 600);
        double before = t.toScreenX(150);
        ViewTransform p = new ViewTransform(t.pannedBy(30, -10), 800, 600);
        assertEquals(before + 30, p.toScreenX(150), 1e-9);
        assertEquals(t.toScreenY(80) - 10, p.toScreenY(80), 1e-9);
    }

    @Test
    void fitShowsWholeImageCentred() {
        ViewState s = ViewState.fit(3200, 2200, 816, 616, 8);
        assertEquals(0.25, s.scale(), 1e-12);
        ViewTransform t = new ViewTransform(s, 816, 616);
        assertEquals(8, t.toScreenX(0), 1e-9);
        assertEquals(808, t.toScreenX(3200), 1e-9);
        assertEquals((616 - 550) / 2.0, t.toScreenY(0), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ViewState.fit(0, 10, 10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ViewState(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ViewState(1, Double.NaN, 0));
    }
}
