package org.karyo.app.ui;

import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.karyo.app.store.Cell;

/**
 * Menus and the window's own keys (the viewer handles its keys itself: zoom, tools, nudge, delete).
 * Every menu action has a key; {@link #SHORTCUTS} is what the help overlay lists.
 */
final class MainMenu {

    /** The window's keys, for the help overlay; the viewer's are added from CellView. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+N", "New patient and case"},
            new String[] {"Ctrl+I", "Import images"},
            new String[] {"Ctrl+D", "Detect chromosomes in cells not yet run"},
            new String[] {"Ctrl+P", "Report of the case: preview, save PDF and CSV"},
            new String[] {"Ctrl+Z", "Undo the last edit of this cell"},
            new String[] {"Ctrl+Y / Ctrl+Shift+Z", "Redo"},
            new String[] {"Page Down / Ctrl+→", "Next cell"},
            new String[] {"Page Up / Ctrl+←", "Previous cell"},
            new String[] {"U", "Next unreviewed cell"},
            new String[] {"R", "Mark this cell reviewed and go to the next unreviewed"},
            new String[] {"E", "Exclude this cell from the count (asks for a reason)"},
            new String[] {"I", "Count this excluded cell again"},
            new String[] {"G", "Saliency map overlay (runs the model on this cell)"},
            new String[] {
                "N", "Next place to check in this cell (suggestion, shared chromosome, size outlier, near threshold)"
            },
            new String[] {"T", "Show or hide suggestions: candidates just below the threshold, not counted"},
            new String[] {"Y", "Accept the highlighted suggestion as a box (undoable)"},
            new String[] {"K", "Karyogram of this cell (classifies its boxes first)"},
            new String[] {"F7 / F8", "Show or hide the cell list / the count panel (more room for the image)"},
            new String[] {"Ctrl+O", "Find a case (search by accession or patient)"},
            new String[] {"F1 / ?", "This help"});

    private final MainWindow w;
    private final MenuBar bar = new MenuBar();
    final CheckMenuItem showBoxes = new CheckMenuItem("Boxes");
    final CheckMenuItem showScores = new CheckMenuItem("Scores");

    MainMenu(MainWindow w) {
        this.w = w;
        Menu file = new Menu("Case");
        file.getItems()
                .addAll(
                        item("New patient and case…", "Shortcut+N", w::newCase),
                        item("Find case…", "Shortcut+O", w::findCase),
                        item("Import images…", "Shortcut+I", w::chooseImages),
                        item("Import folder…", null, w::chooseFolder),
                        new SeparatorMenuItem(),
                        item("Detect", "Shortcut+D", () -> w.runDetection(false)),
                        item("Re-detect all unedited cells", null, () -> w.runDetection(true)),
                        item("Cancel detection", null, () -> w.statusBar().cancel()),
                        new SeparatorMenuItem(),
                        item("Sign off…", null, w::signOff),
                        item("Reopen…", null, () -> w.actions().reopen()),
                        item("Archive case…", null, w::archiveCase),
                        new SeparatorMenuItem(),
                        item("Report…", "Shortcut+P", w::showReport),
                        item("Laboratory settings…", null, w::editLaboratory),
                        item("Case store…", null, w::editStore));
        Menu cell = new Menu("Cell");
        cell.getItems()
                .addAll(
                        item("Undo", "Shortcut+Z", () -> w.cellPane().undo()),
                        item("Redo", "Shortcut+Y", () -> w.cellPane().redo()),
                        new SeparatorMenuItem(),
                        itemKey("Next cell", new KeyCodeCombination(KeyCode.PAGE_DOWN), () -> step(1)),
                        itemKey("Previous cell", new KeyCodeCombination(KeyCode.PAGE_UP), () -> step(-1)),
                        item("Next unreviewed", null, this::nextUnreviewed),
                        item("Next place to check (N)", null, () -> w.cellPane().nextUncertain()),
                        item("Show suggestions (T)", null, () -> w.cellPane().toggleSuggestions()),
                        item("Accept suggestion (Y)", null, () -> w.cellPane().acceptSuggestion()),
                        new SeparatorMenuItem(),
                        item("Mark reviewed", null, this::reviewed),
                        item("Exclude from count…", null, () -> w.actions().exclude(w.selectedCell())),
                        item("Count again", null, () -> w.actions().include(w.selectedCell())),
                        item("Remove from case…", null, () -> w.actions().remove(w.selectedCell())));
        showBoxes.selectedProperty().bindBidirectional(w.cellPane().view().showBoxesProperty());
        showScores.selectedProperty().bindBidirectional(w.cellPane().view().showScoresProperty());
        Menu view = new Menu("View");
        view.getItems()
                .addAll(
                        item("Fit", null, () -> w.cellPane().view().fit()),
                        item("1:1", null, () -> w.cellPane().view().oneToOne()),
                        showBoxes,
                        showScores,
                        item("Saliency overlay", null, this::saliency),
                        new SeparatorMenuItem(),
                        item("Show/hide the cell list", "F7", () -> w.togglePanel(true)),
                        item("Show/hide the count panel", "F8", () -> w.togglePanel(false)));
        Menu user = new Menu("User");
        user.getItems().add(item("Users and roles…", null, w::showUsers));
        Menu helpMenu = new Menu("Help");
        helpMenu.getItems().add(item("Keyboard shortcuts", "F1", () -> w.help().toggle()));
        helpMenu.getItems().add(logFolderItem());
        bar.getMenus().addAll(file, cell, view, user, helpMenu);
        addKaryogramMenu();
    }

    /** Karyogram menu (issue 24), kept apart to ease merging. */
    private void addKaryogramMenu() {
        bar.getMenus().add(bar.getMenus().size() - 1, KaryogramActions.menu(w));
    }

