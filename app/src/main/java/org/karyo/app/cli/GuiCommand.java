package org.karyo.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.karyo.app.ui.KaryoGui;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code karyo gui}: opens the review workstation. */
@Command(
        name = "gui",
        mixinStandardHelpOptions = true,
        description = {
            "Opens the review workstation: patient cases, detection, box editing, counts, sign-off.",
            "Cases live in the user's data folder (KARYO_DATA, default ~/.local/share/karyo)."
        })
public final class GuiCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (case database, images, models)")
    Path data;

    @Option(names = "--model", paramLabel = "FILE", description = "detect with this model instead of the active one")
    Path model;

    @Option(names = "--cpu", description = "never use the GPU")
    boolean cpu;

    @Option(
            names = "--user",
            paramLabel = "LOGIN",
            description = "work as this named profile (default: the OS account)")
    String user;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = {
                "the laboratory's case store on a PostgreSQL server, "
                        + "postgresql://host[:port]/database[?user=LOGIN]; the password comes from ~/.pgpass (mode 0600), never from "
                        + "the command line (docs/lab-server.md)"
            })
    String db;

    @Override
    public Integer call() {
        if (data != null) {
            System.setProperty("karyo.data", data.toAbsolutePath().toString());
        }
        if (db != null) {
            System.setProperty(org.karyo.app.Workspace.SERVER_PROPERTY, db);
        }
        KaryoGui.launch(new KaryoGui.Options(data == null ? null : data.toAbsolutePath(), model, cpu, user));
        return 0;
    }
}
