package org.karyo.app.ui;

import java.util.List;
import java.util.function.Consumer;
import org.karyo.app.review.Uncertainty;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.ConflictException;
import org.karyo.app.store.Suggestions.Suggestion;
import org.karyo.app.ui.viewer.CellView;
import org.karyo.app.ui.viewer.ViewBox;
import org.karyo.core.geometry.RotatedBox;

/**
 * Where to look in the cell under review: its suggestions (candidates just below the threshold,
 * T shows them), its uncertainty flags, and a cursor that N moves to the next flagged place
 * (selecting the box, or highlighting the suggestion that Y then accepts).
 */
final class ReviewCues {

    private final CaseStore store;
    private final CellView view;
    private final Consumer<String> status;
    private List<Suggestion> suggestions = List.of();
    private Uncertainty uncertainty = new Uncertainty(List.of());
    private int cursor = -1;

    ReviewCues(CaseStore store, CellView view, Consumer<String> status) {
        this.store = store;
        this.view = view;
        this.status = status;
    }

    /** Re-reads the suggestions of {@code cellId} and re-computes the flags for {@code boxes}. */
    void reload(long cellId, List<Box> boxes) {
        suggestions = store.suggestions().open(cellId);
        double threshold = store.suggestions().operatingThreshold(cellId);
        uncertainty = Uncertainty.of(boxes, suggestions, threshold);
        if (!Double.isNaN(threshold)) {
            // dashed orange = the same "just above the threshold" boxes that N visits (0.5 never fired at 0.858)
            view.lowConfidenceProperty().set(threshold + Uncertainty.NEAR_MARGIN);
        }
        view.setSuggestions(suggestions.stream()
                .map(s -> new ViewBox(s.id(), s.geometry(), s.score()))
                .toList());
        if (cursor >= uncertainty.flags().size()) {
            cursor = -1;
        }
    }

    void clear() {
        suggestions = List.of();
        uncertainty = new Uncertainty(List.of());
        cursor = -1;
        view.setSuggestions(List.of());
    }

    Uncertainty uncertainty() {
        return uncertainty;
    }

    List<Suggestion> suggestions() {
        return suggestions;
    }

    void toggleSuggestions() {
        boolean on = !view.showSuggestionsProperty().get();
        view.showSuggestionsProperty().set(on);
        status.accept(
                on
                        ? suggestions.size() + (suggestions.size() == 1 ? " suggestion" : " suggestions")
                                + " shown (candidates just below the threshold, not counted; N goes to one, Y accepts it)"
                        : "Suggestions hidden");
    }

    /** Moves to the next flagged place: selects the box, or shows and highlights the suggestion. */
    void next() {
        List<Uncertainty.Flag> flags = uncertainty.flags();
        if (flags.isEmpty()) {
            status.accept("Nothing flagged in this cell");
            return;
        }
        cursor = (cursor + 1) % flags.size();
        Uncertainty.Flag f = flags.get(cursor);
        RotatedBox where = f.where();
        view.getSelection().clear();
        if (f.suggestionId() != null) {
            view.showSuggestionsProperty().set(true);
            view.focusSuggestion(f.suggestionId());
        } else {
            view.focusSuggestion(null);
            view.getSelection().add(f.boxId());
        }
        view.centreOn(where.cx(), where.cy());
        status.accept("Place " + (cursor + 1) + " of " + flags.size() + ": "
                + f.reason().text() + (f.suggestionId() != null ? " (Y accepts it as a box)" : ""));
    }

    /**
     * The highlighted suggestion, if any, as a box: added through {@code add} (undoable), then
     * marked accepted. One accepted on another workstation since this screen loaded it is refused
     * with who and when (a second box would be a silent over-count); should it be accepted there
     * between our add and our mark, {@code takeBack} removes our box again.
     */
    void acceptFocused(java.util.function.Function<RotatedBox, Box> add, Runnable takeBack) {
        Long id = view.focusedSuggestion();
        Suggestion s = id == null
                ? null
                : suggestions.stream().filter(x -> x.id() == id).findFirst().orElse(null);
        if (s == null) {
            status.accept("No suggestion highlighted: press N to go to one (T shows them all)");
            return;
        }
        try {
            store.suggestions().requireOpen(s.id());
        } catch (ConflictException e) {
            refused(e);
            return;
        }
        Box b = add.apply(s.geometry());
        if (b != null) {
            try {
                store.suggestions().markAccepted(s.id(), b.id());
            } catch (ConflictException e) {
                takeBack.run();
                refused(e);
                return;
            }
            view.focusSuggestion(null);
            status.accept(
                    "Suggestion accepted as a box (score " + String.format("%.2f", s.score()) + "); Ctrl+Z undoes");
        }
    }

    /** Another workstation accepted the suggestion first: say who and when; the reload drops it. */
    private void refused(ConflictException e) {
        view.focusSuggestion(null);
        status.accept("Not accepted: " + e.getMessage());
    }
}
