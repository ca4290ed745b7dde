package org.karyo.trainingbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.karyo.trainingbridge.ModelRegistry;
import org.karyo.trainingbridge.RegisteredModel;
import org.karyo.trainingbridge.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo models verify}: every registered model (or those named) checked as a load would
 * check it: the stored file against its registered SHA-256 and size, the ONNX contract, trained
 * weights, not a different file under the bundled default's name; and what the activation check
 * measured. Exit 1 when any model fails, naming it and why.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check every registered model's file (SHA-256, size, ONNX contract, trained, identity) "
                + "and show what its activation check measured.")
final class ModelsVerify implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ID", description = "model ids (default: all)")
    List<String> ids;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        List<RegisteredModel> models = registry.list();
        if (ids != null && !ids.isEmpty()) {
            models = models.stream()
                    .filter(m -> ids.stream().anyMatch(m.id()::startsWith))
                    .toList();
        }
        Optional<String> active = registry.activeId();
        int failed = 0;
        for (RegisteredModel m : models) {
            String mark = active.filter(m.id()::equals).isPresent() ? "* " : "  ";
            try {
                registry.verifyForUse(m);
                out.println(mark + "ok      " + m.id() + "  (" + measured(m) + ")");
            } catch (RegistryException e) {
                failed++;
                out.println(mark + "FAILED  " + m.id() + ": " + e.getMessage());
            }
        }
        if (active.isPresent() && registry.get(active.get()).isEmpty()) {
            failed++;
            out.println("FAILED  the active model " + active.get() + " is missing or its model.json unreadable");
        }
        out.println(models.size() + " model(s) checked, " + failed + " failed");
        out.flush();
        return failed == 0 ? ModelsCommand.OK : ModelsCommand.REFUSED;
    }

    /**
     * The line an activation prints: the active model, and a warning when it carries no
     * reference-output self-test (exported before it existed), so only counting checked it.
     */
    static String activated(ModelRegistry r, RegisteredModel m) {
        String line = "active model: " + m.id();
        JsonNode s = r.get(m.id()).map(RegisteredModel::measured).orElse(m.measured());
        if ("absent".equals(s.path("selfTest").asText())) {
            line += "\nWARNING: " + m.id() + " carries no reference-output self-test (exported before Karyo's "
                    + "exporter wrote one): weights corrupted without changing the counts much would not be "
                    + "noticed; re-export it to add one";
        }
        return line;
    }

    /** What the activation check measured, in one short phrase. */
    static String measured(RegisteredModel m) {
        JsonNode s = m.measured();
        if (s.isMissingNode() || !s.has("passed")) {
            return "not measured";
        }
        if (!m.sha256().equals(s.path("sha256").asText())) {
            return "measured on another file";
        }
        StringBuilder sb = new StringBuilder(s.path("passed").asBoolean() ? "passed" : "FAILED");
        sb.append(": ");
        switch (s.path("selfTest").asText()) {
            case "passed" -> sb.append("self-test ok, ");
            case "failed" -> sb.append("self-test FAILED, ");
            case "absent" -> sb.append("no self-test, ");
            default -> {} // measured before self-tests existed
        }
        sb.append(String.format(
                Locale.ROOT, "demo |err| %.1f", s.path("demoMeanAbsError").asDouble(Double.NaN)));
        if (s.has("realCell")) {
            sb.append(", real ")
                    .append(s.at("/realCell/count").asInt())
                    .append('/')
                    .append(s.at("/realCell/truth").asInt());
        }
        return sb.toString();
    }
}
