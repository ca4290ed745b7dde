package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.karyo.app.karyogram.KaryogramEditor;
import org.karyo.app.store.Cell;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeCall;
import org.karyo.inference.classify.Finding;
import org.karyo.inference.classify.GreyImage;
import org.karyo.inference.classify.KaryogramGeometry;
import org.karyo.inference.classify.KaryogramLayout;
import org.karyo.inference.classify.KaryogramPainter;
import org.karyo.inference.classify.Placement;

/**
 * The Karyogram view of one cell: every chromosome cut out along its box, p-arm up, in its ISCN
 * slot; drag one to another slot, T turns the selected one 180 degrees, M mirrors it, Ctrl+Z /
 * Ctrl+Y undo and redo (each change stored and audited at once), Enter accepts the karyogram and
 * marks the cell karyotyped. Low-confidence placements are framed orange with their probability.
 */
public final class KaryogramView extends Stage {

    private final KaryogramEditor editor;
    private final GreyImage image;
    private double scale;
    /** The karyogram is drawn to fit this area, so every slot is in view for dragging. */
    static final double FIT_WIDTH = 1160, FIT_HEIGHT = 640;

    private final Pane canvas = new Pane();
    private final Label status = new Label();
    private final ListView<String> findings = new ListView<>();
    private final Button undo = new Button("Undo");
    private final Button redo = new Button("Redo");
    private final List<KaryogramPainter.TileImage[]> tileCache = new ArrayList<>();
    private KaryogramGeometry.Result geometry;
    private int selected = -1;
    private double dragX, dragY;

