package org.karyo.app.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.karyo.app.report.ReportAuditEntry;
import org.karyo.app.report.ReportCase;
import org.karyo.app.report.ReportCsv;
import org.karyo.app.report.ReportPdf;
import org.karyo.app.report.StoreReportSource;
import org.karyo.app.store.CaseStore;

/**
 * Case > Report…: the open case's report, made and rendered to page images in the background
 * (never on the FX thread), previewed page by page, and saved as the very PDF previewed or as the
 * cells and audit CSVs. A case that is not signed off is previewed and saved as a DRAFT.
 */
final class ReportDialog extends Stage {

    private static final System.Logger LOG = System.getLogger(ReportDialog.class.getName());

    /** Preview resolution: an A4 page is about 600 pixels wide, readable without zooming. */
    static final float PREVIEW_DPI = 72;

    /** What the background render produced: the case, its audit trail, the PDF and its pages. */
    private record Rendered(
            ReportCase report,
            List<ReportAuditEntry> audit,
            List<ReportAuditEntry> named,
            Path pdf,
            List<Image> pages,
            List<org.karyo.app.report.ReportKaryogram> karyograms,
            List<String> unprintable) {}

    private final CaseStore store;
    private final Path dataDir;
    private final long caseId;
    private final VBox pages = new VBox(16);
    private final Label status = new Label("Making the report…");
    private final Button savePdf = new Button("Save PDF…");
    private final Button saveCsv = new Button("Save CSV…");
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(0);
    private final javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar(0);
    /** Where the audit trail goes: an appendix of sentences, a PDF of its own, or not at all. */
    final javafx.scene.control.ComboBox<ReportPdf.AuditPlacement> auditPlacement =
            new javafx.scene.control.ComboBox<>();

    private final Button saveAudit = new Button("Save audit PDF…");
    private volatile Rendered rendered;
    private volatile boolean closed;

    private ReportDialog(Window owner, CaseStore store, Path dataDir, long caseId, String accession) {
        this.store = store;
        this.dataDir = dataDir;
        this.caseId = caseId;
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("Report · " + accession);
        pages.setId("reportPages");
        pages.setAlignment(Pos.TOP_CENTER);
        pages.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(pages);
        scroll.setId("reportPreview");
        scroll.setFitToWidth(true);
        status.setId("reportStatus");
        status.setWrapText(true);
        savePdf.setId("saveReportPdf");
        saveCsv.setId("saveReportCsv");
        savePdf.setDisable(true);
        saveCsv.setDisable(true);
        savePdf.setOnAction(e -> choosePdf());
        saveCsv.setOnAction(e -> chooseCsv());
        progress.setId("reportProgress");
        progress.setPrefWidth(160);
        auditPlacement.setId("auditPlacement");
        auditPlacement.getItems().setAll(ReportPdf.AuditPlacement.values());
        auditPlacement.setValue(ReportPdf.AuditPlacement.APPENDIX);
        auditPlacement.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ReportPdf.AuditPlacement p) {
                return p == null
                        ? ""
                        : switch (p) {
                            case APPENDIX -> "Audit trail: appendix";
                            case SEPARATE -> "Audit trail: separate PDF";
                            case NONE -> "Audit trail: leave out";
                        };
            }

