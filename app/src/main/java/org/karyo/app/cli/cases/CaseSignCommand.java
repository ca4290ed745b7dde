package org.karyo.app.cli.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karyo.app.report.LaboratorySettings;
import org.karyo.app.review.CountTable;
import org.karyo.app.signoff.SignOffCheck;
import org.karyo.app.signoff.SignOffChecks;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo case sign ACCESSION}: the window's sign-off checks on the command line. Prints every
 * check; signs only when all pass, or when a lab lead overrides each failed one with a reason.
 */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the sign-off checks and signs the case when they pass.",
            "A lab lead may sign past a failed check with --override CHECK=REASON (audited)."
        })
final class CaseSignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCESSION", description = "the case")
    String accession;

    @Option(names = "--karyotype", paramLabel = "ISCN", description = "the result to sign (default: the one saved)")
    String karyotype;

    @Option(names = "--full-name", paramLabel = "NAME", description = "your full name, saved in your profile")
    String fullName;

    @Option(names = "--override", paramLabel = "CHECK=REASON", description = "lab lead: sign past CHECK, for REASON")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--check-only", description = "print the checks, sign nothing")
    boolean checkOnly;

    @Mixin
    CaseCommand.StoreOptions store;

    @Override
    public Integer call() {
        return CaseCommand.withStore(spec, store, (ws, out, err) -> {
            CaseRecord c = CaseCommand.require(ws, accession);
            var s = ws.store();
            if (karyotype != null && !checkOnly) {
                c = s.cases().setKaryotype(c.id(), c.version(), karyotype, c.interpretation());
            }
            if (fullName != null && !checkOnly) {
                s.users().setFullName(s.users().current().login(), fullName);
            }
            var user = s.users().current();
            String sex = s.patients().find(c.patientId()).map(Patient::sex).orElse(null);
            String result = karyotype != null ? karyotype : c.karyotype();
            List<SignOffCheck> checks = SignOffChecks.run(
                    CountTable.of(s.cells().list(c.id())),
                    result,
                    sex,
                    LaboratorySettings.read(ws.dir()).complete(),
                    user.login(),
                    fullName != null ? fullName : user.displayName(),
                    org.karyo.app.signoff.AcceptedKaryograms.of(s, c.id()));
            for (SignOffCheck k : checks) {
                out.println((k.passed() ? "  ok    " : "  FAIL  ") + k.kind().name() + ": " + k.reason());
            }
            if (checkOnly) {
                return SignOffChecks.failed(checks).isEmpty() ? CaseCommand.OK : CaseCommand.FAILED;
            }
            Map<String, String> needed = new LinkedHashMap<>();
            for (SignOffCheck k : SignOffChecks.failed(checks)) {
                String why = overrides.get(k.kind().name());
                if (why == null || why.isBlank() || k.kind() == SignOffCheck.Kind.SIGNER_NAME) {
                    err.println("not signed: " + k.kind().name() + " fails"
                            + (k.kind() == SignOffCheck.Kind.SIGNER_NAME
                                    ? " (give --full-name)"
                                    : " (fix it, or as lab lead --override "
                                            + k.kind().name() + "=REASON)"));
                    return CaseCommand.FAILED;
                }
                needed.put(k.kind().name(), why);
            }
            boolean locked = s.signatures().sign(c.id(), c, needed);
            out.println(
                    locked
                            ? "case " + c.accession() + " signed off by "
                                    + s.users().current().displayName()
                            : "signed by " + s.users().current().displayName() + "; case " + c.accession()
                                    + " awaits a second signature");
            return CaseCommand.OK;
        });
    }
}
