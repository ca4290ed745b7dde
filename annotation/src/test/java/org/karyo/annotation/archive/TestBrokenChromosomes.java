package org.karyo.annotation.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.core.image.OpenCv;

/**
 * A chromosome broken by a pale band (lighter than the foreground threshold, darker than the
 * half-contrast level) lies in two foreground blobs, neither of which has its centre or axis: the
 * scene offers the two pieces as one more blob, the cut-out is found there, and two chromosomes
 * with paper between them are not joined.
 */
class TestBrokenChromosomes {

    static final int W = 160, H = 100, PAPER = 245, PALE = 165; // Otsu 91, half-contrast 168

    @BeforeAll
    static void opencv() {
        OpenCv.ensureLoaded();
    }

    /** Banded grey of a chromosome row: dark and darker bands, the pale band at rows 22-25. */
    static int band(int row) {
        return row >= 22 && row <= 25 ? PALE : (row / 5) % 2 == 0 ? 50 : 90;
    }

    /** The broken chromosome (8 x 48 at x 30, y 20), and two short ones 6 pixels apart at x 100. */
    static GreyImage metaphase() {
        int[] g = new int[W * H];
        Arrays.fill(g, PAPER);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 8; x++) {
                g[(20 + y) * W + 30 + x] = band(y);
            }
        }
        for (int y = 0; y < 18; y++) {
            for (int x = 0; x < 8; x++) {
                g[(20 + y) * W + 100 + x] = 70;
                g[(44 + y) * W + 100 + x] = 70;
            }
        }
        return new GreyImage(W, H, g);
    }

    @Test
    void offersThePiecesOfABrokenChromosomeAsOneBlob() {
        Scene s = new Scene(metaphase());
        List<Scene.Blob> pieces =
                s.blobs.stream().filter(b -> !b.bridged() && b.cx() < 60).toList();
        assertEquals(2, pieces.size(), "the pale band breaks the chromosome's foreground in two (the premise)");
        List<Scene.Blob> bridged = s.blobs.stream().filter(Scene.Blob::bridged).toList();
        assertEquals(1, bridged.size(), "one bridged blob: the broken chromosome; the two separate ones stay apart");
        Scene.Blob b = bridged.get(0);
        assertEquals(pieces.get(0).area() + pieces.get(1).area(), b.area());
        assertEquals(33.5, b.cx(), 0.6);
        assertEquals(44, b.cy(), 2.5); // the pale band is not foreground: the pieces' centroid, near the middle
        assertTrue(b.elongation() > 3, "the union has the chromosome's long axis");
        assertEquals(
                s.fgArea,
                s.blobs.stream()
                        .filter(x -> !x.bridged())
                        .mapToInt(Scene.Blob::area)
                        .sum(),
                "the bridged blob is not counted twice in the foreground area (the scale guess)");
    }

    @Test
    void findsTheCutOutOfABrokenChromosomeWhole() {
        int cw = 8, ch = 48;
        int[] grey = new int[cw * ch];
        boolean[] mask = new boolean[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                grey[y * cw + x] = band(y);
                mask[y * cw + x] = true;
            }
        }
        CutOut c = new CutOut(ChromosomeLabel.ofNumber(3), 2, 0, 0, cw, ch, grey, mask);
        Model m = new Model(0, c, Scene.ranks(grey, mask), 1.0, 160); // body: darker than the pale band
        Scene s = new Scene(metaphase());
        List<Matcher.Candidate> found = new Matcher(s).search(m, true);
        Matcher.Candidate best = found.stream()
                .max(Comparator.comparingDouble(Matcher.Candidate::value))
                .orElseThrow();
        assertTrue(s.blobs.get(best.blob()).bridged(), "found on the two pieces together: " + best);
        assertTrue(best.ncc() > 0.85, "correlation " + best.ncc());
        assertEquals(33.5, best.x(), 1.01);
        assertEquals(43.5, best.y(), 1.01);
        double onPieces = found.stream()
                .filter(x -> !s.blobs.get(x.blob()).bridged())
                .mapToDouble(Matcher.Candidate::value)
                .max()
                .orElse(0);
        assertTrue(onPieces < best.value() - 0.05, "a piece alone fits worse: " + onPieces + " vs " + best.value());
    }
}
