package org.karyo.annotation.truth;

import java.util.List;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Pixel;
import org.karyo.core.geometry.RotatedBox;

/**
 * What the trainer derives from one instance polygon: its rotated box (minimum-area rectangle), its
 * mask, its Zhang-Suen skeleton, and whether that skeleton meets another instance's (the trainer's
 * {@code crossing} flag) at which skeleton pixels.
 */
public record InstanceTruth(
        int id, RotatedBox box, BinaryMask mask, List<Pixel> skeleton, boolean crossing, List<Pixel> meetingPixels) {

    public InstanceTruth {
        skeleton = List.copyOf(skeleton);
        meetingPixels = List.copyOf(meetingPixels);
    }
}
