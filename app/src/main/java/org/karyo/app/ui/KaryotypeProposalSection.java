package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.karyo.app.karyogram.KaryotypeProposal;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.app.ui.model.CaseModel;

/**
 * The karyotype proposal (from the karyotyped cells and the count table) shown at the top of the
 * sign-off dialog, with every disagreement between it and the typed result, so the signer sees
 * the evidence before signing. Added around the dialog's content, the dialog itself unchanged.
 */
final class KaryotypeProposalSection {

    private KaryotypeProposalSection() {}

    /** The proposal of the case open in {@code model}. */
    static KaryotypeProposal proposal(CaseModel model) {
        List<String> iscn = Karyograms.of(model.store())
                .karyotyped(model.caseRecord().id())
                .stream()
                .map(StoredKaryogram::iscn)
                .toList();
        var table = model.countTableProperty().get();
        Integer modal = table != null && table.modalNumber() >= 0 ? table.modalNumber() : null;
        return KaryotypeProposal.of(iscn, modal);
    }

    /** Lines of the section: the proposal, its notes, the disagreements with {@code typed}. */
    static List<String> lines(KaryotypeProposal p, String typed) {
        List<String> out = new ArrayList<>();
        int cells = p.cellLines().values().stream().mapToInt(Integer::intValue).sum();
        out.add(
                p.iscn().isEmpty()
                        ? "No karyotyped cells: no proposal (open a cell's karyogram with K and accept it)"
                        : "Proposed from " + cells + " karyotyped cell(s): " + p.iscn());
        p.notes().forEach(n -> out.add("• " + n));
        p.disagreements(typed).forEach(n -> out.add("• " + n));
        return out;
    }

    /** Puts the section above the dialog's content. */
    static void attach(Dialog<?> dialog, CaseModel model, String typed) {
        KaryotypeProposal p = proposal(model);
        Label heading = new Label("Karyotype proposal");
        heading.setFont(Font.font(null, FontWeight.BOLD, 13));
        VBox box = new VBox(4, heading);
        box.setId("signOffProposal");
        boolean disagrees = !p.disagreements(typed).isEmpty() || !p.notes().isEmpty();
        for (String line : lines(p, typed)) {
            Label l = new Label(line);
            l.setWrapText(true);
            if (disagrees && line.startsWith("•")) {
                l.setStyle("-fx-text-fill: #e65100;");
            }
            box.getChildren().add(l);
        }
        box.setPadding(new Insets(10, 10, 0, 10));
        Node old = dialog.getDialogPane().getContent();
        dialog.getDialogPane().setContent(new VBox(4, box, new Separator(), old));
    }
}
