package org.karyo.app.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.karyo.core.geometry.RotatedBox;

/**
 * A second workstation in its own JVM, for the two-process tests: opens the store in a data
 * folder as another user, makes one kind of edit, prints what happened and exits.
 * {@code java ... OtherWorkstation DIR USER COMMAND ARGS...}
 */
public final class OtherWorkstation {

    private OtherWorkstation() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (CaseStore store = StoreFixtures.open(dir, args[1])) {
            String command = args[2];
            switch (command) {
                case "header" -> {
                    CaseRecord c = store.cases().find(Long.parseLong(args[3])).orElseThrow();
                    store.cases()
                            .update(new CaseRecord(
                                    c.id(),
                                    c.patientId(),
                                    c.accession(),
                                    args[4],
                                    c.referralReason(),
                                    c.culture(),
                                    c.bandLevel(),
                                    c.collected(),
                                    c.received(),
                                    c.status(),
                                    c.karyotype(),
                                    c.interpretation(),
                                    c.created(),
                                    c.version()));
                }
                case "patient" -> {
                    Patient p = store.patients().find(Long.parseLong(args[3])).orElseThrow();
                    store.patients()
                            .update(new Patient(p.id(), p.identifier(), args[4], p.birthDate(), p.sex(), p.version()));
                }
                case "result" -> StoreFixtures.setResult(store, Long.parseLong(args[3]), args[4], args[5]);
                case "move" -> {
                    long id = Long.parseLong(args[3]);
                    store.boxes()
                            .move(
                                    Map.of(
                                            id,
                                            RotatedBox.of(
                                                    Double.parseDouble(args[4]),
                                                    Double.parseDouble(args[5]),
                                                    20,
                                                    6,
                                                    0)),
                                    StoreFixtures.boxVersions(store, List.of(id)),
                                    "box.move");
                }
                case "increment" -> {
                    awaitStartSignal(dir, args[1]);
                    System.out.println(increment(store, Long.parseLong(args[3]), Integer.parseInt(args[4])));
                }
                case "append" -> {
                    awaitStartSignal(dir, args[1]);
                    System.out.println(
                            "conflicts=" + append(store, Long.parseLong(args[3]), args[4], Integer.parseInt(args[5])));
                }
                default -> throw new IllegalArgumentException(command);
            }
            System.out.println("done");
        }
    }

    /**
     * {@code n} read-modify-write edits of one case's interpretation, each appending one token, as
     * a person would: read the case, change it, save; on a conflict reload and make the change again.
     */
    static int append(CaseStore store, long caseId, String prefix, int n) {
        int conflicts = 0;
        for (int i = 0; i < n; i++) {
            while (true) {
                CaseRecord c = store.cases().find(caseId).orElseThrow();
                String before = c.interpretation() == null ? "" : c.interpretation();
                sleepQuietly(1); // the person types: another workstation may save meanwhile
                try {
                    store.cases().setKaryotype(caseId, c.version(), c.karyotype(), before + " " + prefix + i);
                    break;
                } catch (ConflictException e) {
                    conflicts++;
                    sleepQuietly(conflicts % 3);
                }
            }
        }
        return conflicts;
    }

    /**
     * {@code n} acknowledged read-modify-write edits of one box, each moving it 1 pixel right, as a
     * reviewer would: on a conflict reload and do it again; while the server is unreachable wait
     * and try again. Returns {@code ok=N conflicts=C unreachable=U}.
     */
    static String increment(CaseStore store, long boxId, int n) {
        int ok = 0;
        int conflicts = 0;
        int unreachable = 0;
        while (ok < n) {
            try {
                Box b = store.boxes().find(boxId).orElseThrow();
                RotatedBox g = b.geometry();
                store.boxes()
                        .move(
                                Map.of(boxId, RotatedBox.of(g.cx() + 1, g.cy(), g.w(), g.h(), g.angle())),
                                Map.of(boxId, b.version()),
                                "box.move");
                ok++;
            } catch (ConflictException e) {
                conflicts++;
            } catch (StoreException e) {
                if (!e.getMessage().contains("unreachable")) {
                    throw e;
                }
                unreachable++;
                sleepQuietly(200);
            }
        }
        return "ok=" + ok + " conflicts=" + conflicts + " unreachable=" + unreachable;
    }

    /**
     * Says this workstation is ready (file {@code ready-USER}: its store is open), then waits for
     * the test to create {@code go}, so that all workstations start editing together however long
     * each JVM took to start ({@link StoreFixtures#awaitReady}).
     */
    private static void awaitStartSignal(Path dir, String user) {
        try {
            java.nio.file.Files.createFile(dir.resolve("ready-" + user));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // a workstation of the same name ran before in this folder: it is ready all the same
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path go = dir.resolve("go");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!java.nio.file.Files.exists(go) && System.nanoTime() < deadline) {
            sleepQuietly(5);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
