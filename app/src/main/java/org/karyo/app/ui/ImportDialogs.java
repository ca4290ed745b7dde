package org.karyo.app.ui;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.karyo.app.imports.FolderScan;

/**
 * The two dialogs of an import: what a folder holds, asked before anything is copied; and the
 * files that were refused, each with its reason, in a list that scrolls (a window sized to its
 * text grew 5,685 px tall with its OK button off screen).
 */
final class ImportDialogs {

    static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);

    private ImportDialogs() {}

    /** Lists what the folder holds; true when the user chose to import the images found. */
    static boolean confirmFolder(FolderScan scan) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Import a folder");
        d.setHeaderText("Import from " + scan.root() + "?");
        Label summary = new Label(scan.describe());
        summary.setId("folderSummary");
        summary.setWrapText(true);
        ListView<String> files = new ListView<>();
        files.setId("folderFiles");
        files.getItems()
                .setAll(scan.images().stream()
                        .map(f -> scan.root().relativize(f.file()) + "   (" + FolderScan.megabytes(f.bytes()) + ")")
                        .toList());
        files.setPrefSize(560, 260);
        VBox box = new VBox(8, summary, files);
        if (!scan.unreadable().isEmpty()) {
            box.getChildren()
                    .add(new Label(scan.unreadable().size() + " could not be read: "
                            + String.join(
                                    "; ", scan.unreadable().stream().limit(3).toList())));
        }
        box.setPadding(new Insets(10));
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().addAll(IMPORT, ButtonType.CANCEL);
        var ok = d.getDialogPane().lookupButton(IMPORT);
        ok.setId("confirmImport");
        ok.setDisable(scan.images().isEmpty());
        ((javafx.scene.control.Button) ok)
                .setText("Import " + scan.images().size() + (scan.images().size() == 1 ? " image" : " images"));
        d.setResizable(true);
        Optional<ButtonType> r = d.showAndWait();
        return r.isPresent() && r.get() == IMPORT;
    }

    /** The refused files, one per line of a scrolling list, in a window of fixed size. */
    static void showRefused(List<String> refused, int imported) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Import");
        d.setHeaderText(imported + " imported; " + refused.size() + (refused.size() == 1 ? " file was" : " files were")
                + " not imported");
        ListView<String> list = new ListView<>();
        list.setId("importMessages");
        list.getItems().setAll(refused);
        list.setPrefSize(620, Math.min(320, 26 * refused.size() + 10));
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null ? null : new javafx.scene.control.Tooltip(s));
            }
        });
        d.getDialogPane().setContent(list);
        d.getDialogPane().getButtonTypes().add(ButtonType.OK);
        d.getDialogPane().lookupButton(ButtonType.OK).setId("closeImportMessages");
        d.setResizable(true);
        d.show();
    }
}
