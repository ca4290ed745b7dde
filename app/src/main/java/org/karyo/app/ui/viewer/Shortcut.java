package org.karyo.app.ui.viewer;

import java.util.List;

/** One keyboard or mouse shortcut of the {@link CellView}, for the app's help overlay. */
public record Shortcut(String keys, String action) {

    /** Every shortcut the view handles itself (the app adds undo/redo and cell navigation). */
    public static List<Shortcut> all() {
        return List.of(
                new Shortcut("Click", "select a box"),
                new Shortcut("Shift/Ctrl+click", "add or remove a box from the selection"),
                new Shortcut(
                        "Drag on empty image", "select the boxes whose centre is in the rectangle (Shift/Ctrl adds)"),
                new Shortcut("Ctrl+A", "select all boxes"),
                new Shortcut(
                        "Escape", "cancel the box being drawn; else back to the select tool; else clear the selection"),
                new Shortcut("Drag a selected box", "move all selected boxes"),
                new Shortcut("Drag an edge handle", "resize length or width (the opposite edge stays)"),
                new Shortcut("Drag the round handle", "rotate about the centre"),
                new Shortcut(
                        "Arrow keys", "nudge the selection 1 image pixel (Shift: 10); pan when nothing is selected"),
                new Shortcut("Delete / Backspace", "delete the selected boxes"),
                new Shortcut(
                        "A", "add tool: drag along a chromosome, release, move sideways for the width, click or Enter"),
                new Shortcut("V", "select tool"),
                new Shortcut("Wheel", "zoom about the pointer"),
                new Shortcut("Right/middle drag, Space+drag", "pan"),
                new Shortcut("F / 1", "fit the whole image / one image pixel per screen pixel"),
                new Shortcut("+ / -", "zoom in / out"),
                new Shortcut("B / S / M", "show or hide boxes / scores / saliency overlay"));
    }

    /** The shortcuts as aligned plain-text lines. */
    public static String help() {
        int width = all().stream().mapToInt(s -> s.keys().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Shortcut s : all()) {
            sb.append(String.format("%-" + width + "s  %s%n", s.keys(), s.action()));
        }
        return sb.toString();
    }
}
