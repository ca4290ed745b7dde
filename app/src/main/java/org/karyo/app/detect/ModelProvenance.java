package org.karyo.app.detect;

import java.nio.file.Path;

/** Which model produced a cell's boxes: recorded with every detection run and printed in reports. */
public record ModelProvenance(String name, String version, String sha256, String provider, Path file) {

    public String label() {
        return name + " " + version;
    }
}
