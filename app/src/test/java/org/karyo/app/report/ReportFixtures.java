package org.karyo.app.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.karyo.app.report.ReportCase.Status;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.LabelMeReader;

/**
 * Report cases for tests and the demo: DEMO-0001 from {@code assets/demo} (boxes = the annotation
 * polygons' minimum-area rectangles; a few simulated review edits), and a 30-cell 45,X/46,XX mosaic.
 */
final class ReportFixtures {

    static final Path DEMO = Path.of("..", "assets", "demo", "DEMO-0001");
    static final Instant SIGNED_AT = Instant.parse("2025-03-14T16:20:00Z");

    private ReportFixtures() {}

    /** The demo case; the detector "missed" one chromosome in cell 3 and "found" an extra one in cell 8. */
    static ReportCase demo(Status status) throws IOException {
        List<GroundTruthImage> images;
        try {
            images = LabelMeReader.read(DEMO).images();
        } catch (AnnotationFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<ReportCell> cells = new ArrayList<>();
        int ordinal = 0;
        for (GroundTruthImage img :
                images.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            ordinal++;
            List<RotatedBox> boxes =
                    img.objects().stream().map(GroundTruthObject::box).toList();
            int n = boxes.size();
            Integer detected = n;
            ReportCell.Edits edits = ReportCell.Edits.NONE;
            if (ordinal == 3) {
                detected = n - 1;
                edits = new ReportCell.Edits(1, 0, 2);
            } else if (ordinal == 8) {
                detected = n + 1;
                edits = new ReportCell.Edits(0, 1, 0);
            }
            Path file = img.imagePath();
            cells.add(new ReportCell(
                    ordinal,
                    img.name(),
                    file.getFileName().toString(),
                    sha256(file),
                    file,
                    detected,
                    n,
                    false,
                    null,
                    boxes,
                    edits,
                    "A. Reviewer"));
        }
        return new ReportCase(
                new ReportCase.Laboratory("Karyo Demo Cytogenetics Laboratory", "1 Example Road, Demo City"),
                new ReportCase.Patient("DEMO-0001", "Demo, Patient", LocalDate.of(1990, 5, 17), "female"),
                "DEMO-0001-A",
                "peripheral blood (lithium heparin)",
                LocalDate.of(2025, 3, 3),
                LocalDate.of(2025, 3, 4),
                "recurrent pregnancy loss",
                List.of("PHA-stimulated 72 h"),
                "550",
                5,
                "46,XX",
                "Normal female karyotype. No numerical or structural abnormality was seen at the band level stated. "
                        + "Cells with 45 and 47 chromosomes were single random cells.",
                status,
                status == Status.SIGNED ? List.of(new ReportCase.SignOff("Dr C. Geneticist", SIGNED_AT)) : List.of(),
                List.of("A. Reviewer"),
                new ReportCase.ModelProvenance(
                        "deepchm-lite", "1.0.0", "3f1c9a0d5e7b2c4a6d8e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e"),
                1,
                cells);
    }

    /** A 45,X/46,XX mosaic: 12 cells with 45 and 18 with 46 chromosomes, no images on disk. */
    static ReportCase mosaic(Status status) {
        List<ReportCell> cells = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            int count = i % 5 == 1 || i % 5 == 3 ? 45 : 46;
            cells.add(new ReportCell(
                    i,
                    String.format("m-%02d", i),
                    String.format("m-%02d.tif", i),
                    null,
                    null,
                    count,
                    count,
                    false,
                    null,
                    List.of(),
                    null,
                    "B. Reviewer"));
        }
        cells.add(new ReportCell(
                31,
                "m-31",
                "m-31.tif",
                null,
                null,
                39,
                39,
                true,
                "overlapping nucleus, \"not countable\"",
                List.of(),
                null,
                "B. Reviewer"));
        return new ReportCase(
                new ReportCase.Laboratory("Karyo Demo Cytogenetics Laboratory", null),
                new ReportCase.Patient("MOS-0002", "Mosaic, Test", LocalDate.of(2010, 1, 2), "female"),
                "MOS-0002-B",
                "peripheral blood",
                LocalDate.of(2025, 2, 1),
                LocalDate.of(2025, 2, 2),
                "short stature",
                List.of("PHA 72 h", "PHA 96 h"),
                "450",
                5,
                "45,X/46,XX[12/18]",
                "Mosaic Turner syndrome: a 45,X cell line in 12 of 30 cells.",
                status,
                status == Status.SIGNED ? List.of(new ReportCase.SignOff("Dr C. Geneticist", SIGNED_AT)) : List.of(),
                List.of("B. Reviewer"),
                null,
                2,
                cells);
    }

    static List<ReportAuditEntry> audit() {
        return List.of(
                new ReportAuditEntry(
                        Instant.parse("2025-03-10T09:00:00Z"),
                        "A. Reviewer",
                        "box added",
                        "cell-03",
                        "44",
                        "45",
                        "missed chromosome, touching 7"),
                new ReportAuditEntry(
                        Instant.parse("2025-03-10T09:05:00Z"),
                        "A. Reviewer",
                        "box removed",
                        "cell-08",
                        "47",
                        "46",
                        "debris, \"not a chromosome\""),
                new ReportAuditEntry(
                        Instant.parse("2025-03-14T16:20:00Z"),
                        "Dr C. Geneticist",
                        "signed off",
                        null,
                        null,
                        null,
                        null));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
