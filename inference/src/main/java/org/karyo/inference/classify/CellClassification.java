package org.karyo.inference.classify;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import java.util.List;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.Polarity;
import org.opencv.core.Mat;

/**
 * One cell classified and assigned: the image (dark on bright), the classifier's calls, the
 * proposed karyotype and how long classification took.
 */
public record CellClassification(
        GreyImage image, List<ChromosomeCall> calls, CellKaryotype karyotype, long classifyNanos) {

    /** Reads an image as the classifier sees it: 8-bit grey, fluorescence inverted. */
    public static GreyImage read(Path file) throws ImageReadException {
        Mat grey = MetaphaseImageReader.readGrey(file, 255);
        try {
            Polarity.AUTO.apply(grey, 255);
            return GreyImage.of(grey);
        } finally {
            grey.release();
        }
    }

    public static CellClassification run(ChromosomeClassifier classifier, GreyImage image, List<RotatedBox> boxes)
            throws OrtException {
        long t0 = System.nanoTime();
        List<ChromosomeCall> calls = classifier.classify(image, boxes);
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        return new CellClassification(image, calls, k, System.nanoTime() - t0);
    }
}
