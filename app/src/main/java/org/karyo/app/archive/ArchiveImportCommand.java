package org.karyo.app.archive;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.annotation.archive.ArchiveImporter;
import org.karyo.annotation.archive.ArchivePairing;
import org.karyo.annotation.archive.PairReport;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.inference.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo archive import DIR --out DATASET}: back-projects every pair and writes the LabelMe dataset. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Back-project every karyogram onto its metaphase and write the cells as a LabelMe dataset "
                + "(one classified outline per chromosome) with archive-summary.json/.csv.")
final class ArchiveImportCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "folder of metaphase and karyogram images (searched recursively)")
    Path dir;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DATASET",
            description = "new or empty folder for the dataset")
    Path out;

    @Option(
            names = "--pairs",
            paramLabel = "PATTERN",
            description = "pairing rule: a regular expression on file names with groups (?<cell>...) and (?<kind>...), "
                    + "kind A/M/MET/METAPHASE or K/KAR/KARYO/KARYOGRAM; repeatable; default: CytoVision "
                    + "NAME.A.TIF + NAME.K.TIF and NAME_metaphase.png + NAME_karyogram.png")
    List<String> rules = new ArrayList<>();

    @Option(names = "--overlays", paramLabel = "FOLDER", description = "also draw every recovered cell as a PNG here")
    Path overlays;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println(dir + ": not a folder");
            return ExitCodes.USAGE;
        }
        ArchivePairing.Result paired;
        try {
            paired = ArchivePairing.pair(dir, rules.isEmpty() ? ArchivePairing.DEFAULT_RULES : rules);
        } catch (IllegalArgumentException e) {
            err.println("--pairs: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(dir + ": cannot list the folder (" + e.getMessage() + ")");
            return ExitCodes.USAGE;
        }
        paired.unpaired().forEach(u -> o.println("unpaired: " + u));
        if (paired.pairs().isEmpty()) {
            err.println(dir + ": no metaphase + karyogram pairs found (see --pairs)");
            return ExitCodes.USAGE;
        }
        int width = String.valueOf(paired.pairs().size()).length();
        List<PairReport> reports;
        try {
            reports = ArchiveImporter.run(
                    paired.pairs(),
                    paired.unpaired(),
                    out,
                    overlays,
                    (i, n, r) -> {
                        o.printf(
                                "[%" + width + "d/%d] %s\t%s\t%d in karyogram, %d found, %d flagged, %d not found"
                                        + "\tmedian %.3f\tscale %.3f\t%.1f s%s%n",
                                i + 1,
                                n,
                                r.cell(),
                                r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                                r.karyogramCount(),
                                r.found(),
                                r.flagged(),
                                r.notFound(),
                                r.medianScore(),
                                r.scale(),
                                r.seconds(),
                                r.message().isEmpty() ? "" : "\t" + r.message());
                        o.flush();
                    },
                    () -> false);
        } catch (AnnotationFileException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(out + ": cannot write (" + e.getMessage() + ")");
            return ExitCodes.SOME_FAILED;
        }
        long accepted = reports.stream()
                .filter(r -> r.outcome() == PairReport.Outcome.ACCEPTED)
                .count();
        long chromosomes = reports.stream()
                .filter(r -> r.outcome() == PairReport.Outcome.ACCEPTED)
                .mapToLong(r -> r.found() + r.flagged())
                .sum();
        o.printf(
                "%d pairs, %d accepted (%d outlined chromosomes), %d refused or failed; %d unpaired files; "
                        + "dataset and %s in %s%n",
                reports.size(),
                accepted,
                chromosomes,
                reports.size() - accepted,
                paired.unpaired().size(),
                ArchiveImporter.SUMMARY_JSON,
                out);
        return accepted == reports.size() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
