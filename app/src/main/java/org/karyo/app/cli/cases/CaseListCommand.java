package org.karyo.app.cli.cases;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.karyo.app.review.CountTable;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo case list}: accession, patient, status, cells (reviewed), modal number, date created (ISO 8601). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the cases (archived ones with --all).")
final class CaseListCommand implements Callable<Integer> {

    static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "include archived cases")
    boolean all;

    @Option(
            names = "--search",
            paramLabel = "TEXT",
            description = "only cases whose accession or patient contains TEXT")
    String search;

    @Mixin
    CaseCommand.StoreOptions store;

    @Override
    public Integer call() {
        return CaseCommand.withStore(spec, store, (ws, out, err) -> {
            Map<Long, Patient> patients =
                    ws.store().patients().list().stream().collect(Collectors.toMap(Patient::id, p -> p));
            Set<Long> archived = ws.store().cases().archivedIds();
            String q = search == null ? "" : search.toLowerCase(Locale.ROOT);
            out.printf(
                    "%-16s %-16s %-22s %-15s %-6s %s%n",
                    "ACCESSION", "PATIENT", "STATUS", "CELLS (REVIEWED)", "MODAL", "CREATED");
            for (CaseRecord c : ws.store().cases().listAll()) {
                Patient p = patients.get(c.patientId());
                String who = p == null ? "?" : p.identifier();
                boolean hidden = !all && archived.contains(c.id());
                boolean unmatched = !q.isEmpty()
                        && !(c.accession() + " " + who).toLowerCase(Locale.ROOT).contains(q);
                if (hidden || unmatched) {
                    continue;
                }
                CountTable t = CountTable.of(ws.store().cells().list(c.id()));
                String status = (c.status() == CaseStatus.SIGNED_OFF ? "signed off" : "open")
                        + (archived.contains(c.id()) ? ", archived" : "");
                out.printf(
                        "%-16s %-16s %-22s %-16s %-6s %s%n",
                        c.accession(),
                        who,
                        status,
                        t.counted().size() + " (" + t.reviewed().size() + ")",
                        t.modalNumber() < 0 ? "-" : Integer.toString(t.modalNumber()),
                        DATE.format(c.created()));
            }
            return CaseCommand.OK;
        });
    }
}
