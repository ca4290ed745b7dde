package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.karyo.app.ui.annotate.AnnotationPane;
import org.karyo.app.ui.viewer.CellView;

/** The keyboard shortcuts, over the cell view (F1 or ? shows and hides it, Esc hides it). */
final class HelpOverlay extends StackPane {

    HelpOverlay() {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(3);
        // two columns of key + action, so the whole list fits a laptop screen
        List<String[]> all = all();
        int half = (all.size() + 1) / 2;
        for (int i = 0; i < all.size(); i++) {
            Label key = new Label(all.get(i)[0]);
            key.getStyleClass().add("help-key");
            Label what = new Label(all.get(i)[1]);
            what.setWrapText(true);
            what.setMaxWidth(360);
            int col = i < half ? 0 : 2;
            grid.add(key, col, i % half);
            grid.add(what, col + 1, i % half);
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        VBox box = new VBox(10, title, grid);
        box.getStyleClass().add("help-box");
        box.setPadding(new Insets(16));
        box.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        getChildren().add(box);
        setAlignment(Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(e -> hide());
    }

    static List<String[]> all() {
        List<String[]> all = new ArrayList<>(MainMenu.SHORTCUTS);
        for (var s : CellView.shortcuts()) {
            all.add(new String[] {s.keys(), s.action()});
        }
        all.add(new String[] {"", ""});
        all.add(new String[] {"Annotate tab", ""});
        all.addAll(AnnotationPane.SHORTCUTS);
        return all;
    }

    boolean isShowing() {
        return isVisible();
    }

    void toggle() {
        setVisible(!isVisible());
    }

    void hide() {
        setVisible(false);
    }
}
