/**
 * Karyograms in the workstation (issue 24): classifying a cell's boxes into a stored karyogram,
 * editing it with undo and audit, and proposing the case's karyotype from the karyotyped cells.
 * No JavaFX here; the view is {@code org.karyo.app.ui.KaryogramView}.
 */
package org.karyo.app.karyogram;
