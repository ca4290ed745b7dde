package org.karyo.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** `karyo --version` prints the version set once in the parent pom (filtered into karyo-core). */
class TestKaryoVersion {

    @Test
    void versionIsThePoms() {
        StringWriter out = new StringWriter();
        picocli.CommandLine cl = Karyo.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--version"));
        assertEquals(
                "Karyo Workstation " + System.getProperty("karyo.pom.version"),
                out.toString().strip());
    }
}
