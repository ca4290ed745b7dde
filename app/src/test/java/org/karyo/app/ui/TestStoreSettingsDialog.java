package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.Engine;
import org.karyo.app.store.ServerConnection;
import org.karyo.app.store.StoreSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File > Case store…: a user types the laboratory server (the real test server), tests the
 * connection (off the UI thread), saves; the next start of the workspace opens the server store.
 * No password is typed, shown or saved.
 */
@ExtendWith(ApplicationExtension.class)
class TestStoreSettingsDialog {

    @TempDir
    Path data;

    private StoreSettingsDialog dialog;
    private volatile String testedOn;

    @Start
    void start(Stage stage) {
        dialog = new StoreSettingsDialog(StoreSettings.local(), "dr.lee", (url, user) -> {
            testedOn = Thread.currentThread().getName();
            return ServerConnection.test(url, user);
        });
        dialog.show();
    }

    @Test
    void testsTheServerOffTheUiThreadAndSavesItWithoutThePassword(FxRobot robot) throws Exception {
        String base = System.getenv("KARYO_TEST_PG_URL"), passfile = System.getenv("PGPASSFILE");
        if (base == null || passfile == null) {
            String why = "no PostgreSQL test server: start one with eval \"$(.ci/postgres-test-server.sh start)\"";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        URI u = new URI(base);
        String login = u.getQuery().replaceFirst(".*user=([^&]+).*", "$1");
        assertTrue(robot.lookup("#testConnection").query().isDisabled(), "local store: nothing to test");

        robot.clickOn("#storeServer");
        fill(robot, "#serverHost", u.getHost());
        fill(robot, "#serverPort", Integer.toString(u.getPort()));
        fill(robot, "#serverDatabase", u.getPath().substring(1));
        fill(robot, "#serverUser", login);
        fill(robot, "#serverPassfile", passfile + ".missing");
        robot.clickOn("#testConnection");
        String answer = awaitAnswer(robot);
        assertTrue(answer.startsWith("Not connected") && answer.contains(".missing"), answer);

        fill(robot, "#serverPassfile", passfile);
        robot.clickOn("#testConnection");
        answer = awaitAnswer(robot);
        assertTrue(answer.startsWith("Connected to PostgreSQL 1"), answer);
        assertTrue(answer.contains(login + "@" + u.getHost()), answer);
        assertTrue(testedOn.startsWith("test-store-connection"), "tested on " + testedOn);
        String line = Files.readString(Path.of(passfile)).strip();
        // host:port:database:user:password
        String password = line.substring(line.lastIndexOf(':') + 1);
        assertFalse(answer.contains(password), "the answer shows the password");
        // for looking at: target/store-settings-dialog.png
        javafx.scene.image.WritableImage shot =
                FxThread.call(() -> dialog.getDialogPane().getScene().snapshot(null));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(shot, null),
                "png",
                Path.of("target/store-settings-dialog.png").toFile());

        robot.interact(
                () -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        StoreSettings saved = dialog.getResult();
        assertTrue(saved.server());
        saved.write(data);
        String file = Files.readString(data.resolve(StoreSettings.FILE));
        assertFalse(file.contains(password), "the settings file holds the password");
        assertTrue(file.contains("host=" + u.getHost()), file);
        assertEquals(saved, StoreSettings.read(data));

        // the next start: the workspace opens the saved server store, not an SQLite file
        try (Workspace ws = Workspace.open(data, "dr.lee", null, false)) {
            assertEquals(Engine.POSTGRESQL, ws.store().engine());
            assertFalse(Files.exists(data.resolve(Workspace.DATABASE)));
        }
    }

    @Test
    void refusesAPortThatIsNotANumber(FxRobot robot) {
        robot.clickOn("#storeServer");
        fill(robot, "#serverHost", "labserver");
        fill(robot, "#serverPort", "54x");
        robot.interact(
                () -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialog.isShowing(), "OK with a bad port closed the dialog");
        assertEquals("The port is not a number.", text(robot));
        robot.interact(() -> ((RadioButton) robot.lookup("#storeLocal").query()).fire());
        robot.interact(
                () -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        assertEquals(Optional.of(false), Optional.ofNullable(dialog.getResult()).map(StoreSettings::server));
    }

    private static void fill(FxRobot robot, String id, String text) {
        robot.interact(() ->
                robot.lookup(id).queryAs(javafx.scene.control.TextField.class).setText(text));
    }

    private static String text(FxRobot robot) {
        return robot.lookup("#connectionResult").queryAs(Label.class).getText();
    }

    private static String awaitAnswer(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !text(robot).isEmpty() && !text(robot).startsWith("Connecting"));
        return text(robot);
    }
}
