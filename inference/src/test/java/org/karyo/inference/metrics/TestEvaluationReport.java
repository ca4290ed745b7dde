package org.karyo.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestEvaluationReport {

    private final EvaluationReport report = Evaluator.evaluate(TestBestThreshold.randomImages(new Random(7), 12), 0.5);

    @Test
    void jsonCarriesEveryFigureAndReadsBack() throws Exception {
        String json = report.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(report.ap(), tree.get("ap").asDouble());
        assertEquals(report.bestF1().f1(), tree.at("/bestF1/f1").asDouble());
        assertEquals(report.operating().aer(), tree.at("/operating/aer").asDouble());
        assertEquals(report.groundTruth(), tree.get("groundTruth").asInt());
        assertTrue(tree.get("apMethod").asText().startsWith("VOC all-point"));
        assertEquals(report, EvaluationReport.fromJson(json));
    }

    @Test
    void tableShowsPercentages() {
        String table = report.toTable();
        assertTrue(table.contains(String.format(Locale.ROOT, "AP %.2f %%", 100 * report.ap())), table);
        assertTrue(table.contains("WCR %"), table);
        String f1Row =
                table.lines().filter(l -> l.startsWith("F1 %")).findFirst().orElseThrow();
        assertTrue(
                f1Row.contains(
                        String.format(Locale.ROOT, "%.2f", 100 * report.bestF1().f1())),
                f1Row);
        assertEquals(17, table.lines().count(), table);
        String countRow = table.lines()
                .filter(l -> l.startsWith("mean |count error|"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                countRow.endsWith(
                        String.format(Locale.ROOT, "%.2f", report.bestCount().meanAbsCountError())),
                countRow);
    }

    @Test
    void aReportWrittenBeforeTheBestCountColumnStillReads() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(report.toJson());
        tree.remove("bestCount");
        EvaluationReport old = EvaluationReport.fromJson(tree.toString());
        assertEquals(report.ap(), old.ap());
        String f1Row = old.toTable()
                .lines()
                .filter(l -> l.startsWith("F1 %"))
                .findFirst()
                .orElseThrow();
        assertTrue(f1Row.trim().endsWith("-"), f1Row);
    }
}
