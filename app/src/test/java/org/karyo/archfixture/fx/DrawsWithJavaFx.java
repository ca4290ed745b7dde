package org.karyo.archfixture.fx;

import javafx.scene.paint.Color;

/** Fixture: JavaFX used outside the app packages, which the rules forbid. */
public class DrawsWithJavaFx {
    Color outline = Color.RED;
}
