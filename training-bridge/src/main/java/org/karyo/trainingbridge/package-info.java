/** Launches the PyTorch DeepCHM trainer, streams its progress and keeps the model registry (issue 3). */
package org.karyo.trainingbridge;
