/**
 * Karyotype reports (issue 7): the report's input model ({@link org.karyo.app.report.ReportCase}),
 * count statistics, a tolerant ISCN parser, the PDF (PDFBox, embedded DejaVu fonts) and CSV exports,
 * and {@code karyo report}. No JavaFX here: the preview lives under {@code org.karyo.app.ui}.
 */
package org.karyo.app.report;
