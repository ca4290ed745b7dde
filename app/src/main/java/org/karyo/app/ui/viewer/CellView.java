package org.karyo.app.ui.viewer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.karyo.core.geometry.RotatedBox;

/**
 * Shows one metaphase image with its chromosomes as editable rotated boxes.
 *
 * <p>Layers: an {@link ImageView} (only the visible part of the image, scaled by the GPU), an
 * overlay {@code ImageView} for the saliency map, and one {@link Canvas} the size of the view on
 * which boxes, handles and the count badge are redrawn in screen coordinates at most once per
 * pulse, so pan and zoom stay smooth on 3200x2200 images with no scene-graph node per box.
 *
 * <p>The view never changes its boxes: edits go to the {@link BoxEditHandler} on mouse release
 * (drag feedback is drawn locally) and the owner answers with {@link #setBoxes}. Mouse rules:
 * primary drag on a box moves it, on a handle resizes or rotates, on empty image draws a
 * selection rectangle; right or middle drag, or Space with primary drag, always pans; the wheel
 * zooms about the pointer. The keys are listed by {@link #shortcuts()}; Ctrl+Z/Y, PageUp/Down
 * and N are left to the app.
 */
public final class CellView extends Region {

    static final double HANDLE_TOLERANCE_PX = 7;
    static final double ROTATION_OFFSET_PX = 24;

    private final ImageView imageView = new ImageView();
    private final ImageView overlayView = new ImageView();
    private final Canvas canvas = new Canvas();
    private final CellViewPainter painter = new CellViewPainter();
    private final CellViewInput input;

    private final ObservableSet<Long> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(this, "tool", Tool.SELECT);
    private final BooleanProperty showBoxes = new SimpleBooleanProperty(this, "showBoxes", true);
    private final BooleanProperty showScores = new SimpleBooleanProperty(this, "showScores", false);
    private final BooleanProperty showOverlay = new SimpleBooleanProperty(this, "showOverlay", true);
    private final ObjectProperty<Image> overlay = new SimpleObjectProperty<>(this, "overlay");
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(this, "overlayOpacity", 0.5);
    private final DoubleProperty lowConfidence = new SimpleDoubleProperty(this, "lowConfidence", 0.5);
    private final BooleanProperty showSuggestions = new SimpleBooleanProperty(this, "showSuggestions", false);
    private List<ViewBox> suggestions = List.of();
    private Long focusedSuggestion;
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private final ReadOnlyObjectWrapper<ViewState> viewState =
            new ReadOnlyObjectWrapper<>(this, "viewState", new ViewState(1, 0, 0));

    private Image image;
    private double imageWidth = Double.NaN;
    private double imageHeight = Double.NaN;
    private List<ViewBox> boxes = List.of();
    private Map<Long, ViewBox> byId = Map.of();
    private BoxEditHandler handler = BoxEditHandler.none();
    private CanvasLayer layer;
    private boolean fitPending = true;
    private boolean redrawPending;

    // live feedback owned by the input controller
    private Map<Long, RotatedBox> preview = Map.of();
    private RotatedBox pendingAdd;
    private double[] rubberBand;

    public CellView() {
        getStyleClass().add("cell-view");
        setBackground(Background.fill(Color.rgb(40, 40, 44)));
        setFocusTraversable(true);
        imageView.setPreserveRatio(false);
        overlayView.setPreserveRatio(false);
        overlayView.setMouseTransparent(true);
        imageView.setMouseTransparent(true);
        getChildren().addAll(imageView, overlayView, canvas);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinSize(50, 50);
        setPrefSize(800, 600);

        overlayView.opacityProperty().bind(overlayOpacity);
        overlay.addListener((o, a, b) -> requestLayout());
        showOverlay.addListener((o, a, b) -> requestLayout());
        showBoxes.addListener((o, a, b) -> redraw());
        showScores.addListener((o, a, b) -> redraw());
        lowConfidence.addListener((o, a, b) -> redraw());
        selection.addListener((javafx.collections.SetChangeListener<Long>) c -> redraw());
        input = new CellViewInput(this);
        input.install();
        tool.addListener((o, a, b) -> input.cancelAdd());
    }

