package org.karyo.app.ui.viewer;

import java.util.List;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.grabcut.Scribble;

/** Where {@link PolygonInput} reports finished gestures; the owner stores them and answers with new outlines. */
public interface PolygonEditHandler {

    /** A new closed outline (at least 3 points). */
    void drawn(List<Vertex> points);

    /** Outline {@code id} has new points; {@code action} is polygon.vertex, polygon.insert, polygon.move ... */
    void changed(long id, List<Vertex> points, String action);

    /** A GrabCut correction stroke. */
    void scribbled(Scribble s);
}
