package org.karyo.app.ui.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.karyo.core.logging.Background;
import org.karyo.inference.model.KaryoData;
import org.karyo.trainingbridge.ExportRegistration;
import org.karyo.trainingbridge.ModelRegistry;
import org.karyo.trainingbridge.PythonEnvironment;
import org.karyo.trainingbridge.RegisteredModel;
import org.karyo.trainingbridge.RegistryException;
import org.karyo.trainingbridge.TrainerCommand;
import org.karyo.trainingbridge.TrainerOptions;
import org.karyo.trainingbridge.TrainingEvent;
import org.karyo.trainingbridge.TrainingOutcome;
import org.karyo.trainingbridge.TrainingRun;
import org.karyo.trainingbridge.TrainingSettings;

/**
 * Trains on the exported dataset through the training bridge: live loss and validation charts,
 * Cancel (the trainer saves a checkpoint), then the new model's metrics beside the active one's
 * and Activate. The registry is the data folder's ({@link ModelRegistry#atDefaultLocation()}).
 */
public final class TrainingPane extends VBox {

    private static final System.Logger LOG = System.getLogger(TrainingPane.class.getName());

    /** Writes the dataset to train on; called off the FX thread. */
    @FunctionalInterface
    public interface DatasetSource {
        Path export() throws Exception;
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final DatasetSource dataset;
    private final Consumer<String> status;
    private final ComboBox<String> preset = new ComboBox<>();
    private final TextField maxSteps = new TextField("2000");
    private final TextField inputSize = new TextField();
    private final Label state = new Label("Train a detector on the annotated cells");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final XYChart.Series<Number, Number> loss = series("loss");
    private final XYChart.Series<Number, Number> valLoss = series("validation loss");
    private final XYChart.Series<Number, Number> ap = series("AP");
    private final XYChart.Series<Number, Number> f1 = series("F1");
    private final GridPane comparison = new GridPane();
    private final Button activate;
    private final ListView<String> models = new ListView<>();
    private volatile TrainingRun run;
    private RegisteredModel trained;

    public TrainingPane(DatasetSource dataset, Consumer<String> status) {
        this.dataset = dataset;
        this.status = status;
        setSpacing(6);
        setPadding(new Insets(6));
        preset.setId("trainPreset");
        preset.getItems().setAll(TrainerOptions.bundled().presets()); // the trainer's own, from its option description
        preset.setValue("lite");
        maxSteps.setId("trainSteps");
        maxSteps.setPrefColumnCount(6);
        inputSize.setId("trainInput");
        inputSize.setPromptText("512x768");
        inputSize.setPrefColumnCount(7);
        state.setId("trainingState");
        Button train = Actions.button("Train", "train", this::train);
        Button cancel = Actions.button("Cancel", "cancelTraining", this::cancel);
        train.disableProperty().bind(running);
        cancel.disableProperty().bind(running.not());
        activate = Actions.button("Activate new model", "activateModel", this::activate);
        activate.setDisable(true);
        HBox controls = new HBox(
                6,
                fixed(new Label("Preset")),
                preset,
                fixed(new Label("Steps")),
                maxSteps,
                fixed(new Label("Input")),
                inputSize,
                fixed(train),
                fixed(cancel));
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        LineChart<Number, Number> lossChart = chart("Training loss", loss, valLoss);
        lossChart.setId("lossChart");
        LineChart<Number, Number> metricChart = chart("Validation", ap, f1);
        metricChart.setId("metricChart");
        HBox charts = new HBox(6, lossChart, metricChart);
        HBox.setHgrow(lossChart, Priority.ALWAYS);
        HBox.setHgrow(metricChart, Priority.ALWAYS);
        comparison.setId("modelComparison");
        comparison.setHgap(14);
        comparison.setVgap(2);
        models.setId("modelList");
        models.setPrefHeight(90);
        HBox results = new HBox(12, comparison, new VBox(4, fixed(activate)), models);
        models.setMinWidth(260);
        HBox.setHgrow(models, Priority.ALWAYS);
        getChildren().addAll(controls, state, charts, results);
        VBox.setVgrow(charts, Priority.ALWAYS);
        refreshModels();
    }

