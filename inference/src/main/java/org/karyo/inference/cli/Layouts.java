package org.karyo.inference.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.GroundTruthSet;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.inference.bench.PostprocessBenchmark;

/** Chromosome layouts for the post-processing benchmark, from annotated LabelMe files (images not needed). */
final class Layouts {

    private Layouts() {}

    static List<PostprocessBenchmark.Layout> fromLabelMe(Path dir) {
        GroundTruthSet set;
        try {
            set = LabelMeReader.read(dir);
        } catch (AnnotationFileException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
        List<PostprocessBenchmark.Layout> out = new ArrayList<>();
        for (GroundTruthImage img : set.annotatedOnly().images()) {
            out.add(new PostprocessBenchmark.Layout(
                    img.name(),
                    img.width(),
                    img.height(),
                    img.objects().stream().map(GroundTruthObject::box).toList()));
        }
        if (out.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, "no annotated layouts in " + dir);
        }
        return out;
    }
}
