package org.karyo.app.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.archive.ArchiveImporter;
import org.karyo.annotation.io.LabelMeIo;
import org.karyo.app.cli.Karyo;
import org.karyo.core.SharedData;
import org.karyo.inference.cli.ExitCodes;
import picocli.CommandLine;

/**
 * {@code karyo archive import} on the real archives (issue 21, "Done when"): every CabinH and
 * tuanvision pair becomes a LabelMe cell of 46 classified outlines with the karyogram's sex
 * chromosomes; at least 90 % unflagged on every pair of both laboratories (the target; measured
 * CabinH 43-46 of 46, tuanvision 43-44 of 46 since chromosomes broken by pale bands are searched
 * whole, docs/archive.md).
 */
class TestArchiveImportCommand {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run karyo(String... args) {
        CommandLine cl = Karyo.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code minUnflagged}: issue 21 asks for 0.9 on every pair. */
    private static void checkDataset(Path out, int cells, List<String> sexes, double minUnflagged) throws Exception {
        List<Path> jsons;
        try (Stream<Path> s = Files.list(out)) {
            jsons = s.filter(p -> p.toString().endsWith(".json")
                            && !p.getFileName().toString().startsWith("dataset")
                            && !p.getFileName().toString().startsWith("archive"))
                    .sorted()
                    .toList();
        }
        assertEquals(cells, jsons.size(), jsons.toString());
        for (int i = 0; i < jsons.size(); i++) {
            AnnotatedImage a = LabelMeIo.read(jsons.get(i)).annotation();
            assertEquals(46, a.instances().size(), jsons.get(i).getFileName().toString());
            long unflagged = a.instances().stream()
                    .filter(p -> p.flags().values().stream().noneMatch(b -> b))
                    .count();
            assertTrue(
                    unflagged >= minUnflagged * 46, jsons.get(i).getFileName() + ": " + unflagged + " of 46 unflagged");
            long x = a.instances().stream()
                    .map(InstancePolygon::label)
                    .filter(l -> l.displayName().equals("X"))
                    .count();
            long y = a.instances().stream()
                    .map(InstancePolygon::label)
                    .filter(l -> l.displayName().equals("Y"))
                    .count();
            assertEquals(
                    sexes.get(i),
                    "X".repeat((int) x) + "Y".repeat((int) y),
                    jsons.get(i).getFileName().toString());
            assertTrue(a.validate().isEmpty(), a.validate().toString());
            assertTrue(Files.isRegularFile(a.image()), "image copied beside the annotation");
        }
        JsonNode summary = new ObjectMapper()
                .readTree(out.resolve(ArchiveImporter.SUMMARY_JSON).toFile());
        assertEquals(cells, summary.get("accepted").asInt());
    }

    @Test
    void importsTheCabinHCaseAs10CellsOf46() throws Exception {
        Path out = tmp.resolve("cabinh");
        Run r = karyo(
                "archive", "import", SharedData.dir("real/cabinh-case-8129A").toString(), "--out", out.toString());
        System.out.print(r.out);
        assertEquals(ExitCodes.OK, r.exit, r.out + r.err);
        checkDataset(out, 10, List.of("XY", "XY", "XY", "XY", "XY", "XY", "XY", "XY", "XY", "XY"), 0.9);
    }

    @Test
    void importsTheOtherLaboratorysPairsAndListsTheUnpairedFrame() throws Exception {
        Path out = tmp.resolve("tuan");
        Run r = karyo(
                "archive",
                "import",
                SharedData.dir("real/tuanvision-cytovision").toString(),
                "--out",
                out.toString());
        System.out.print(r.out);
        assertEquals(ExitCodes.OK, r.exit, r.out + r.err);
        assertTrue(r.out.contains("unpaired: a/100865NVG.027.A.png: no karyogram"), r.out);
        checkDataset(out, 3, List.of("XX", "XY", "XX"), 0.9); // 100955NVG.017, 5180104844.020, 98917NVG.002
    }

    @Test
    void refusesAKaryogramOfAnotherCellAndSaysWhy() throws Exception {
        Path dir = tmp.resolve("swapped");
        Files.createDirectories(dir);
        Path real = SharedData.dir("real/cabinh-case-8129A");
        Files.copy(real.resolve("a/8129A.001.A.TIF"), dir.resolve("c1.A.TIF"));
        Files.copy(real.resolve("k/8129A.042.K.TIF"), dir.resolve("c1.K.TIF"));
        Files.copy(
                real.resolve("a/8129A.042.A.TIF"), dir.resolve("c2.A.TIF")); // a metaphase where a karyogram should be
        Files.copy(real.resolve("a/8129A.013.A.TIF"), dir.resolve("c2.K.TIF"));
        Run r = karyo(
                "archive", "import", dir.toString(), "--out", tmp.resolve("o").toString());
        System.out.print(r.out);
        assertEquals(ExitCodes.SOME_FAILED, r.exit);
        assertTrue(r.out.contains("c1\trefused") && r.out.contains("another cell"), r.out);
        assertTrue(r.out.contains("c2\tfailed") && r.out.contains("not a karyogram"), r.out);
    }
}
