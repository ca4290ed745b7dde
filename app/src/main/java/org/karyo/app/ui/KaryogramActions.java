package org.karyo.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import org.karyo.app.karyogram.CellKaryograms;
import org.karyo.app.karyogram.KaryogramEditor;
import org.karyo.app.karyogram.KaryotypeProposal;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.inference.classify.CellClassification;
import org.karyo.inference.classify.ChromosomeClassifier;
import org.karyo.inference.classify.ClassifierLocator;
import org.karyo.inference.classify.ClassifierModel;
import org.karyo.inference.classify.GreyImage;

/**
 * The Karyogram menu: open the selected cell's karyogram (classifying its boxes first when it has
 * no karyogram or its boxes changed since), and the case's karyotype proposal. Classification
 * runs off the UI thread.
 */
final class KaryogramActions {

    private static ClassifierModel classifier;

    private KaryogramActions() {}

    static Menu menu(MainWindow w) {
        Menu m = new Menu("Karyogram");
        MenuItem open = new MenuItem("Karyogram of this cell");
        open.setAccelerator(KeyCombination.keyCombination("K"));
        open.setOnAction(e -> open(w, v -> {}));
        MenuItem proposal = new MenuItem("Karyotype proposal…");
        proposal.setOnAction(e -> showProposal(w));
        m.getItems().addAll(open, proposal);
        return m;
    }

    static synchronized ChromosomeClassifier classifier() throws Exception {
        if (classifier == null) {
            Path file = ClassifierLocator.resolve(null);
            classifier = ClassifierModel.open(file);
        }
        return new ChromosomeClassifier(classifier);
    }

    /** Opens the selected cell's karyogram; {@code shown} gets the view on the UI thread. */
    static void open(MainWindow w, Consumer<KaryogramView> shown) {
        Cell cell = w.selectedCell();
        if (cell == null) {
            w.statusBar().say("Select a cell first");
            return;
        }
        CaseStore store = w.model().store();
        w.statusBar().say("Preparing the karyogram of cell " + cell.label() + "…");
        Thread t = new Thread(
                () -> {
                    try {
                        Prepared p = prepare(store, cell);
                        Platform.runLater(() -> {
                            KaryogramView v = new KaryogramView(w.getScene().getWindow(), cell, p.editor(), p.image());
                            v.setOnHidden(e -> {
                                if (w.getScene() != null
                                        && w.getScene().getWindow() != null
                                        && w.getScene().getWindow().isShowing()) {
                                    w.model().reload();
                                }
                            });
                            v.show();
                            w.statusBar()
                                    .say("Karyogram of cell " + cell.label() + ": "
                                            + p.editor().karyotype().iscn());
                            shown.accept(v);
                        });
                    } catch (Exception e) {
                        Platform.runLater(
                                () -> w.actions().error("Cannot open the karyogram of cell " + cell.label(), e));
                    }
                },
                "karyogram");
        t.setDaemon(true);
        t.start();
    }

    record Prepared(KaryogramEditor editor, GreyImage image) {}

    /** Loads the stored karyogram, classifying first when there is none or the boxes changed. */
    static Prepared prepare(CaseStore store, Cell cell) throws Exception {
        Karyograms ks = Karyograms.of(store);
        Optional<StoredKaryogram> k = ks.find(cell.id());
        if (k.isEmpty() || (!k.get().karyotyped() && CellKaryograms.stale(store, k.get()))) {
            k = Optional.of(CellKaryograms.classify(store, cell, classifier()));
        }
        GreyImage img = CellClassification.read(cell.storedImage());
        return new Prepared(new KaryogramEditor(store, CellKaryograms.load(store, k.get())), img);
    }

    static KaryotypeProposal proposal(MainWindow w) {
        return KaryotypeProposalSection.proposal(w.model());
    }

    static void showProposal(MainWindow w) {
        if (w.model().caseRecord() == null) {
            return;
        }
        KaryotypeProposal p = proposal(w);
        String typed = w.model().caseRecord().karyotype();
        StringBuilder sb = new StringBuilder();
        KaryotypeProposalSection.lines(p, typed).forEach(l -> sb.append(l).append('\n'));
        Alert a = new Alert(Alert.AlertType.INFORMATION, sb.toString());
        a.setHeaderText("Karyotype proposal from "
                + p.cellLines().values().stream().mapToInt(Integer::intValue).sum() + " karyotyped cell(s)");
        a.initOwner(w.getScene().getWindow());
        a.show();
    }
}
