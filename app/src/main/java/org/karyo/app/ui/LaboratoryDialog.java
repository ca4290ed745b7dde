package org.karyo.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import org.karyo.app.report.LaboratorySettings;

/** Laboratory name, address, logo and accreditation, printed on every report; asked before the first sign-off. */
final class LaboratoryDialog extends Dialog<LaboratorySettings> {

    final TextField name = new TextField();
    final TextArea address = new TextArea();
    final TextField logo = new TextField();
    final TextField accreditation = new TextField();

    LaboratoryDialog(LaboratorySettings current, String why) {
        setTitle("Laboratory settings");
        setHeaderText(why == null ? "The laboratory printed on every report" : why);
        name.setId("labName");
        address.setId("labAddress");
        address.setPrefRowCount(3);
        logo.setId("labLogo");
        logo.setPromptText("PNG or JPEG (optional)");
        accreditation.setId("labAccreditation");
        accreditation.setPromptText("e.g. ISO 15189:2022, UKAS 1234 (optional)");
        name.setText(orEmpty(current.name()));
        address.setText(orEmpty(current.address()));
        logo.setText(orEmpty(current.logo()));
        accreditation.setText(orEmpty(current.accreditation()));
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(
                            "Images", "*.png", "*.PNG", "*.jpg", "*.JPG", "*.jpeg", "*.JPEG"));
            File f = fc.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                logo.setText(f.getAbsolutePath());
            }
        });
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Name *"), name);
        g.addRow(1, new Label("Address *"), address);
        g.addRow(2, new Label("Logo"), new HBox(6, logo, browse));
        g.addRow(3, new Label("Accreditation"), accreditation);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("saveLaboratory");
        ok.disableProperty()
                .bind(name.textProperty().isEmpty().or(address.textProperty().isEmpty()));
        setResultConverter(b -> b == ButtonType.OK
                ? new LaboratorySettings(
                        blank(name.getText()),
                        blank(address.getText()),
                        blank(logo.getText()),
                        blank(accreditation.getText()))
                : null);
    }

    /** Asks, saves into {@code dataDir}, and returns what was saved. */
    static Optional<LaboratorySettings> edit(Path dataDir, String why, java.util.function.Consumer<String> status) {
        return new LaboratoryDialog(LaboratorySettings.read(dataDir), why)
                .showAndWait()
                .flatMap(s -> {
                    try {
                        s.write(dataDir);
                        status.accept("Laboratory settings saved: " + s.name());
                        return Optional.of(s);
                    } catch (java.io.IOException e) {
                        status.accept("Laboratory settings not saved: " + e.getMessage());
                        return Optional.empty();
                    }
                });
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
