package org.karyo.app.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The figure pages: every counted cell with its boxes and count, the cells off the mode first and
 * larger (two a row), then the modal cells (three a row). Each image is rendered at exactly its
 * printed size at {@link #DPI} dpi, so print is sharp and the file holds no more pixels than print uses.
 */
final class ReportFigures {

    static final int DPI = 300;
    static final float ASPECT = 0.75f, GUTTER = 10, CAPTION = 14;
    static final float JPEG_QUALITY = 0.88f;

    private ReportFigures() {}

    static void add(PageFlow f, ReportCase rc, CountStatistics stats) throws IOException {
        add(f, start(rc, stats), ReportPdf.Progress.NONE);
    }

    /**
     * The figures being rendered: started before the report's text pages are laid out, so the
     * cores decode, scale and encode images while the fonts load and the tables are set.
     */
    record Started(
            List<ReportCell> off,
            List<ReportCell> modal,
            List<CompletableFuture<byte[]>> offJpegs,
            List<CompletableFuture<byte[]>> modalJpegs) {

        /** Drops the figures not yet started (a report that failed or was cancelled). */
        void cancel() {
            offJpegs.forEach(j -> j.cancel(false));
            modalJpegs.forEach(j -> j.cancel(false));
        }
    }

    /** Starts rendering every counted cell's figure on the renderer threads. */
    static Started start(ReportCase rc, CountStatistics stats) {
        List<ReportCell> counted =
                rc.cells().stream().filter(ReportCell::counted).toList();
        if (counted.isEmpty()) {
            return new Started(List.of(), List.of(), List.of(), List.of());
        }
        List<ReportCell> off = stats.nonModal();
        List<ReportCell> modal = counted.stream()
                .filter(c -> c.finalCount() == stats.modalNumber())
                .toList();
        return new Started(off, modal, render(off, false, 2), render(modal, true, 3));
    }

    static void add(PageFlow f, Started figures, ReportPdf.Progress progress) throws IOException {
        if (figures.off().isEmpty() && figures.modal().isEmpty()) {
            return;
        }
        f.newPage();
        f.heading("Figures: counted cells with their detected chromosomes");
        f.paragraph(
                f.fonts.regular,
                8.5f,
                "Each chromosome is outlined by its rotated box; the badge gives the final count. "
                        + "Cells off the modal number are shown first and larger (orange); modal cells follow (blue).",
                Color.DARK_GRAY);
        f.gap(4);
        int total = figures.off().size() + figures.modal().size();
        int[] done = {0};
        grid(f, figures.off(), figures.offJpegs(), 2, progress, done, total);
        if (!figures.off().isEmpty() && !figures.modal().isEmpty()) {
            f.gap(6);
        }
        grid(f, figures.modal(), figures.modalJpegs(), 3, progress, done, total);
    }

    /** Column width of a grid of {@code perRow} figures, in points. */
    private static float columnWidth(int perRow) {
        return (PageFlow.WIDTH - GUTTER * (perRow - 1)) / perRow;
    }

    /** Renders and JPEG-encodes the figures on every core (each is independent: decode, scale, draw, encode). */
    private static List<CompletableFuture<byte[]>> render(List<ReportCell> cells, boolean modal, int perRow) {
        float w = columnWidth(perRow), h = w * ASPECT;
        int px = Math.round(w / 72f * DPI), py = Math.round(h / 72f * DPI);
        List<CompletableFuture<byte[]>> jpegs = new ArrayList<>();
        for (ReportCell c : cells) {
            jpegs.add(CompletableFuture.supplyAsync(
                    () -> FigureCache.jpeg(c, modal, px, py, () -> jpeg(CellFigure.render(c, modal, px, py))),
                    RENDERERS));
        }
        return jpegs;
    }

    /** Places the rendered figures in order; the document itself is touched on this thread only. */
    private static void grid(
            PageFlow f,
            List<ReportCell> cells,
            List<CompletableFuture<byte[]>> jpegs,
            int perRow,
            ReportPdf.Progress progress,
            int[] done,
            int total)
            throws IOException {
        float w = columnWidth(perRow), h = w * ASPECT;
        int px = Math.round(w / 72f * DPI), py = Math.round(h / 72f * DPI);
        for (int i = 0; i < cells.size(); i += perRow) {
            f.need(h + CAPTION + GUTTER);
            for (int k = 0; k < perRow && i + k < cells.size(); k++) {
                ReportCell c = cells.get(i + k);
                float x = PageFlow.MARGIN + k * (w + GUTTER);
                byte[] bytes;
                try {
                    bytes = jpegs.get(i + k).join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof java.io.UncheckedIOException u
                            ? u.getCause()
                            : new IOException("figure of " + c.label() + ": " + e.getCause(), e.getCause());
                }
                // the size and colour space are known: no ImageIO parse of the JPEG's metadata here
                PDImageXObject xo = new PDImageXObject(
                        f.doc,
                        new java.io.ByteArrayInputStream(bytes),
                        org.apache.pdfbox.cos.COSName.DCT_DECODE,
                        px,
                        py,
                        8,
                        org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB.INSTANCE);
                f.image(xo, x, f.y, w, h);
                captionFitted(f, caption(c), x, f.y - h - 10, w);
                progress.update("Figure " + (done[0] + 1) + " of " + total, ++done[0], total);
            }
            f.y -= h + CAPTION + GUTTER;
        }
    }

    /** Renders figures in the background, one thread per core (daemon: never keeps the program alive). */
    private static final java.util.concurrent.ExecutorService RENDERERS =
            java.util.concurrent.Executors.newFixedThreadPool(
                    Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                        Thread t = new Thread(r, "report-figure");
                        t.setDaemon(true);
                        return t;
                    });

    /** JPEG by OpenCV (libjpeg-turbo) from the figure's BGR bytes; ImageIO's pure-Java path was most of a report's time. */
    private static byte[] jpeg(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR && openCv()) {
            byte[] bgr = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
            org.opencv.core.Mat m =
                    new org.opencv.core.Mat(img.getHeight(), img.getWidth(), org.opencv.core.CvType.CV_8UC3);
            org.opencv.core.MatOfByte out = new org.opencv.core.MatOfByte();
            try {
                m.put(0, 0, bgr);
                org.opencv.imgcodecs.Imgcodecs.imencode(
                        ".jpg",
                        m,
                        out,
                        new org.opencv.core.MatOfInt(
                                org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, Math.round(JPEG_QUALITY * 100)));
                return out.toArray();
            } finally {
                m.release();
                out.release();
            }
        }
        return imageIoJpeg(img);
    }

    private static boolean openCv() {
        try {
            org.karyo.core.image.OpenCv.ensureLoaded();
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false; // ImageIO encodes then
        }
    }

    private static byte[] imageIoJpeg(BufferedImage img) {
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            javax.imageio.ImageWriter w =
                    javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
            try {
                javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(JPEG_QUALITY);
                w.setOutput(ios);
                w.write(null, new javax.imageio.IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
            ios.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The caption within its column: a smaller size when it is long, then cut with an ellipsis, so
     * captions of neighbouring figures never run into each other.
     */
    static void captionFitted(PageFlow f, String text, float x, float baseline, float width) throws IOException {
        float size = 8;
        while (size > 6.5f && f.fonts.regular.getStringWidth(text) / 1000 * size > width) {
            size -= 0.5f;
        }
        String s = text;
        while (s.length() > 4 && f.fonts.regular.getStringWidth(s) / 1000 * size > width) {
            s = s.substring(0, s.length() - 2) + "…";
            s = s.replace("……", "…");
        }
        f.text(f.fonts.regular, size, x, baseline, s, Color.BLACK);
    }

    static String caption(ReportCell c) {
        String detected = c.detectedCount() != null && c.detectedCount() != c.finalCount()
                ? " (detected " + c.detectedCount() + ")"
                : "";
        return c.label() + ": " + c.finalCount() + " chromosomes" + detected;
    }
}
