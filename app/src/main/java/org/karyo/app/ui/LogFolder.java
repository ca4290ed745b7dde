package org.karyo.app.ui;

import java.awt.Desktop;
import java.nio.file.Path;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.karyo.core.logging.LogFiles;

/**
 * Help > Show log folder: where the log a laboratory sends with a problem report is. Shows the
 * path (selectable, to paste into a mail) and opens the folder in the file manager where the
 * desktop allows it. The log holds stack traces, model hashes and timings, no patient identifiers.
 */
final class LogFolder {

    private static final System.Logger LOG = System.getLogger(LogFolder.class.getName());

    private LogFolder() {}

    /** The folder the log is written to now; else the workspace's {@code logs}. */
    static Path of(Path workspaceDir) {
        Path installed = LogFiles.folder();
        return installed != null ? installed : workspaceDir.resolve("logs");
    }

    static void show(Window owner, Path folder) {
        LogFiles.flush();
        TextField path = new TextField(folder.toString());
        path.setEditable(false);
        path.setId("logFolderPath");
        path.setPrefColumnCount(48);
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
        a.initOwner(owner);
        a.setTitle("Log folder");
        a.setHeaderText("Send the files karyo-*.log from this folder with a problem report.\n"
                + "They hold error details, model names and timings, no patient names or identifiers.");
        a.getDialogPane().setContent(path);
        a.show();
        Thread opener = new Thread(() -> open(folder), "open-log-folder");
        opener.setDaemon(true);
        opener.start();
    }

    /** Off the FX thread: the desktop's file manager can take seconds to answer, or never. */
    private static void open(Path folder) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(folder.toFile());
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.INFO, "cannot open the log folder in a file manager", e);
        }
    }
}
