package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.inference.count.CaseSummary;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.SgachDecoder;
import org.karyo.core.image.ImageReadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo count}: chromosome count of every metaphase image and the case summary. */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = "Count the chromosomes in metaphase images (files or folders) and summarise the case.")
final class CountCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "image files or folders of images")
    List<Path> inputs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", paramLabel = "results.json", description = "write boxes, scores and timings as JSON")
    Path json;

    @Option(names = "--csv", paramLabel = "counts.csv", description = "write one row per image")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Detector detector = Detectors.open(model, err, true)) {
            List<Path> files = ImageFiles.expand(inputs);
            if (files.isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "no images found in " + inputs);
            }
            List<CountReport.Entry> entries = new ArrayList<>();
            int width = String.valueOf(files.size()).length();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String progress = String.format("[%" + width + "d/%d]", i + 1, files.size());
                entries.add(countOne(detector, f, progress, out));
            }
            CountReport report = CountReport.of(detector, entries);
            printSummary(report, out);
            write(report, err);
            return report.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }

    private static CountReport.Entry countOne(Detector detector, Path f, String progress, PrintWriter out) {
        try {
            DetectionResult r = detector.detect(f);
            out.printf("%s %s\t%d chromosomes\t(%.0f ms)%s%n", progress, f, r.count(), r.timings().total() / 1e6,
                    r.candidatesCapped() ? "\tWARNING: " + r.candidates() + " candidate boxes, only the best "
                            + SgachDecoder.MAX_CANDIDATES + " used: implausible model output" : "");
            out.flush();
            return CountReport.Entry.ok(f, r);
        } catch (ImageReadException e) {
            return failed(f, progress, e.getMessage(), out);
        } catch (Exception e) { // ONNX Runtime failure on one image must not stop the others
            return failed(f, progress, "detection failed: " + e.getMessage(), out);
        }
    }

    private static CountReport.Entry failed(Path f, String progress, String message, PrintWriter out) {
        out.printf("%s %s\tERROR: %s%n", progress, f, message);
        out.flush();
        return CountReport.Entry.failed(f, message);
    }

    private static void printSummary(CountReport report, PrintWriter out) {
        CaseSummary s = report.summary();
        out.println();
        out.printf("Cells counted: %d%s%n", s.cellCount(),
                report.failed() > 0 ? " (" + report.failed() + " file(s) could not be read)" : "");
        if (s.cellCount() > 0) {
            out.printf("Modal number: %d (%d of %d cells)%n", s.modalNumber(), s.distribution().get(s.modalNumber()),
                    s.cellCount());
            out.printf("Cells off the modal number: %d%n", s.nonModal().size());
            for (CaseSummary.CellCount c : s.nonModal()) {
                out.printf("  %s\t%d%n", c.cell(), c.count());
            }
        }
        out.flush();
    }

    private void write(CountReport report, PrintWriter err) {
        try {
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report.toJson());
                err.println("wrote " + json);
            }
            if (csv != null) {
                Files.writeString(csv, report.toCsv());
                err.println("wrote " + csv);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.SOME_FAILED, "cannot write results: " + e.getMessage());
        }
    }
}