    /** Help > Show log folder (the files a laboratory sends with a problem report). */
    private MenuItem logFolderItem() {
        MenuItem i = item(
                "Show log folder",
                null,
                () -> LogFolder.show(
                        w.getScene().getWindow(), LogFolder.of(w.workspace().dir())));
        i.setId("showLogFolder");
        return i;
    }

    MenuBar bar() {
        return bar;
    }

    private static MenuItem item(String text, String accel, Runnable action) {
        return itemKey(text, accel == null ? null : KeyCombination.keyCombination(accel), action);
    }

    private static MenuItem itemKey(String text, KeyCombination accel, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accel != null) {
            i.setAccelerator(accel);
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    /** Keys without a menu accelerator; true when handled. */
    boolean handleKey(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown()) {
            if (k == KeyCode.Z && e.isShiftDown()) {
                w.cellPane().redo();
                return true;
            }
            if (k == KeyCode.RIGHT || k == KeyCode.LEFT) {
                step(k == KeyCode.RIGHT ? 1 : -1);
                return true;
            }
            return false;
        }
        if (e.isAltDown()) {
            return false;
        }
        switch (k) {
            case U -> nextUnreviewed();
            case R -> reviewed();
            case E -> w.actions().exclude(w.selectedCell());
            case I -> w.actions().include(w.selectedCell());
            case G -> saliency();
            case N -> w.cellPane().nextUncertain();
            case T -> w.cellPane().toggleSuggestions();
            case Y -> w.cellPane().acceptSuggestion();
            case F1 -> w.help().toggle();
            case SLASH -> {
                if (!e.isShiftDown()) {
                    return false;
                }
                w.help().toggle();
            }
            case ESCAPE -> {
                if (!w.help().isShowing()) {
                    return false;
                }
                w.help().hide();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    void step(int d) {
        int i = w.selectedIndex();
        w.select(i < 0 ? 0 : i + d);
    }

    void nextUnreviewed() {
        int next = w.model().nextUnreviewed(Math.max(0, w.selectedIndex()));
        if (next >= 0) {
            w.select(next);
        } else {
            w.statusBar().say("Every cell has been reviewed or excluded");
        }
    }

    void reviewed() {
        Cell c = w.selectedCell();
        if (c != null) {
            w.actions().markReviewed(c);
            nextUnreviewed();
        }
    }

    void saliency() {
        new SaliencyAction(w).toggle();
    }
}