    // ---- content -------------------------------------------------------------------------------

    /** Shows {@code img} (any size, grey or colour) and fits it once the view has a size; null clears. */
    public void setImage(Image img) {
        setImage(img, Double.NaN, Double.NaN);
    }

    /**
     * Shows {@code img} stretched over an image of {@code width} x {@code height} pixels, the
     * coordinates boxes are in: a screen-size preview of a camera-size image shows at once, since
     * a smaller texture is drawn sooner (NaN: the image's own size). Fits once the view has a size.
     */
    public void setImage(Image img, double width, double height) {
        this.image = img;
        this.imageWidth = width;
        this.imageHeight = height;
        imageView.setImage(img);
        if (img != null && img.getWidth() <= 0) {
            // loading in the background: fit once its size is known
            img.widthProperty().addListener((o, a, b) -> requestLayout());
        }
        input.cancelAll();
        fitPending = true;
        requestLayout();
    }

    /**
     * Replaces the displayed image by a sharper one of the same picture (e.g. the full-resolution
     * image once the reviewer zooms in past the preview), keeping zoom, selection and any gesture.
     */
    public void sharpen(Image img) {
        if (image == null || img == null || img.getWidth() <= 0) {
            return;
        }
        double w = imageWidth(), h = imageHeight();
        this.image = img;
        this.imageWidth = w;
        this.imageHeight = h;
        imageView.setImage(img);
        requestLayout();
    }

    /** Width of the picture in image pixels (what boxes are measured in), not of the displayed texture. */
    public double imageWidth() {
        return Double.isNaN(imageWidth) && image != null ? image.getWidth() : imageWidth;
    }

    public double imageHeight() {
        return Double.isNaN(imageHeight) && image != null ? image.getHeight() : imageHeight;
    }

    /** Displayed texture pixels per image pixel (1 for a full-resolution image, less for a preview). */
    public double displayResolution() {
        return image == null || image.getWidth() <= 0 ? 1 : image.getWidth() / imageWidth();
    }

    public Image getImage() {
        return image;
    }

    /** Replaces the boxes; selected ids that no longer exist leave the selection. */
    public void setBoxes(List<ViewBox> newBoxes) {
        List<ViewBox> list = List.copyOf(Objects.requireNonNull(newBoxes, "boxes"));
        Map<Long, ViewBox> map = new LinkedHashMap<>();
        for (ViewBox b : list) {
            if (map.put(b.id(), b) != null) {
                throw new IllegalArgumentException("duplicate box id " + b.id());
            }
        }
        boxes = list;
        byId = Collections.unmodifiableMap(map);
        selection.retainAll(new HashSet<>(map.keySet()));
        count.set(list.size());
        redraw();
    }

    public List<ViewBox> getBoxes() {
        return boxes;
    }

    /** The detector's near-threshold candidates: drawn dotted (when shown), never counted, never edited. */
    public void setSuggestions(List<ViewBox> s) {
        suggestions = List.copyOf(s);
        if (focusedSuggestion != null && suggestions.stream().noneMatch(b -> b.id() == focusedSuggestion)) {
            focusedSuggestion = null;
        }
        redraw();
    }

    public List<ViewBox> getSuggestions() {
        return suggestions;
    }

    /** Whether suggestions are drawn (the S key). */
    public BooleanProperty showSuggestionsProperty() {
        return showSuggestions;
    }

    /** The suggestion drawn highlighted (the one Y would accept), or null. */
    public void focusSuggestion(Long id) {
        focusedSuggestion = id;
        redraw();
    }

    public Long focusedSuggestion() {
        return focusedSuggestion;
    }

