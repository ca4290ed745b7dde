package org.karyo.trainingbridge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.karyo.trainingbridge.ModelRegistry;
import org.karyo.trainingbridge.RegisteredModel;
import org.karyo.trainingbridge.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo models}: the model registry. Without a subcommand, lists the models (* = active). */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "The model registry: list (default), activate, roll back, register, remove models.",
            "* marks the active model, which 'karyo count' uses when neither --model nor KARYO_MODEL is given."
        },
        subcommands = {
            ModelsCommand.Activate.class,
            ModelsCommand.Rollback.class,
            ModelsCommand.Register.class,
            ModelsCommand.Remove.class,
            ModelsCommand.Show.class,
            ModelsVerify.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (the message says why; nothing changed)", "2:unknown model id"})
public final class ModelsCommand implements Callable<Integer> {

    static final int OK = 0, REFUSED = 1, USAGE = 2;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws RegistryException {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        List<RegisteredModel> models = registry.list();
        Optional<String> active = registry.activeId();
        out.println("model registry: " + registry.root());
        if (models.isEmpty()) {
            out.println("no models registered (train one with 'karyo train --data DIR', "
                    + "or add an ONNX file with 'karyo models register FILE')");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {" ", "ID", "NAME", "VERSION", "REGISTERED", "AP", "F1", "MEASURED", ""});
            for (RegisteredModel m : models) {
                rows.add(new String[] {
                    active.filter(m.id()::equals).isPresent() ? "*" : " ",
                    m.id(),
                    m.name(),
                    m.version(),
                    WHEN.format(m.registered()),
                    Comparison.pct(m.ap()),
                    Comparison.pct(m.f1()),
                    ModelsVerify.measured(m),
                    m.trained() ? "" : "untrained"
                });
            }
            table(out, rows);
            out.println("AP, F1: what the model's training reported (claimed); MEASURED: Karyo's own activation check "
                    + "(demo cells' mean count error; real cell's count), 'karyo models verify' checks the files");
        }
        if (active.isEmpty()) {
            out.println("no active model: 'karyo count' uses --model, KARYO_MODEL or the bundled model");
        } else if (models.stream().noneMatch(m -> m.id().equals(active.get()))) {
            out.println("the active model " + active.get() + " is missing: activate another one, or roll back");
        }
        out.flush();
        return OK;
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(w[i] - r[i].length());
                boolean number = i == 5 || i == 6;
                sb.append(number ? pad + r[i] : r[i] + pad).append("  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** An id as typed: exact, or an unambiguous prefix. */
    static String resolveId(ModelRegistry registry, String typed) throws UnknownId, RegistryException {
        if (registry.get(typed).isPresent()) {
            return typed;
        }
        List<String> matches = registry.list().stream()
                .map(RegisteredModel::id)
                .filter(id -> id.startsWith(typed))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new UnknownId(
                matches.isEmpty()
                        ? "no model '" + typed + "' in " + registry.root() + " (see 'karyo models')"
                        : "'" + typed + "' matches " + matches.size() + " models: " + String.join(", ", matches));
    }

    static final class UnknownId extends Exception {
        UnknownId(String message) {
            super(message);
        }
    }

    /** Shared body of the subcommands: run, print the result or the refusal, map it to an exit code. */
    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        interface Body {
            String run(ModelRegistry registry) throws RegistryException, UnknownId, IOException;
        }

        int run(Body body) {
            try {
                spec.commandLine().getOut().println(body.run(ModelRegistry.atDefaultLocation()));
                return OK;
            } catch (UnknownId e) {
                spec.commandLine().getErr().println(e.getMessage());
                return USAGE;
            } catch (RegistryException e) {
                spec.commandLine().getErr().println("refused: " + e.getMessage());
                return REFUSED;
            } catch (IOException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return REFUSED;
            } finally {
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().flush();
            }
        }
    }

    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description = "Make a model active, after checking its SHA-256 and the ONNX contract.")
    public static final class Activate extends Sub {
        @Parameters(paramLabel = "ID", description = "model id (or an unambiguous prefix)")
        String id;

        @Override
        public Integer call() {
            return run(r -> ModelsVerify.activated(r, r.activate(resolveId(r, id))));
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Make the previously active model active again.")
    public static final class Rollback extends Sub {
        @Override
        public Integer call() {
            return run(r -> ModelsVerify.activated(r, r.rollback()));
        }
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = "Add an ONNX model file (it must follow docs/onnx-contract.md).")
    public static final class Register extends Sub {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--activate", description = "also make it the active model")
        boolean activate;

        @Override
        public Integer call() {
            return run(r -> {
                RegisteredModel m = r.register(file, null, file.toAbsolutePath().toString());
                if (!activate) {
                    return "registered " + m.id();
                }
                try {
                    return "registered " + m.id() + "\n" + ModelsVerify.activated(r, r.activate(m.id()));
                } catch (RegistryException e) {
                    throw new RegistryException("registered " + m.id() + ", but not activated: " + e.getMessage(), e);
                }
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a model that is not active.")
    public static final class Remove extends Sub {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return run(r -> {
                String resolved = resolveId(r, id);
                r.remove(resolved);
                return "removed " + resolved;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a model's model.json.")
    public static final class Show extends Sub {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return run(r -> {
                RegisteredModel m = r.get(resolveId(r, id)).orElseThrow();
                return Files.readString(m.dir().resolve(ModelRegistry.MODEL_JSON))
                        .stripTrailing();
            });
        }
    }
}