    KaryogramView(Window owner, Cell cell, KaryogramEditor editor, GreyImage image) {
        this.editor = editor;
        this.image = image;
        this.scale = KaryogramPainter.scaleFor(editor.calls());
        initOwner(owner);
        setTitle("Karyogram — cell " + cell.label());
        for (int i = 0; i < editor.calls().size(); i++) {
            tileCache.add(new KaryogramPainter.TileImage[2]);
        }
        canvas.setId("karyogramCanvas");
        canvas.setStyle("-fx-background-color: white;");
        status.setId("karyogramStatus");
        findings.setId("karyogramFindings");
        findings.setPrefHeight(110);
        undo.setId("karyogramUndo");
        redo.setId("karyogramRedo");
        undo.setOnAction(e -> edit(editor::undo));
        redo.setOnAction(e -> edit(editor::redo));
        Button turn = new Button("Turn 180° (T)");
        turn.setOnAction(e -> turnSelected());
        Button mirror = new Button("Mirror (M)");
        mirror.setOnAction(e -> mirrorSelected());
        Button accept = new Button("Accept karyogram (Enter)");
        accept.setId("karyogramAccept");
        accept.setDefaultButton(true);
        accept.setOnAction(e -> edit(editor::accept));
        ToolBar bar = new ToolBar(undo, redo, turn, mirror, accept);
        status.setPadding(new Insets(2, 8, 2, 8));
        status.setFont(Font.font(null, FontWeight.BOLD, 14));
        BorderPane root =
                new BorderPane(new ScrollPane(canvas), new javafx.scene.layout.VBox(bar, status), null, findings, null);
        BorderPane.setMargin(findings, new Insets(4));
        Scene scene = new Scene(root, 1200, 860);
        scene.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.Z) {
                edit(e.isShiftDown() ? editor::redo : editor::undo);
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.Y) {
                edit(editor::redo);
            } else if (e.getCode() == KeyCode.T) {
                turnSelected();
            } else if (e.getCode() == KeyCode.M) {
                mirrorSelected();
            }
        });
        setScene(scene);
        redraw();
        double fit = Math.min(FIT_WIDTH / geometry.width(), FIT_HEIGHT / geometry.height());
        if (fit < 1) {
            scale *= fit * 0.97; // tiles shrink; labels and gaps keep their size, hence the margin
            tileCache.forEach(c -> java.util.Arrays.fill(c, null));
            redraw();
        }
    }

    KaryogramEditor editor() {
        return editor;
    }

    /** Runs an edit; a refused one (signed case) is shown in the status, not thrown. */
    private void edit(Runnable r) {
        try {
            r.run();
        } catch (org.karyo.app.store.ConflictException e) {
            // another reviewer changed this karyogram: the editor reloaded it, show theirs
            status.setText("Not done: " + e.getMessage());
            tileCache.forEach(c -> java.util.Arrays.fill(c, null));
        } catch (RuntimeException e) {
            status.setText("Not done: " + e.getMessage());
            return;
        }
        redraw();
    }

    private void turnSelected() {
        if (selected >= 0) {
            int s = selected;
            edit(() -> editor.turn(s));
        }
    }

    private void mirrorSelected() {
        if (selected >= 0) {
            int s = selected;
            edit(() -> editor.mirror(s));
        }
    }

    private KaryogramPainter.TileImage tile(int i, boolean flipped) {
        KaryogramPainter.TileImage[] c = tileCache.get(i);
        int k = flipped ? 1 : 0;
        if (c[k] == null) {
            c[k] = KaryogramPainter.tile(image, editor.calls().get(i).box(), flipped, scale);
        }
        return c[k];
    }

    /** Lays the karyogram out again from the editor's placements. */
    void redraw() {
        List<Placement> ps = editor.placements();
        double[] tw = new double[ps.size()];
        double[] th = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            KaryogramPainter.TileImage t = tile(i, ps.get(i).flipped());
            tw[i] = t.width();
            th[i] = t.height();
        }
        geometry = KaryogramGeometry.layout(ps, tw, th, 40);
        List<Node> nodes = new ArrayList<>();
        for (KaryogramGeometry.Slot s : geometry.slots()) {
            Line l = new Line(s.x(), s.y() + s.h() + 13, s.x() + s.w(), s.y() + s.h() + 13);
            Label lab = new Label(KaryogramLayout.label(s.cls()));
            lab.setId("kgSlot-" + KaryogramLayout.label(s.cls()).split(" ", -1)[0]);
            lab.setFont(Font.font(null, FontWeight.BOLD, 13));
            lab.setLayoutX(s.labelX() - 8);
            lab.setLayoutY(s.y() + s.h() + 14);
            nodes.add(l);
            nodes.add(lab);
        }
        for (KaryogramGeometry.Tile t : geometry.tiles()) {
            int i = t.placement();
            Placement p = ps.get(i);
            ImageView iv = new ImageView(fx(tile(i, p.flipped())));
            iv.setId("kgTile-" + i);
            iv.setLayoutX(t.x());
            iv.setLayoutY(t.y());
            iv.setScaleX(editor.mirrored(i) ? -1 : 1);
            wireDrag(iv, i);
            if (p.lowConfidence() || p.unsure() || i == selected) {
                Rectangle r = new Rectangle(t.x() - 1, t.y() - 1, t.w() + 2, t.h() + 2);
                r.setFill(Color.TRANSPARENT);
                r.setStroke(i == selected ? Color.DODGERBLUE : Color.web("#E07B00"));
                r.setStrokeWidth(2);
                r.setMouseTransparent(true);
                nodes.add(iv);
                nodes.add(r);
                if (p.lowConfidence() || p.unsure()) {
                    Label pr = new Label(String.format(Locale.ROOT, "%.2f", p.probability()));
                    pr.setTextFill(Color.web("#E07B00"));
                    pr.setFont(Font.font(10));
                    pr.setLayoutX(t.x());
                    pr.setLayoutY(t.y() - 13);
                    pr.setMouseTransparent(true);
                    nodes.add(pr);
                }
            } else {
                nodes.add(iv);
            }
        }
        canvas.getChildren().setAll(nodes);
        canvas.setPrefSize(geometry.width(), geometry.height());
        CellKaryotype k = editor.karyotype();
        String state = editor.stored().karyotyped()
                ? "karyotyped by " + editor.stored().karyotypedBy()
                : "proposal, not accepted";
        status.setText(k.iscn() + "   (" + k.chromosomeCount() + " chromosomes, " + k.unsureCount() + " unsure; "
                + state + ")");
        List<String> f = new ArrayList<>();
        for (Finding x : k.findings()) {
            f.add(x.kind() + ": " + x.evidence());
        }
        findings.getItems().setAll(f);
        undo.setDisable(!editor.canUndo());
        redo.setDisable(!editor.canRedo());
    }

    private void wireDrag(ImageView iv, int i) {
        iv.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getSceneX();
            dragY = e.getSceneY();
            iv.toFront();
        });
        iv.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            iv.setTranslateX(e.getSceneX() - dragX);
            iv.setTranslateY(e.getSceneY() - dragY);
        });
        iv.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            double moved = Math.hypot(e.getSceneX() - dragX, e.getSceneY() - dragY);
            if (moved < 4) {
                selected = i == selected ? -1 : i;
                redraw();
                return;
            }
            javafx.geometry.Point2D p = canvas.sceneToLocal(e.getSceneX(), e.getSceneY());
            int cls = geometry.slotAt(p.getX(), p.getY());
            if (cls >= 0) {
                edit(() -> editor.moveTo(i, cls));
            } else {
                redraw();
            }
        });
    }

    private static WritableImage fx(KaryogramPainter.TileImage t) {
        int[] argb = new int[t.width() * t.height()];
        byte[] g = t.grey();
        for (int k = 0; k < argb.length; k++) {
            int v = g[k] & 0xFF;
            argb[k] = 0xFF000000 | (v << 16) | (v << 8) | v;
        }
        WritableImage img = new WritableImage(t.width(), t.height());
        img.getPixelWriter()
                .setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), argb, 0, t.width());
        return img;
    }

    /** Call for a tile (tests). */
    ChromosomeCall call(int i) {
        return editor.calls().get(i);
    }

    KaryogramGeometry.Result geometry() {
        return geometry;
    }
}
