/**
 * Chromosome instance annotation (issue 6), pure Java, no JavaFX: the polygon model
 * ({@link org.karyo.annotation.InstancePolygon}, {@link org.karyo.annotation.AnnotatedImage}) with validity
 * checks; {@code mask} (trainer-identical rasterising, outline tracing, Zhang-Suen); {@code grabcut}
 * (refinement and seeding from detections); {@code truth} (what the trainer derives); {@code io} (LabelMe,
 * COCO, the trainer's dataset folder).
 */
package org.karyo.annotation;
