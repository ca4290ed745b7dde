package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail as sentences, and the laboratory settings the report prints. */
class TestAuditSentences {

    @TempDir
    Path dir;

    private static ReportAuditEntry e(
            String at, String user, String action, String cell, String before, String after, String reason) {
        return new ReportAuditEntry(Instant.parse(at), user, action, cell, before, after, reason);
    }

    @Test
    void eachEventIsOneSentenceAndAnEditCarriesItsCountChange() {
        List<String> s = AuditSentences.of(List.of(
                e("2026-12-07T14:02:00Z", "A. Moreau", "box.delete", "cell-07.png", "{\"cx\":1}", null, null),
                e(
                        "2026-12-07T14:02:00Z",
                        "A. Moreau",
                        "count.change",
                        "cell-07.png",
                        "{\"count\":47}",
                        "{\"count\":46}",
                        "box.delete"),
                e(
                        "2026-12-07T14:03:10Z",
                        "A. Moreau",
                        "cell.exclude",
                        "cell-08.png",
                        "{\"status\":\"DETECTED\"}",
                        "{\"status\":\"EXCLUDED\"}",
                        "overlapping nucleus"),
                e("2026-12-07T14:04:00Z", "A. Moreau", "undo:box.add", "cell-09.png", null, null, null),
                e(
                        "2026-12-07T14:05:00Z",
                        "B. Cole",
                        "case.karyotype",
                        null,
                        "{\"karyotype\":null}",
                        "{\"karyotype\":\"46,XY\"}",
                        null),
                e(
                        "2026-12-07T14:06:00Z",
                        "B. Cole",
                        "case.signoff.override",
                        null,
                        null,
                        "{\"check\":\"STUDY_SIZE\"}",
                        "urgent"),
                e("2026-12-07T14:07:00Z", "B. Cole", "something.new", "cell-01.png", null, null, null)));
        assertEquals(
                List.of(
                        "2026-12-07 14:02 A. Moreau deleted a box in cell-07.png (count 47 → 46)",
                        "2026-12-07 14:03 A. Moreau excluded cell-08.png from the count (reason: \"overlapping nucleus\")",
                        "2026-12-07 14:04 A. Moreau undid: added a box in cell-09.png",
                        "2026-12-07 14:05 B. Cole set the result to \"46,XY\"",
                        "2026-12-07 14:06 B. Cole signed past the failed check STUDY_SIZE (reason: \"urgent\")",
                        "2026-12-07 14:07 B. Cole something new in cell-01.png"),
                s);
    }

    @Test
    void laboratorySettingsRoundTripAndTheAccreditationIsPrinted() throws Exception {
        assertTrue(!LaboratorySettings.read(dir).complete());
        new LaboratorySettings("City Cytogenetics", "1 Road", "/logo.png", "ISO 15189:2022").write(dir);
        LaboratorySettings s = LaboratorySettings.read(dir);
        assertEquals(new LaboratorySettings("City Cytogenetics", "1 Road", "/logo.png", "ISO 15189:2022"), s);
        assertTrue(s.complete());
        ReportCase.Laboratory lab = LaboratoryFile.read(dir);
        assertEquals("City Cytogenetics", lab.name());
        assertEquals("1 Road · Accreditation: ISO 15189:2022", lab.address());
    }
}