            @Override
            public ReportPdf.AuditPlacement fromString(String s) {
                return null;
            }
        });
        auditPlacement.valueProperty().addListener((o, a, b) -> {
            if (a != b && rendered != null) {
                discard();
                closed = false;
                rendered = null;
                pages.getChildren().clear();
                pageCount.set(0);
                render();
            }
        });
        saveAudit.setId("saveAuditPdf");
        saveAudit.setDisable(true);
        saveAudit.visibleProperty().bind(auditPlacement.valueProperty().isEqualTo(ReportPdf.AuditPlacement.SEPARATE));
        saveAudit.managedProperty().bind(saveAudit.visibleProperty());
        saveAudit.setOnAction(e -> chooseAudit());
        Button close = new Button("Close");
        close.setId("closeReport");
        close.setCancelButton(true);
        close.setOnAction(e -> close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, progress, status, gap, auditPlacement, savePdf, saveAudit, saveCsv, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(8));
        BorderPane root = new BorderPane(scroll);
        root.setBottom(buttons);
        setScene(new Scene(root, 720, 860));
        setOnHidden(e -> discard());
    }

    /** Opens the dialog for a case and starts making its report in the background. */
    static ReportDialog open(Window owner, CaseStore store, Path dataDir, long caseId, String accession) {
        ReportDialog d = new ReportDialog(owner, store, dataDir, caseId, accession);
        d.show();
        d.render();
        return d;
    }

    /** Pages of the rendered report; 0 until the preview is ready. */
    ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    int pageCount() {
        return pageCount.get();
    }

    private void render() {
        ReportPdf.AuditPlacement placement = auditPlacement.getValue();
        savePdf.setDisable(true);
        saveCsv.setDisable(true);
        saveAudit.setDisable(true);
        Task<Rendered> task = new Task<>() {
            @Override
            protected Rendered call() throws IOException {
                // writing the PDF is most of the work (figures), the preview the rest
                return make(placement, (what, done, total) -> {
                    updateMessage(what);
                    updateProgress(done, total);
                });
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        status.textProperty().bind(task.messageProperty());
        progress.setVisible(true);
        task.setOnSucceeded(e -> {
            status.textProperty().unbind();
            progress.progressProperty().unbind();
            progress.setVisible(false);
            showPages(task.getValue());
        });
        task.setOnFailed(e -> {
            status.textProperty().unbind();
            progress.progressProperty().unbind();
            progress.setVisible(false);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the report could not be made",
                    org.karyo.core.logging.LogFiles.withheld(task.getException()));
            status.setText("The report could not be made: " + CellPane.rootMessage(task.getException()));
            status.getStyleClass().add("error");
        });
        Thread t = new Thread(task, "karyo-report");
        t.setDaemon(true);
        t.start();
    }

    /** Background: load the case, write the PDF to a temporary file, render its pages. */
    private Rendered make(ReportPdf.AuditPlacement placement, ReportPdf.Progress progress) throws IOException {
        ReportCase rc;
        List<ReportAuditEntry> audit;
        List<ReportAuditEntry> named;
        List<org.karyo.app.report.ReportKaryogram> karyograms;
        progress.update("Reading the case…", 0, 1);
        try (StoreReportSource source = StoreReportSource.of(store, dataDir)) {
            rc = source.load(caseId);
            audit = source.audit(caseId);
            named = source.auditByName(caseId);
            karyograms = source.karyograms(caseId);
        }
        Path pdf = Files.createTempFile("karyo-report-", ".pdf");
        try {
            ReportPdf.write(
                    rc,
                    named,
                    karyograms,
                    pdf,
                    Instant.now(),
                    placement,
                    (what, done, total) -> progress.update(what, done, total + 1));
            List<Image> images = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                PDFRenderer r = new PDFRenderer(doc);
                int n = doc.getNumberOfPages();
                for (int i = 0; i < n && !closed; i++) {
                    progress.update("Preview: page " + (i + 1) + " of " + n, i + 1, n);
                    BufferedImage page = r.renderImageWithDPI(i, PREVIEW_DPI, ImageType.RGB);
                    images.add(SwingFXUtils.toFXImage(page, null));
                }
            }
            return new Rendered(rc, audit, named, pdf, images, karyograms, ReportPdf.unprintable(rc));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(pdf);
            throw e;
        }
    }

    private void showPages(Rendered r) {
        if (closed) {
            deleteQuietly(r.pdf());
            return;
        }
        rendered = r;
        int n = r.pages().size();
        for (int i = 0; i < n; i++) {
            Label caption = new Label("Page " + (i + 1) + " of " + n);
            ImageView view = new ImageView(r.pages().get(i));
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.getStyleClass().add("report-page");
            pages.getChildren().add(new VBox(4, caption, view));
        }
        pageCount.set(n);
        status.setText(n
                + (n == 1 ? " page" : " pages")
                + (r.report().signed()
                        ? ", signed off"
                        : ", DRAFT: the case is not signed off, so the report is saved as a draft")
                + (r.unprintable().isEmpty()
                        ? ""
                        : ". WARNING: the report's font cannot print " + String.join("; ", r.unprintable())
                                + "; they appear as '?'"));
        savePdf.setDisable(false);
        saveCsv.setDisable(false);
        saveAudit.setDisable(false);
    }

    /** Writes the audit trail as a PDF of its own (sentences, oldest first). */
    void saveAuditPdf(Path target) throws IOException {
        Rendered r = requireRendered();
        ReportPdf.writeAudit(r.report(), r.named(), target, Instant.now());
    }

    private void chooseAudit() {
        Rendered r = rendered;
        File f = chooser("Save the audit trail as PDF", baseName(r) + "-audit.pdf", "PDF", "*.pdf")
                .showSaveDialog(this);
        if (f != null) {
            save(() -> saveAuditPdf(f.toPath()), "Audit trail saved: " + f);
        }
    }

    /** Saves the previewed PDF to {@code target} (replaced only once the copy is complete). */
    void savePdf(Path target) throws IOException {
        Rendered r = requireRendered();
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".report-", ".pdf.tmp");
        try {
            Files.copy(r.pdf(), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the cells CSV to {@code cells} and the audit trail beside it ({@link #auditFileFor}). */
    void saveCsv(Path cells) throws IOException {
        Rendered r = requireRendered();
        ReportCsv.writeCells(r.report(), cells);
        ReportCsv.writeAudit(r.audit(), auditFileFor(cells));
        if (!r.karyograms().isEmpty()) {
            org.karyo.app.report.KaryogramCsv.write(
                    r.report().accession(), r.karyograms(), org.karyo.app.report.KaryogramCsv.fileFor(cells));
        }
    }

    /** {@code cells.csv} -> {@code cells-audit.csv} in the same folder. */
    static Path auditFileFor(Path cells) {
        String name = cells.getFileName().toString();
        String stem =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return cells.resolveSibling(stem + "-audit.csv");
    }

    private Rendered requireRendered() {
        return Objects.requireNonNull(rendered, "the report is not ready yet");
    }

    private void choosePdf() {
        Rendered r = rendered;
        File f = chooser("Save the report as PDF", baseName(r) + ".pdf", "PDF", "*.pdf")
                .showSaveDialog(this);
        if (f != null) {
            save(() -> savePdf(f.toPath()), "Report saved: " + f);
        }
    }

    private void chooseCsv() {
        Rendered r = rendered;
        File f = chooser(
                        "Save the cells as CSV (the audit trail goes beside it)",
                        baseName(r) + "-cells.csv",
                        "CSV",
                        "*.csv")
                .showSaveDialog(this);
        if (f != null) {
            save(
                    () -> saveCsv(f.toPath()),
                    "Saved " + f.getName() + " and " + auditFileFor(f.toPath()).getFileName());
        }
    }

    private interface Save {
        void run() throws IOException;
    }

    private void save(Save s, String done) {
        try {
            s.run();
            status.setText(done);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the report was not saved",
                    org.karyo.core.logging.LogFiles.withheld(e));
            Alert a = new Alert(Alert.AlertType.ERROR, CellPane.rootMessage(e));
            a.initOwner(this);
            a.setHeaderText("Not saved");
            a.show();
        }
    }

    private static FileChooser chooser(String title, String name, String kind, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        return fc;
    }

    private static String baseName(Rendered r) {
        String acc = r.report().accession() == null
                ? r.report().patient().id()
                : r.report().accession();
        return "report-" + acc.replaceAll("[^A-Za-z0-9._-]", "_") + (r.report().signed() ? "" : "-DRAFT");
    }

    private void discard() {
        closed = true;
        Rendered r = rendered;
        if (r != null) {
            deleteQuietly(r.pdf());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its temp folder
        }
    }
}
