package org.karyo.trainingbridge.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.karyo.inference.metrics.EvaluationReport;
import org.karyo.trainingbridge.RegisteredModel;

/** The new model's metrics beside the active model's, as a small table. */
final class Comparison {

    /** One column: a heading and, when known, a Java evaluation report (else stored AP/F1 only). */
    record Column(String heading, EvaluationReport report, OptionalDouble ap, OptionalDouble f1) {
        static Column of(String heading, EvaluationReport r) {
            return new Column(
                    heading,
                    r,
                    OptionalDouble.of(r.ap()),
                    OptionalDouble.of(r.bestF1().f1()));
        }

        static Column stored(String heading, RegisteredModel m) {
            return new Column(heading, null, m.ap(), m.f1());
        }
    }

    private Comparison() {}

    static void print(PrintWriter out, List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(row("", columns, Column::heading));
        rows.add(row("AP", columns, c -> pct(c.ap())));
        rows.add(row("F1 (best threshold)", columns, c -> pct(c.f1())));
        rows.add(row(
                "precision (best F1)",
                columns,
                c -> c.report() == null ? "-" : pct(c.report().bestF1().precision())));
        rows.add(row(
                "recall (best F1)",
                columns,
                c -> c.report() == null ? "-" : pct(c.report().bestF1().recall())));
        rows.add(row(
                "mFPs (best F1)",
                columns,
                c -> c.report() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.2f", c.report().bestF1().mFPs())));
        rows.add(row(
                "score threshold (operating)",
                columns,
                c -> c.report() == null
                        ? "-"
                        : String.format(
                                Locale.ROOT, "%.4f", c.report().operating().threshold())));
        rows.add(row(
                "|count error| per cell (operating)",
                columns,
                c -> c.report() == null
                        ? "-"
                        : String.format(
                                Locale.ROOT, "%.2f", c.report().operating().meanAbsCountError())));
        rows.add(row(
                "count exact (operating)",
                columns,
                c -> c.report() == null ? "-" : pct(c.report().operating().countExactShare())));
        rows.add(row(
                "AER (operating)",
                columns,
                c -> c.report() == null ? "-" : pct(c.report().operating().aer())));
        int[] width = new int[columns.size() + 1];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                sb.append(
                        i == 0
                                ? String.format("%-" + width[i] + "s", r[i])
                                : String.format("  %" + width[i] + "s", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String[] row(String name, List<Column> columns, Function<Column, String> cell) {
        String[] r = new String[columns.size() + 1];
        r[0] = name;
        for (int i = 0; i < columns.size(); i++) {
            r[i + 1] = cell.apply(columns.get(i));
        }
        return r;
    }

    static String pct(OptionalDouble v) {
        return v.isPresent() ? pct(v.getAsDouble()) : "-";
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
