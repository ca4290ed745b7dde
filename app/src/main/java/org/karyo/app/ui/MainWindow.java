package org.karyo.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.annotate.AnnotationTabs;
import org.karyo.app.ui.model.CaseModel;
import org.karyo.app.ui.model.CellImages;

/**
 * The review window: cells of the open case on the left, the cell under review in the centre,
 * the count table and sign-off on the right, detection progress at the bottom. Keyboard first:
 * every action has a key (F1 lists them).
 */
public final class MainWindow extends BorderPane {

    private final Workspace workspace;
    private final CaseModel model;
    private final CellImages images = new CellImages(8);
    private final DetectionBar statusBar = new DetectionBar();
    private final CellPane cellPane;
    private final CountPanel countPanel;
    private final CasePicker casePicker;
    private final ListView<Cell> cellList = new ListView<>();
    private final CaseActions actions;
    private final HelpOverlay help = new HelpOverlay();
    private final MainMenu menu;
    private AnnotationTabs annotation;
    private SplitPane split;
    private javafx.scene.Node leftPanel;
    private ChangeWatcher changeWatcher;

    public MainWindow(Workspace workspace) {
        this.workspace = workspace;
        this.model = new CaseModel(workspace.store());
        this.cellPane = new CellPane(model, images, statusBar::say);
        this.countPanel = new CountPanel(model);
        this.casePicker = new CasePicker(model);
        this.actions = new CaseActions(model, statusBar::say);
        this.menu = new MainMenu(this);
        getStyleClass().add("main-window");
        setTop(menu.bar());
        setCenter(buildCentre());
        setBottom(statusBar);
        wireCellList();
        wireCountPanel();
        watchOtherWorkstations();
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                importPaths(
                        e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        statusBar.say("User: " + workspace.store().users().current().displayName() + " · data: " + workspace.dir());
    }

    private SplitPane buildCentre() {
        Button newCase = new Button("New case…");
        newCase.setId("newCase");
        newCase.setOnAction(e -> newCase());
        Button importButton = new Button("Import…");
        importButton.setId("importImages");
        importButton.setOnAction(e -> chooseImages());
        Button detect = new Button("Detect");
        detect.setId("runDetection");
        detect.setOnAction(e -> runDetection(false));
        detect.disableProperty()
                .bind(statusBar.runningProperty().or(model.caseRecordProperty().isNull()));
        HBox buttons = new HBox(6, newCase, importButton, detect);
        cellList.setId("cellList");
        Label empty = new Label("No cells yet: create a case (Ctrl+N), then import images (Ctrl+I) or drop them here");
        empty.setWrapText(true);
        empty.getStyleClass().add("hint");
        cellList.setPlaceholder(empty);
        VBox.setVgrow(cellList, Priority.ALWAYS);
        Label hint = new Label("Drop images or folders here");
        hint.getStyleClass().add("hint");
        VBox left = new VBox(6, casePicker, buttons, cellList, hint);
        left.setPadding(new Insets(6));
        left.setMinWidth(220);
        annotation = new AnnotationTabs(model, images, cellPane.cellProperty(), cellPane, statusBar::say);
        StackPane centre = new StackPane(annotation.node(), help);
        SplitPane split = new SplitPane(left, centre, countPanel);
        split.setDividerPositions(0.2, 0.78);
        SplitPane.setResizableWithParent(left, false);
        SplitPane.setResizableWithParent(countPanel, false);
        this.split = split;
        this.leftPanel = left;
        return split;
    }

    private void wireCellList() {
        var thumbs = CellListCell.newThumbCache();
        cellList.setItems(model.cells());
        cellList.setCellFactory(l -> new CellListCell(images, thumbs, model));
        cellList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            Cell shown = cellPane.cellProperty().get();
            // a row replaced after an edit deselects for a moment: keep showing the cell
            if (b != null && (shown == null || b.id() != shown.id())) {
                cellPane.show(b);
            }
        });
        model.cells().addListener((javafx.collections.ListChangeListener<Cell>) ch -> {
            Cell shown = cellPane.cellProperty().get();
            Cell selected = cellList.getSelectionModel().getSelectedItem();
            if (shown != null && (selected == null || selected.id() != shown.id())) {
                int i = model.indexOf(shown.id());
                if (i >= 0) {
                    cellList.getSelectionModel().select(i);
                }
            }
        });
        model.caseRecordProperty().addListener((o, a, b) -> {
            if (a == null || b == null || a.id() != b.id()) {
                cellPane.show(null);
                if (!model.cells().isEmpty()) {
                    select(0);
                }
            }
        });
        // counts change when boxes change: redraw rows so off-mode highlighting follows the mode
        model.countTableProperty().addListener((o, a, b) -> cellList.refresh());
    }

    private void wireCountPanel() {
        countPanel.setOnOpenCell(this::openCell);
        countPanel.saveResult.setOnAction(
                e -> actions.saveResult(countPanel.karyotype.getText(), countPanel.interpretation.getText()));
        countPanel.signOff.setOnAction(e -> {
            signOff();
        });
        countPanel.reopen.setOnAction(e -> {
            actions.reopen();
            casePicker.refresh();
        });
    }

    /** Saves the result on screen, then the sign-off dialog. */
    void signOff() {
        if (!model.isOpen()) {
            return;
        }
        if (!model.caseRecord().locked()) {
            actions.saveResult(countPanel.karyotype.getText(), countPanel.interpretation.getText());
        }
        actions.signOff(workspace.dir());
        casePicker.refresh();
    }

    /** Hides or shows the cell list (left) or the count panel (right), giving the image the room. */
    boolean togglePanel(boolean left) {
        javafx.scene.Node panel = left ? leftPanel : countPanel;
        if (split.getItems().remove(panel)) {
            statusBar.say((left ? "Cell list" : "Count panel") + " hidden (View menu or " + (left ? "F7" : "F8")
                    + " shows it)");
            return false;
        }
        if (left) {
            split.getItems().add(0, panel);
            split.setDividerPosition(0, 0.2);
        } else {
            split.getItems().add(panel);
            split.setDividerPosition(split.getDividers().size() - 1, 0.78);
        }
        return true;
    }

    /** The searchable case list; opens the case chosen. */
    void findCase() {
        CaseListDialog.ask(workspace.store()).ifPresent(c -> {
            model.open(c.id());
            casePicker.refresh();
        });
    }

    /** Archives the open case (lab lead, with an optional reason) and closes it. */
    void archiveCase() {
        if (!model.isOpen()) {
            return;
        }
        CaseRecord c = model.caseRecord();
        CaseActions.reason("Archive " + c.accession(), "Reason (kept in the audit trail)")
                .ifPresent(r -> {
                    try {
                        workspace.store().cases().archive(c.id(), r);
                        model.open(null);
                        casePicker.refresh();
                        statusBar.say(
                                "Case " + c.accession() + " archived: " + r + " (Find case… > Show archived lists it)");
                    } catch (RuntimeException e) {
                        actions.error("Not archived", e);
                    }
                });
    }

    /** Laboratory name, address, logo, accreditation. */
    void editLaboratory() {
        LaboratoryDialog.edit(workspace.dir(), null, statusBar::say);
    }

    void editStore() {
        StoreSettingsDialog.edit(workspace.dir(), System.getProperty("user.name", "user"), statusBar::say);
    }

    /** For the screenshot program and tests: the right-hand panel. */
    CountPanel countPanelForShots() {
        return countPanel;
    }

    CellImages images() {
        return images;
    }

    CaseModel model() {
        return model;
    }

    CellPane cellPane() {
        return cellPane;
    }

    CaseActions actions() {
        return actions;
    }

    HelpOverlay help() {
        return help;
    }

    public void select(int index) {
        if (index >= 0 && index < model.cells().size()) {
            cellList.getSelectionModel().select(index);
            reveal(index);
        }
    }

    /**
     * Scrolls the cell list only when the row is not in view, and then as little as possible:
     * ListView.scrollTo rebuilds every row and cost more than the rest of a cell switch together.
     */
    private void reveal(int index) {
        if (cellList.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            var first = flow.getFirstVisibleCell();
            var last = flow.getLastVisibleCell();
            if (first == null || last == null || index <= first.getIndex() || index >= last.getIndex()) {
                flow.scrollTo(index);
            }
        } else {
            cellList.scrollTo(index);
        }
    }

    /** Shows {@code c} in the viewer (the off-mode list and the uncertainty order lead here). */
    void openCell(Cell c) {
        int i = model.indexOf(c.id());
        if (i >= 0) {
            select(i);
            statusBar.say("Opened " + c.label() + " (count " + c.count() + ")");
        }
    }

    int selectedIndex() {
        return cellList.getSelectionModel().getSelectedIndex();
    }

    Cell selectedCell() {
        return cellList.getSelectionModel().getSelectedItem();
    }

    void newCase() {
        NewCaseDialog.ask().flatMap(actions::createCase).ifPresent(c -> casePicker.refresh());
    }

    void chooseImages() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Import metaphase images");
        fc.getExtensionFilters().addAll(imageFilters());
        List<File> files = fc.showOpenMultipleDialog(window());
        if (files != null) {
            importPaths(files.stream().map(File::toPath).toList());
        }
    }

    /** Image files in any letter case (CytoVision writes .TIF), and All files. */
    static List<FileChooser.ExtensionFilter> imageFilters() {
        return List.of(
                new FileChooser.ExtensionFilter(
                        "Metaphase images (png, tif, tiff, jpg, jpeg, bmp)",
                        org.karyo.app.imports.ImageFiles.chooserPatterns()),
                new FileChooser.ExtensionFilter("All files", "*"));
    }

    void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Import a folder of metaphase images");
        File dir = dc.showDialog(window());
        if (dir != null) {
            importFolder(dir.toPath());
        }
    }

    /** Lists the folder's images, asks, then imports them (the Import folder menu ends here). */
    void importFolder(Path dir) {
        importPaths(List.of(dir));
    }

    /** Imports files/folders into the open case (the drop target and the menus end here). */
    public void importPaths(List<Path> paths) {
        int before = model.cells().size();
        actions.importPaths(paths);
        if (before == 0 && !model.cells().isEmpty()) {
            select(0);
        }
    }

    /** Detects the cells not yet run (all cells when {@code redetect}), in the background. */
    public void runDetection(boolean redetect) {
        if (!model.isOpen() || statusBar.isRunning()) {
            return;
        }
        statusBar.start(
                model,
                workspace.detectors(),
                List.copyOf(model.cells()),
                redetect,
                cellId -> {
                    model.reloadCell(cellId);
                    Cell shown = cellPane.cellProperty().get();
                    if (shown != null && shown.id() == cellId) {
                        cellPane.reloadCell();
                    }
                },
                model::reload);
    }

    /**
     * Opens the report preview of the open case. A result typed but not yet saved is saved first
     * (as sign-off does), so the report shows what is on screen.
     */
    ReportDialog showReport() {
        if (!model.isOpen()) {
            statusBar.say("Open a case to make its report");
            return null;
        }
        CaseRecord c = model.caseRecord();
        if (!c.locked()
                && (!countPanel.karyotype.getText().equals(orEmpty(c.karyotype()))
                        || !countPanel.interpretation.getText().equals(orEmpty(c.interpretation())))) {
            actions.saveResult(countPanel.karyotype.getText(), countPanel.interpretation.getText());
        }
        return ReportDialog.open(window(), workspace.store(), workspace.dir(), c.id(), c.accession());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    DetectionBar statusBar() {
        return statusBar;
    }

    Workspace workspace() {
        return workspace;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl
                || (help.isShowing() && e.getCode() != KeyCode.ESCAPE && e.getCode() != KeyCode.F1)) {
            return;
        }
        if (annotation.handleKey(e) || menu.handleKey(e)) {
            e.consume();
        }
    }

    /** Users and roles; afterwards the status bar says who is working. */
    void showUsers() {
        UsersDialog d = new UsersDialog(window(), workspace.store(), statusBar::say);
        d.setOnHidden(e -> {
            var u = workspace.store().users().current();
            statusBar.say("Working as " + u.displayName() + " (" + UsersDialog.describe(u.roles()) + ")");
        });
        d.show();
    }

    /** Opens the most recent case that is not signed off (else the most recent one). */
    public void openLastCase() {
        var cases = workspace.store().cases().listAll();
        cases.stream()
                .filter(c -> c.status() != org.karyo.app.store.CaseStatus.SIGNED_OFF)
                .max(java.util.Comparator.comparing(org.karyo.app.store.CaseRecord::created))
                .or(() -> cases.stream().max(java.util.Comparator.comparing(org.karyo.app.store.CaseRecord::created)))
                .ifPresent(c -> model.open(c.id()));
    }

    AnnotationTabs annotation() {
        return annotation;
    }

    /** Other users' changes to the open case appear within {@link org.karyo.app.store.ChangeFeed#DELAY}. */
    private void watchOtherWorkstations() {
        changeWatcher = new ChangeWatcher(workspace.store(), changes -> {
            CaseRecord open = model.caseRecord();
            if (open == null || changes.stream().noneMatch(c -> c.caseId() != null && c.caseId() == open.id())) {
                return;
            }
            model.reload();
            cellPane.refreshBoxes();
            statusBar.say("Updated: " + changes.get(changes.size() - 1).user() + " changed this case");
        });
    }

    public void shutdown() {
        changeWatcher.close();
        annotation.shutdown();
        statusBar.shutdown();
        images.close();
    }
}
