package org.karyo.inference.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.core.image.ImageReadException;
import org.karyo.inference.classify.CellClassification;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeClass;
import org.karyo.inference.classify.ChromosomeClassifier;
import org.karyo.inference.classify.ClassifierLocator;
import org.karyo.inference.classify.ClassifierModel;
import org.karyo.inference.classify.KaryotypeSummary;
import org.karyo.inference.classify.Placement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo karyotype-agree DATASET...}: our classifier against the laboratories' own
 * karyograms. A dataset is what {@code karyo archive import} writes: each metaphase with one
 * outline per chromosome of its karyogram, labelled with the class the laboratory gave it. Every
 * outline's minimum-area box is classified and assigned as one cell, exactly as detected boxes
 * are, and compared with the laboratory's class, chromosome by chromosome.
 */
@Command(
        name = "karyotype-agree",
        mixinStandardHelpOptions = true,
        description = "Per-chromosome class agreement between the classifier and the karyograms of an "
                + "archive import (karyo archive import --out DATASET).")
final class KaryotypeAgreeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", arity = "1..*")
    List<Path> datasets;

    @Option(names = "--classifier", paramLabel = "M")
    Path classifierFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int all = 0, alone = 0, assigned = 0, sexRight = 0, cells = 0, unsure = 0;
        out.println("cell\tlaboratory\tproposed\tchromosomes\tagree_alone\tagree_assigned\tsex_match");
        try (ClassifierModel cm = ClassifierModel.open(ClassifierLocator.resolve(classifierFile))) {
            ChromosomeClassifier clf = new ChromosomeClassifier(cm);
            for (Path d : datasets) {
                List<GroundTruthImage> images;
                try {
                    images = LabelMeReader.read(d).images();
                } catch (AnnotationFileException e) {
                    err.println(d + ": " + e.getMessage());
                    return ExitCodes.SOME_FAILED;
                }
                for (GroundTruthImage im : images) {
                    List<RotatedBox> boxes = new ArrayList<>();
                    List<Integer> truth = new ArrayList<>();
                    for (GroundTruthObject o : im.objects()) {
                        int cls = labClass(o.label());
                        if (cls < 0) {
                            continue;
                        }
                        boxes.add(o.box());
                        truth.add(cls);
                    }
                    CellClassification cc;
                    try {
                        cc = CellClassification.run(clf, CellClassification.read(im.imagePath()), boxes);
                    } catch (ImageReadException e) {
                        err.println(e.getMessage());
                        continue;
                    }
                    CellKaryotype k = cc.karyotype();
                    int a = 0, s = 0;
                    List<Placement> labPlacements = new ArrayList<>();
                    for (int i = 0; i < boxes.size(); i++) {
                        a += cc.calls().get(i).best() == truth.get(i) ? 1 : 0;
                        s += k.placements().get(i).cls() == truth.get(i) ? 1 : 0;
                        unsure += k.placements().get(i).unsure() ? 1 : 0;
                        labPlacements.add(new Placement(i, truth.get(i), 1f, false, false, false));
                    }
                    CellKaryotype lab = KaryotypeSummary.of(labPlacements, List.of());
                    boolean sex = lab.sexComplement().equals(k.sexComplement());
                    all += boxes.size();
                    alone += a;
                    assigned += s;
                    sexRight += sex ? 1 : 0;
                    cells++;
                    out.printf(
                            Locale.ROOT,
                            "%s\t%s\t%s\t%d\t%d\t%d\t%s%n",
                            im.name(),
                            lab.iscn(),
                            k.iscn(),
                            boxes.size(),
                            a,
                            s,
                            sex ? "yes" : "no");
                }
            }
        }
        if (all == 0) {
            err.println("no classified outlines in " + datasets);
            return ExitCodes.SOME_FAILED;
        }
        out.printf(
                Locale.ROOT,
                "agreement with the laboratories' karyograms, %d chromosomes in %d cells: classifier alone %.1f %%, "
                        + "after cell-level assignment %.1f %% (%d placed unsure); sex chromosomes match in %d of %d%n",
                all,
                cells,
                100.0 * alone / all,
                100.0 * assigned / all,
                unsure,
                sexRight,
                cells);
        out.flush();
        return ExitCodes.OK;
    }

    /** The archive's labels: "1".."22", "23" = X, "24" = Y (also "X", "Y"); -1 for anything else. */
    static int labClass(String label) {
        if (label == null) {
            return -1;
        }
        String l = label.trim();
        if (l.equals("23")) {
            return ChromosomeClass.X;
        }
        if (l.equals("24")) {
            return ChromosomeClass.Y;
        }
        try {
            return ChromosomeClass.index(l);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
