package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** {@code history.jsonl}: one line per activation or rollback, replayed to find what to roll back to. */
final class ActivationHistory {

    private final Path file;

    ActivationHistory(Path file) {
        this.file = file;
    }

    List<ModelRegistry.Activation> read() {
        List<ModelRegistry.Activation> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n = TrainingEvent.tryJson(line);
                if (n != null && n.hasNonNull("id")) { // a line cut short by a crash is skipped
                    out.add(new ModelRegistry.Activation(
                            Instant.parse(n.path("time").asText(Instant.EPOCH.toString())),
                            n.path("action").asText(),
                            n.get("id").asText(),
                            n.path("previous").asText(null)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the history only serves rollback: unreadable means "nothing to roll back to"
        }
        return out;
    }

    void append(String action, String id, String previous) throws IOException {
        ObjectNode h = AtomicFiles.JSON.createObjectNode();
        h.put("time", Instant.now().toString());
        h.put("action", action);
        h.put("id", id);
        h.put("previous", previous);
        AtomicFiles.appendLine(file, AtomicFiles.jsonLine(h));
    }

    /** Activate pushes, rollback pops back to its target; the top is the most recent active id. */
    Deque<String> stack() {
        Deque<String> stack = new ArrayDeque<>();
        for (ModelRegistry.Activation a : read()) {
            if (a.action().equals("rollback")) {
                while (!stack.isEmpty() && !stack.peek().equals(a.id())) {
                    stack.pop();
                }
            }
            if (stack.isEmpty() || !stack.peek().equals(a.id())) {
                stack.push(a.id());
            }
        }
        return stack;
    }
}