    private static <T extends javafx.scene.layout.Region> T fixed(T r) {
        r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return r;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    @SafeVarargs
    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number>... s) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(true);
        c.setMinHeight(160);
        c.getData().addAll(s);
        return c;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ComboBox<String> preset() {
        return preset;
    }

    public TextField maxSteps() {
        return maxSteps;
    }

    public TextField inputSize() {
        return inputSize;
    }

    public Label state() {
        return state;
    }

    public ListView<String> models() {
        return models;
    }

    /** The model this pane registered last, or null. */
    public RegisteredModel trained() {
        return trained;
    }

    public List<XYChart.Series<Number, Number>> series() {
        return List.of(loss, valLoss, ap, f1);
    }

    // ---- the run -------------------------------------------------------------------------------

    private void train() {
        long steps;
        try {
            steps = Long.parseLong(maxSteps.getText().strip());
            if (steps < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            say("steps must be a whole number above 0");
            return;
        }
        String input =
                inputSize.getText().isBlank() ? null : inputSize.getText().strip();
        String p = preset.getValue();
        running.set(true);
        trained = null;
        activate.setDisable(true);
        comparison.getChildren().clear();
        series().forEach(s -> s.getData().clear());
        say("exporting the dataset…");
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                Path data = dataset.export();
                fx(() -> say("looking for Python with PyTorch…"));
                PythonEnvironment py = PythonEnvironment.find();
                Path runDir = KaryoData.dir()
                        .resolve("runs")
                        .resolve(LocalDateTime.now(ZoneId.systemDefault()).format(STAMP));
                // validate once per epoch: a short run still reports validation metrics
                TrainingSettings settings = TrainingSettings.builder(data, runDir)
                        .preset(p)
                        .maxSteps(steps)
                        .stepsPerEpoch((int) Math.min(steps, 100))
                        .epochs((int) Math.max(1, (steps + 99) / 100))
                        .input(input)
                        .name("karyo-" + p)
                        .build();
                TrainerCommand command = TrainerCommand.deepchm(py, settings, TrainerCommand.defaultTrainerDir());
                run = TrainingRun.start(command, e -> fx(() -> onEvent(e)));
                fx(() -> say("training (" + p + ", " + steps + " steps) — log: " + run.log()));
                TrainingOutcome outcome = run.await();
                finish(outcome, runDir);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "training not started", e);
                fx(() -> {
                    running.set(false);
                    say("training not started: " + Actions.rootMessage(e));
                });
            }
        });
        Background.logFailure(started, TrainingPane.class, "training");
    }

    private void onEvent(TrainingEvent e) {
        JsonNode d = e.data();
        if (e.is(TrainingEvent.STEP)) {
            long step = e.step().orElse(loss.getData().size());
            JsonNode total = d.path("loss").path("total");
            if (total.isNumber()) {
                loss.getData().add(new XYChart.Data<>(step, total.asDouble()));
            }
            state.setText("step " + step + " of " + d.path("steps_total").asText("?")
                    + (d.path("eta_s").isNumber()
                            ? String.format(
                                    ", about %.0f s left", d.path("eta_s").asDouble())
                            : ""));
        } else if (e.is(TrainingEvent.VALIDATION)) {
            long step = e.step().orElse(0);
            JsonNode m = d.path("metrics");
            add(valLoss, step, m.path("loss"));
            add(ap, step, m.path("ap"));
            add(f1, step, m.path("f1"));
        } else if (e.is(TrainingEvent.ERROR)) {
            say("trainer error: " + e.text("message"));
        }
    }

    private static void add(XYChart.Series<Number, Number> s, long step, JsonNode v) {
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
            s.getData().add(new XYChart.Data<>(step, v.asDouble()));
        }
    }

    /** Off the FX thread: registers a finished run's export, evaluated in Java on its validation split. */
    private void finish(TrainingOutcome outcome, Path runDir) {
        if (!outcome.ok() || outcome.exportedModel() == null) {
            fx(() -> {
                running.set(false);
                say(outcome.message());
            });
            return;
        }
        fx(() -> say("evaluating the new model on the validation patients…"));
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        Optional<RegisteredModel> active = registry.active();
        try {
            ExportRegistration.Registered reg =
                    ExportRegistration.register(registry, outcome, runDir, false, true, l -> {});
            fx(() -> {
                running.set(false);
                trained = reg.model();
                showComparison(reg.model(), active.orElse(null));
                activate.setDisable(false);
                refreshModels();
                say("registered " + reg.model().id() + (reg.note() != null ? " (" + reg.note() + ")" : ""));
            });
        } catch (RegistryException e) {
            LOG.log(System.Logger.Level.WARNING, "the trained model was not registered", e);
            fx(() -> {
                running.set(false);
                say("the model was not registered: " + e.getMessage());
            });
        }
    }

    private void showComparison(RegisteredModel fresh, RegisteredModel active) {
        comparison.getChildren().clear();
        comparison.getColumnConstraints().setAll(new javafx.scene.layout.ColumnConstraints(110));
        comparison.addRow(
                0,
                new Label(""),
                bold("new: " + fresh.id()),
                bold(active == null ? "no active model" : "active: " + active.id()));
        comparison.addRow(
                1, new Label("AP"), value(fresh.ap()), value(active == null ? OptionalDouble.empty() : active.ap()));
        comparison.addRow(
                2, new Label("F1"), value(fresh.f1()), value(active == null ? OptionalDouble.empty() : active.f1()));
        comparison.addRow(
                3,
                new Label("validation loss"),
                value(number(fresh.metrics().path("trainer").path("loss"))),
                value(
                        active == null
                                ? OptionalDouble.empty()
                                : number(active.metrics().path("trainer").path("loss"))));
        // the operating point is what a reviewer's counts come from; a new model's is calibrated on the validation
        // cells
        comparison.addRow(
                4,
                new Label("score threshold"),
                value(operating(fresh, "threshold")),
                value(operating(active, "threshold")));
        comparison.addRow(
                5,
                new Label("cells counted exactly"),
                value(operating(fresh, "countExactShare")),
                value(operating(active, "countExactShare")));
    }

    private static OptionalDouble operating(RegisteredModel m, String field) {
        return m == null
                ? OptionalDouble.empty()
                : number(m.metrics().path("evaluation").path("operating").path(field));
    }

    private static OptionalDouble number(JsonNode n) {
        return n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private static Label value(OptionalDouble v) {
        return new Label(v.isPresent() ? String.format("%.3f", v.getAsDouble()) : "—");
    }

    private void cancel() {
        TrainingRun r = run;
        if (r != null && r.isRunning()) {
            r.cancel();
            say("cancelling: the trainer finishes its step and saves a checkpoint…");
        }
    }

    private void activate() {
        if (trained == null) {
            return;
        }
        try {
            ModelRegistry.atDefaultLocation().activate(trained.id());
            refreshModels();
            say("active model: " + trained.id() + " (the next detection run uses it)");
        } catch (RegistryException e) {
            LOG.log(System.Logger.Level.WARNING, "model not activated", e);
            say("not activated: " + e.getMessage());
        }
    }

    /** Lists the registry's models, the active one marked. */
    public void refreshModels() {
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        try {
            String activeId = registry.activeId().orElse("");
            models.getItems()
                    .setAll(registry.list().stream()
                            .map(m -> (m.id().equals(activeId) ? "● " : "  ")
                                    + m.id()
                                    + (m.ap().isPresent() ? String.format("  AP %.3f", m.ap().getAsDouble()) : ""))
                            .toList());
        } catch (RegistryException e) {
            models.getItems().setAll("cannot list models: " + e.getMessage());
        }
    }

    /** Cancels a running trainer (window closing). */
    public void shutdown() {
        cancel();
    }

    private void say(String text) {
        state.setText(text);
        status.accept(text);
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
    }
}