    /** Pans (keeping the zoom) so the image point (x, y) is in the middle of the view. */
    public void centreOn(double x, double y) {
        ViewState s = getViewState();
        fitPending = false;
        applyViewState(new ViewState(s.scale(), x, y));
    }

    /** Drawn above the boxes on every repaint; null for none. */
    public void setLayer(CanvasLayer l) {
        layer = l;
        redraw();
    }

    /** Repaints the canvas at the next pulse (after a {@link CanvasLayer}'s content changed). */
    public void requestRedraw() {
        redraw();
    }

    /** Where edits go; null means edits are ignored. */
    public void setEditHandler(BoxEditHandler h) {
        handler = h == null ? BoxEditHandler.none() : h;
    }

    BoxEditHandler handler() {
        return handler;
    }

    /** Ids of the selected boxes; the app may change it too. */
    public ObservableSet<Long> getSelection() {
        return selection;
    }

    // ---- view ----------------------------------------------------------------------------------

    public ViewState getViewState() {
        return viewState.get();
    }

    /** Observable zoom and position (for a zoom read-out in a status bar). */
    public ReadOnlyObjectProperty<ViewState> viewStateProperty() {
        return viewState.getReadOnlyProperty();
    }

    /** Restores a remembered zoom and position (call after {@link #setImage}). */
    public void setViewState(ViewState state) {
        fitPending = false;
        applyViewState(Objects.requireNonNull(state, "state").clamped());
    }

    void applyViewState(ViewState state) {
        viewState.set(state);
        requestLayout();
    }

    /** The whole image in the view (deferred until the view has a size). */
    public void fit() {
        if (!imageReady() || getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            return;
        }
        fitPending = false;
        applyViewState(ViewState.fit(imageWidth(), imageHeight(), getWidth(), getHeight(), 8));
    }

    /** One image pixel per screen pixel, about the middle of the view. */
    public void oneToOne() {
        ViewState s = getViewState();
        applyViewState(new ViewState(1, s.centreX(), s.centreY()));
    }

