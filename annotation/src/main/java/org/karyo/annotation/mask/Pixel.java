package org.karyo.annotation.mask;

/** One image pixel by column {@code x} and row {@code y}; its centre is (x + 0.5, y + 0.5). */
public record Pixel(int x, int y) {}
