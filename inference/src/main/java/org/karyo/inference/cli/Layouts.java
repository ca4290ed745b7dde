package org.karyo.inference.cli;

import java.nio.file.Path;
import java.util.List;
import org.karyo.inference.bench.PostprocessBenchmark;

/** Chromosome layouts for the post-processing benchmark, from annotated LabelMe files. */
final class Layouts {

    private Layouts() {
    }

    static List<PostprocessBenchmark.Layout> fromLabelMe(Path dir) {
        throw new CliFailure(Karyo.USAGE, "--layouts needs the LabelMe reader (not merged yet)");
    }
}
