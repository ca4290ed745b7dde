package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestIscn {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "46,XY",
                "46,XX",
                "47,XX,+21",
                "47,XY,+21",
                "45,X",
                "47,XXY",
                "92,XXYY",
                "69,XXY",
                "45,X/46,XX[12/18]",
                "45,X[12]/46,XX[18]",
                "mos 45,X[5]/46,XX[25]",
                "46,XX,t(9;22)(q34;q11.2)",
                "46,XY,del(5)(q13q33)",
                "46,XX,inv(9)(p12q13)",
                "46,XX,i(17q)",
                "47,XY,+mar",
                "45,XX,-7",
                "46,XY,der(22)t(9;22)(q34;q11.2)",
                "46,XY,t(9;22)(q34;q11.2)[15]/47,idem,+8[5]",
                "  46, XY ",
                "46,XX,dup(1)(q21q32)c",
                "48,XXYY",
                "46,XY.ish del(22)(q11.2q11.2)(TUPLE1-)"
            })
    void acceptsCommonForms(String k) {
        IscnResult r = Iscn.parse(k);
        assertTrue(r.ok(), () -> k + ": " + r.describeProblems());
        assertFalse(r.clones().isEmpty());
    }

    @Test
    void parsesClonesCountsAndAbnormalities() {
        IscnResult grouped = Iscn.parse("45,X/46,XX[12/18]");
        assertTrue(grouped.mosaic());
        assertEquals(
                List.of(45, 46),
                grouped.clones().stream().map(IscnResult.Clone::count).toList());
        assertEquals(
                List.of(12, 18),
                grouped.clones().stream().map(IscnResult.Clone::cells).toList());
        assertEquals("X", grouped.clones().get(0).sexChromosomes());

        IscnResult mos = Iscn.parse("mos 45,X[5]/46,XX[25]");
        assertEquals("mos", mos.prefix());
        assertEquals(
                List.of(5, 25),
                mos.clones().stream().map(IscnResult.Clone::cells).toList());

        IscnResult t = Iscn.parse("47,XY,+21,t(9;22)(q34;q11.2)");
        IscnResult.Clone c = t.clones().get(0);
        assertEquals(47, c.count());
        assertNull(c.cells());
        assertEquals(
                List.of(IscnResult.Abnormality.Kind.GAIN, IscnResult.Abnormality.Kind.STRUCTURAL),
                c.abnormalities().stream().map(IscnResult.Abnormality::kind).toList());
        assertEquals("t(9;22)(q34;q11.2)", c.abnormalities().get(1).text());

        IscnResult idem = Iscn.parse("46,XY,t(9;22)(q34;q11.2)[15]/47,idem,+8[5]");
        assertNull(idem.clones().get(1).sexChromosomes());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "146,XY|1|modal number 146 out of range",
                "46|3|sex chromosomes missing",
                "46,+21|4|sex chromosomes missing",
                "46,XY,del(5)(q13q33|19|unbalanced parentheses",
                "46,XY,del(5))(q13q33)|13|unbalanced parentheses",
                "45,X/46,XX|1|clone cell counts must be in [..]",
                "45,X[12]/46,XX|1|clone cell counts must be in [..]",
                "45,X/46,XX[12/18/3]|11|3 numbers for 2 cell line(s)",
                "hello|1|expected the chromosome number",
                "46,XY,+21|1|does not match",
                "47,XX|1|does not match",
                "46,XY,t(9;22)(q34)|7|1 breakpoint group(s)",
                "47,XY,+23|7|no chromosome 23",
                "46,XY,foo(3)(q21)|7|unknown abnormality 'foo'",
                "46,XY,del(5)|7|needs breakpoints",
                "46,XY,del(5)(x13)|7|is not a band",
                "46,XY,,+21|7|empty field",
                "46,XX,+21+|7|unrecognised abnormality",
                "mos 46,XX|1|needs two or more cell lines",
                "46,XX[1/2]/45,X[3]|1|clone cell counts must be in [..]"
            })
    void rejectsWithPositionAndMessage(String k, int position, String message) {
        IscnResult r = Iscn.parse(k);
        assertFalse(r.ok(), k + " was accepted");
        assertTrue(r.clones().isEmpty());
        IscnResult.Message m = r.messages().get(0);
        assertTrue(m.text().contains(message), () -> k + ": " + r.describeProblems());
        assertEquals(position, m.position(), () -> k + ": " + r.describeProblems());
    }

    @Test
    void emptyAndNullAreRejected() {
        assertEquals("the karyotype is empty", Iscn.parse("").messages().get(0).text());
        assertFalse(Iscn.parse(null).ok());
        assertFalse(Iscn.parse("   ").ok());
    }
}
