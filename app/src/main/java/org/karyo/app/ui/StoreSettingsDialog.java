package org.karyo.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.karyo.app.store.StoreSettings;
import org.karyo.app.store.StoreSettings.Credentials;

/**
 * Which case store the workstation opens: its own SQLite file or the laboratory's PostgreSQL
 * server. No password field: the password stays in the password file or the OS keyring. "Test
 * connection" logs in off the UI thread; the choice is used at the next start.
 */
final class StoreSettingsDialog extends Dialog<StoreSettings> {

    final RadioButton local = new RadioButton("This workstation only (SQLite in the data folder)");
    final RadioButton server = new RadioButton("The laboratory's server (PostgreSQL)");
    final TextField host = new TextField(), port = new TextField(), database = new TextField();
    final TextField user = new TextField(), passfile = new TextField();
    final RadioButton fromFile = new RadioButton("Password file"), fromKeyring = new RadioButton("OS keyring");
    final Button test = new Button("Test connection");
    final Label result = new Label();

    StoreSettingsDialog(StoreSettings current, String osUser, BiFunction<String, String, String> tester) {
        setTitle("Case store");
        setHeaderText("Where this workstation keeps its cases (used at the next start)");
        new ToggleGroup().getToggles().addAll(local, server);
        new ToggleGroup().getToggles().addAll(fromFile, fromKeyring);
        (current.server() ? server : local).setSelected(true);
        (current.credentials() == Credentials.KEYRING ? fromKeyring : fromFile).setSelected(true);
        host.setText(current.host());
        port.setText(Integer.toString(current.port()));
        database.setText(current.database());
        user.setText(current.user());
        user.setPromptText(osUser);
        passfile.setText(current.passfile());
        passfile.setPromptText(StoreSettings.defaultPassfile().toString());
        result.setWrapText(true);
        result.setPrefWidth(460);
        result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        test.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ids();
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        g.add(local, 0, 0, 2, 1);
        g.add(server, 0, 1, 2, 1);
        g.addRow(2, new Label("Host"), host);
        g.addRow(3, new Label("Port"), port);
        g.addRow(4, new Label("Database"), database);
        g.addRow(5, new Label("Login"), user);
        g.addRow(6, new Label("Password from"), new HBox(8, fromFile, fromKeyring));
        g.addRow(7, new Label("Password file"), passfile);
        g.add(test, 0, 8, 2, 1);
        g.add(result, 0, 9, 2, 1);
        for (var n : java.util.List.of(host, port, database, user, fromFile, fromKeyring, test)) {
            n.disableProperty().bind(local.selectedProperty());
        }
        passfile.disableProperty().bind(local.selectedProperty().or(fromKeyring.selectedProperty()));
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        test.setOnAction(e -> test(osUser, tester));
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            if (settings().isEmpty()) {
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? settings().orElse(null) : null);
    }

    private void ids() {
        local.setId("storeLocal");
        server.setId("storeServer");
        host.setId("serverHost");
        port.setId("serverPort");
        database.setId("serverDatabase");
        user.setId("serverUser");
        passfile.setId("serverPassfile");
        fromKeyring.setId("serverKeyring");
        test.setId("testConnection");
        result.setId("connectionResult");
    }

    /** What the fields say, or empty with the reason shown when they are not a store. */
    Optional<StoreSettings> settings() {
        try {
            // the local store ignores the server fields: a half-typed port does not block going back to it
            int p = server.isSelected() || port.getText().strip().matches("\\d{1,5}")
                    ? Integer.parseInt(port.getText().strip())
                    : 5432;
            return Optional.of(new StoreSettings(
                    server.isSelected(),
                    host.getText(),
                    p,
                    database.getText(),
                    user.getText(),
                    fromKeyring.isSelected() ? Credentials.KEYRING : Credentials.PGPASS,
                    passfile.getText()));
        } catch (NumberFormatException e) {
            result.setText("The port is not a number.");
        } catch (RuntimeException e) {
            result.setText(e.getMessage());
        }
        return Optional.empty();
    }

    /** Logs in on a worker thread (a server that does not answer takes up to 10 s) and shows the answer. */
    private void test(String osUser, BiFunction<String, String, String> tester) {
        Optional<StoreSettings> s = settings();
        if (s.isEmpty()) {
            return;
        }
        String url = s.get().url();
        test.disableProperty().unbind();
        test.setDisable(true);
        result.setText("Connecting to " + s.get().describe() + " …");
        Thread t = new Thread(
                () -> {
                    String answer;
                    try {
                        answer = tester.apply(url, osUser);
                    } catch (RuntimeException e) {
                        answer = "Not connected: " + e.getMessage();
                    }
                    String shown = answer;
                    Platform.runLater(() -> {
                        result.setText(shown);
                        // the answer may take three lines: grow the dialog so OK stays in view
                        getDialogPane().getScene().getWindow().sizeToScene();
                        test.disableProperty().bind(local.selectedProperty());
                    });
                },
                "test-store-connection");
        t.setDaemon(true);
        t.start();
    }

    /** Asks, saves into {@code dataDir}, and says that the choice applies at the next start. */
    static Optional<StoreSettings> edit(Path dataDir, String osUser, Consumer<String> status) {
        StoreSettings current;
        try {
            current = StoreSettings.read(dataDir);
        } catch (RuntimeException e) {
            status.accept(e.getMessage());
            current = StoreSettings.local();
        }
        return new StoreSettingsDialog(current, osUser, org.karyo.app.store.ServerConnection::test)
                .showAndWait()
                .flatMap(s -> {
                    try {
                        s.write(dataDir);
                        status.accept("Case store saved: " + s.describe() + ". Restart Karyo to use it.");
                        return Optional.of(s);
                    } catch (java.io.IOException | RuntimeException e) {
                        status.accept("Case store settings not saved: " + e.getMessage());
                        return Optional.empty();
                    }
                });
    }
}
