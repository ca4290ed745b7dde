package org.karyo.app.cli.cases;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoreSettings;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code karyo case}: cases from the command line, for scanners that drop files and laboratories
 * that script: new, import, detect, list, sign. Every change goes through the same store, checks
 * and audit trail as the window.
 */
@Command(
        name = "case",
        mixinStandardHelpOptions = true,
        description = {
            "Creates, fills, detects, lists and signs cases in the case store (the same one the window uses)."
        },
        subcommands = {
            CaseNewCommand.class,
            CaseImportCommand.class,
            CaseDetectCommand.class,
            CaseListCommand.class,
            CaseSignCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:some of the work failed (the message says which)",
            "2:bad arguments or unknown case"
        })
public final class CaseCommand implements Runnable {

    static final int OK = 0, FAILED = 1, USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every {@code karyo case} subcommand takes. */
    static final class StoreOptions {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data folder (default: KARYO_DATA, else ~/.local/share/karyo)")
        Path data;

        @Option(
                names = "--user",
                paramLabel = "LOGIN",
                description = "act as this named profile (default: the OS account)")
        String user;

        @Option(
                names = "--model",
                paramLabel = "FILE",
                description = "detect with this model instead of the active one")
        Path model;

        @Option(names = "--cpu", description = "never use the GPU")
        boolean cpu;

        @Option(
                names = "--db",
                paramLabel = "URL",
                description = "the lab server's case store, postgresql://host[:port]/database[?user=LOGIN] "
                        + "(password from ~/.pgpass, never the command line; default: the store the "
                        + "workstation's settings name, else the data folder's)")
        String db;

        Workspace open() throws java.io.IOException {
            if (db != null && !StoreSettings.isServerAddress(db)) {
                throw new StoreException("--db takes a lab server, postgresql://host/database; "
                        + "for another workstation's SQLite store use --data DIR");
            }
            Path dir = data != null ? data.toAbsolutePath() : KaryoData.dir();
            Workspace ws = Workspace.open(dir, System.getProperty("user.name", "user"), model, !cpu, db);
            if (user != null) {
                try {
                    ws.store().users().switchTo(user);
                } catch (RuntimeException e) {
                    ws.close();
                    throw e;
                }
            }
            return ws;
        }
    }

    static CaseRecord require(Workspace ws, String accession) {
        return ws.store()
                .cases()
                .findByAccession(accession)
                .orElseThrow(() -> new StoreException(
                        "no case with accession " + accession + " (karyo case list shows the cases)"));
    }

    /** Runs {@code body} with an open workspace; a store refusal becomes one line on stderr. */
    static int withStore(CommandSpec spec, StoreOptions o, Body body) {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try (Workspace ws = o.open()) {
            return body.run(ws, out, err);
        } catch (StoreException e) {
            err.println(e.getMessage());
            return e.getMessage() != null && e.getMessage().startsWith("no case with accession") ? USAGE : FAILED;
        } catch (Exception e) {
            err.println(e.getMessage() == null ? e.toString() : e.getMessage());
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The work of one subcommand. */
    @FunctionalInterface
    interface Body {
        int run(Workspace ws, PrintWriter out, PrintWriter err) throws Exception;
    }
}
