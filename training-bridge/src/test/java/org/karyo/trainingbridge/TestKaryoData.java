package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karyo.inference.model.KaryoData;

/** Where the registry lives: karyo.data property, $KARYO_DATA, $XDG_DATA_HOME/karyo, ~/.local/share/karyo. */
class TestKaryoData {

    static Path dir(Map<String, String> props, Map<String, String> env) {
        return KaryoData.dir(k -> k.equals("user.home") ? "/home/u" : props.get(k), env);
    }

    @Test
    void precedence() {
        Map<String, String> env = Map.of("KARYO_DATA", "/env/data", "XDG_DATA_HOME", "/xdg");
        assertEquals(Path.of("/prop"), dir(Map.of("karyo.data", "/prop"), env));
        assertEquals(Path.of("/env/data"), dir(Map.of(), env));
        assertEquals(Path.of("/xdg/karyo"), dir(Map.of(), Map.of("XDG_DATA_HOME", "/xdg")));
        assertEquals(Path.of("/home/u/.local/share/karyo"), dir(Map.of(), Map.of()));
        assertEquals(
                Path.of("/home/u/.local/share/karyo"),
                dir(Map.of(), Map.of("XDG_DATA_HOME", "relative/x")),
                "relative XDG values are invalid by the spec");
        assertEquals(Path.of("/home/u/.local/share/karyo"), dir(Map.of("karyo.data", " "), Map.of("KARYO_DATA", "")));
    }
}