    /** Zooms by {@code factor} about the middle of the view. */
    public void zoomBy(double factor) {
        zoomBy(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the image point under view-local (x, y) fixed. */
    public void zoomBy(double factor, double x, double y) {
        if (factor > 0 && Double.isFinite(factor)) {
            fitPending = false;
            applyViewState(transform().zoomedAbout(factor, x, y));
        }
    }

    /** The current view-local <-> image mapping. */
    public ViewTransform transform() {
        return new ViewTransform(getViewState(), getWidth(), getHeight());
    }

    /** View-local coordinates of an image point. */
    public Point2D imageToView(double x, double y) {
        ViewTransform t = transform();
        return new Point2D(t.toScreenX(x), t.toScreenY(y));
    }

    /** Image coordinates of a view-local point. */
    public Point2D viewToImage(double x, double y) {
        ViewTransform t = transform();
        return new Point2D(t.toImageX(x), t.toImageY(y));
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public BooleanProperty showBoxesProperty() {
        return showBoxes;
    }

    public BooleanProperty showScoresProperty() {
        return showScores;
    }

    /** Whether the overlay image is shown (the M key); the overlay itself is {@link #overlayProperty()}. */
    public BooleanProperty showOverlayProperty() {
        return showOverlay;
    }

    /** A saliency map (any size, stretched onto the image); null for none. */
    public ObjectProperty<Image> overlayProperty() {
        return overlay;
    }

    public DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    /** Detected boxes scoring below this are drawn orange, thick and dashed. */
    public DoubleProperty lowConfidenceProperty() {
        return lowConfidence;
    }

    /** Number of boxes shown (the badge). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public static List<Shortcut> shortcuts() {
        return Shortcut.all();
    }

    public static String shortcutsHelp() {
        return Shortcut.help();
    }

    // ---- package API for the input controller --------------------------------------------------

    Map<Long, ViewBox> boxesById() {
        return byId;
    }

    void setPreview(Map<Long, RotatedBox> p) {
        preview = p == null ? Map.of() : p;
        redraw();
    }

    void setPendingAdd(RotatedBox b) {
        pendingAdd = b;
        redraw();
    }

    void setRubberBand(double[] screenRect) {
        rubberBand = screenRect;
        redraw();
    }

    /** Selected boxes' current geometry, in selection order. */
    Map<Long, RotatedBox> selectedBoxes() {
        Map<Long, RotatedBox> out = new LinkedHashMap<>();
        for (Long id : selection) {
            ViewBox vb = byId.get(id);
            if (vb != null) {
                out.put(id, vb.box());
            }
        }
        return out;
    }

    List<Long> allIds() {
        return new ArrayList<>(byId.keySet());
    }

    // ---- layout and drawing --------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        if (fitPending && imageReady() && w > 0 && h > 0) {
            fit();
        }
        placeImages();
        paint();
    }

    /** Shows just the visible part of the image, so zooming in never builds a huge texture. */
    private void placeImages() {
        boolean overlayOn =
                showOverlay.get() && overlay.get() != null && overlay.get().getWidth() > 0 && imageReady();
        overlayView.setImage(overlayOn ? overlay.get() : null);
        overlayView.setVisible(overlayOn);
        if (!imageReady() || getWidth() <= 0 || getHeight() <= 0) {
            imageView.setVisible(false);
            return;
        }
        ViewTransform t = transform();
        double iw = imageWidth();
        double ih = imageHeight();
        double x0 = Math.max(0, Math.floor(t.toImageX(0)));
        double y0 = Math.max(0, Math.floor(t.toImageY(0)));
        double x1 = Math.min(iw, Math.ceil(t.toImageX(getWidth())));
        double y1 = Math.min(ih, Math.ceil(t.toImageY(getHeight())));
        if (x1 <= x0 || y1 <= y0) {
            imageView.setVisible(false);
            overlayView.setVisible(false);
            return;
        }
        imageView.setVisible(true);
        place(imageView, t, x0, y0, x1, y1, image.getWidth() / iw, image.getHeight() / ih);
        imageView.setSmooth(t.state().scale() < 2);
        if (overlayOn) {
            Image o = overlay.get();
            place(overlayView, t, x0, y0, x1, y1, o.getWidth() / iw, o.getHeight() / ih);
        }
    }

    /** An image with a size (not null, not still loading, not failed). */
    private boolean imageReady() {
        return image != null && !image.isError() && image.getWidth() > 0 && image.getHeight() > 0;
    }

    private static void place(
            ImageView v, ViewTransform t, double x0, double y0, double x1, double y1, double fx, double fy) {
        v.setViewport(new Rectangle2D(x0 * fx, y0 * fy, (x1 - x0) * fx, (y1 - y0) * fy));
        v.setX(t.toScreenX(x0));
        v.setY(t.toScreenY(y0));
        v.setFitWidth((x1 - x0) * t.state().scale());
        v.setFitHeight((y1 - y0) * t.state().scale());
    }

    /** Redraws the box layer once, at the next opportunity (many changes per event cost one draw). */
    void redraw() {
        if (!redrawPending) {
            redrawPending = true;
            Platform.runLater(this::paint);
        }
    }

    private void paint() {
        redrawPending = false;
        painter.paint(
                canvas.getGraphicsContext2D(),
                new CellViewPainter.Frame(
                        transform(),
                        boxes,
                        selection,
                        preview,
                        pendingAdd,
                        rubberBand,
                        showBoxes.get(),
                        showScores.get(),
                        lowConfidence.get(),
                        image == null ? -1 : count.get(),
                        showSuggestions.get() ? suggestions : List.of(),
                        focusedSuggestion));
        if (layer != null) {
            layer.paint(canvas.getGraphicsContext2D(), transform());
        }
    }

    /** For tests: whether a box edit, add or rubber band is in progress. */
    boolean interacting() {
        return input.busy();
    }
}
