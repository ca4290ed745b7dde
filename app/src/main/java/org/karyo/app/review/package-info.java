/**
 * Review logic without UI: {@link org.karyo.app.review.CellEditor} (every box edit one audited
 * transaction, with undo/redo) and {@link org.karyo.app.review.CountTable} (modal number and
 * how many cells still to count). No JavaFX here.
 */
package org.karyo.app.review;
