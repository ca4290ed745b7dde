/** Chromosome polygons, GrabCut refinement and LabelMe/COCO/YOLO datasets (issue 6). Pure Java, no JavaFX. */
package org.karyo.annotation;
