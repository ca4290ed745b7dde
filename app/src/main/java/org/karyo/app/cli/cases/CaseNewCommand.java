package org.karyo.app.cli.cases;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo case new ACCESSION --patient ID}: a new case (and the patient, unless already known). */
@Command(name = "new", mixinStandardHelpOptions = true, description = "Creates a case (and its patient when new).")
final class CaseNewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCESSION", description = "the laboratory's accession number, unique")
    String accession;

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "the patient's identifier (MRN)")
    String patient;

    @Option(names = "--name", paramLabel = "NAME", description = "the patient's name (new patients only)")
    String name;

    @Option(names = "--sex", paramLabel = "SEX", description = "female, male or unknown (new patients only)")
    String sex;

    @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD", description = "ISO 8601 date (new patients only)")
    LocalDate birthDate;

    @Option(names = "--specimen", paramLabel = "TEXT", description = "e.g. \"Peripheral blood\"")
    String specimen;

    @Option(names = "--referral", paramLabel = "TEXT", description = "referral reason")
    String referral;

    @Option(names = "--received", paramLabel = "YYYY-MM-DD", description = "date received (default today)")
    LocalDate received;

    @Mixin
    CaseCommand.StoreOptions store;

    @Override
    public Integer call() {
        if (sex != null && !java.util.Set.of("female", "male", "unknown").contains(sex)) {
            spec.commandLine().getErr().println("--sex must be female, male or unknown, not " + sex);
            return CaseCommand.USAGE;
        }
        return CaseCommand.withStore(spec, store, (ws, out, err) -> {
            var patients = ws.store().patients();
            Patient p =
                    patients.findByIdentifier(patient).orElseGet(() -> patients.create(patient, name, birthDate, sex));
            CaseRecord c = ws.store()
                    .cases()
                    .create(
                            p.id(),
                            accession,
                            specimen,
                            referral,
                            null,
                            null,
                            null,
                            received == null ? LocalDate.now(ZoneId.systemDefault()) : received);
            out.println("case " + c.accession() + " created for patient " + p.identifier() + " in " + ws.dir());
            return CaseCommand.OK;
        });
    }
}
