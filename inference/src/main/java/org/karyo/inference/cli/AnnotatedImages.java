package org.karyo.inference.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthSet;
import org.karyo.core.groundtruth.GroundTruthSets;

/** An annotated set as eval and calibrate read it: the images whose files are present. */
record AnnotatedImages(GroundTruthSet set, List<GroundTruthImage> present) {

    /** Notes and skipped files go to {@code err}; a set with nothing to evaluate is a usage error. */
    static AnnotatedImages read(Path data, String format, boolean includeUnannotated, PrintWriter err) {
        GroundTruthSet set;
        try {
            set = GroundTruthSets.read(data, format);
        } catch (AnnotationFileException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
        set.notes().forEach(n -> err.println("note: " + n));
        if (!includeUnannotated) {
            set = set.annotatedOnly();
        }
        List<GroundTruthImage> present =
                set.images().stream().filter(GroundTruthImage::imageAvailable).toList();
        if (present.isEmpty()) {
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "none of the " + set.images().size()
                            + " annotated images is present next to its annotation: nothing to evaluate");
        }
        if (present.size() < set.images().size()) {
            err.println(
                    "note: " + (set.images().size() - present.size()) + " annotated image file(s) missing, skipped");
        }
        return new AnnotatedImages(set, present);
    }
}
