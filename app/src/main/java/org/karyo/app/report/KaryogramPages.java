package org.karyo.app.report;

import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Report pages with the karyograms of the karyotyped cells, one a page width, with cell and ISCN. */
final class KaryogramPages {

    private KaryogramPages() {}

    static void add(PageFlow f, List<ReportKaryogram> karyograms) throws IOException {
        if (karyograms.isEmpty()) {
            return;
        }
        f.newPage();
        f.heading("Karyograms of the karyotyped cells");
        f.paragraph(
                f.fonts.regular,
                8.5f,
                "Chromosomes cut out along their detected axis, p-arm up as the classifier "
                        + "and reviewer placed them, in ISCN order. Orange frames: placements below 0.60 confidence.",
                Color.DARK_GRAY);
        f.gap(4);
        for (ReportKaryogram k : karyograms) {
            String caption = "Cell " + k.label() + "   " + k.iscn()
                    + (k.karyotypedBy() == null ? "" : "   karyotyped by " + k.karyotypedBy());
            if (k.image() == null) {
                f.paragraph(f.fonts.regular, 9, caption + "  (image missing: karyogram not drawn)", Color.RED);
                continue;
            }
            float w = PageFlow.WIDTH;
            float h = w * k.image().getHeight() / k.image().getWidth();
            f.need(h + 16);
            PDImageXObject xo = LosslessFactory.createFromImage(f.doc, k.image());
            f.image(xo, PageFlow.MARGIN, f.y, w, h);
            f.text(f.fonts.regular, 8, PageFlow.MARGIN, f.y - h - 10, caption, Color.BLACK);
            f.y -= h + 18;
        }
    }
}
