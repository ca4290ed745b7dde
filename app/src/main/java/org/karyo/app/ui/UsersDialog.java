package org.karyo.app.ui;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Role;
import org.karyo.app.store.User;

/**
 * Users and roles: who is working now, switching to a named profile, and (lab leads only) adding
 * profiles and changing roles. The store checks every permission; this dialog only asks.
 */
final class UsersDialog extends Stage {

    private final CaseStore store;
    private final Consumer<String> status;
    private final TableView<User> table = new TableView<>();
    private final Label current = new Label();
    private final CheckBox annotator = new CheckBox("Annotator");
    private final CheckBox cytogeneticist = new CheckBox("Cytogeneticist");
    private final CheckBox labLead = new CheckBox("Lab lead");

    UsersDialog(Window owner, CaseStore store, Consumer<String> status) {
        this.store = store;
        this.status = status;
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        setTitle("Users and roles");
        table.setId("usersTable");
        TableColumn<User, String> login = new TableColumn<>("Login");
        login.setCellValueFactory(
                c -> new javafx.beans.property.SimpleStringProperty(c.getValue().login()));
        TableColumn<User, String> name = new TableColumn<>("Name");
        name.setCellValueFactory(
                c -> new javafx.beans.property.SimpleStringProperty(c.getValue().displayName()));
        TableColumn<User, String> roles = new TableColumn<>("Roles");
        roles.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                describe(c.getValue().roles())));
        roles.setPrefWidth(260);
        table.getColumns().setAll(java.util.List.of(login, name, roles));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, u) -> showRoles(u));
        Button switchTo = new Button("Work as this profile");
        switchTo.setId("switchUser");
        switchTo.setOnAction(e -> act(() -> store.users().switchTo(selected().login()), "Now working as "));
        Button saveRoles = new Button("Save roles");
        saveRoles.setId("saveRoles");
        saveRoles.setOnAction(e -> act(
                () -> store.users().setRoles(selected().login(), selected().roles(), checkedRoles()),
                "Roles saved for "));
        Button add = new Button("Add profile…");
        add.setId("addUser");
        add.setOnAction(e -> addProfile());
        VBox root = new VBox(
                8,
                current,
                table,
                new HBox(8, annotator, cytogeneticist, labLead),
                new HBox(8, switchTo, saveRoles, add));
        root.setPadding(new Insets(10));
        setScene(new Scene(root, 560, 380));
        refresh();
    }

    private User selected() {
        User u = table.getSelectionModel().getSelectedItem();
        return u != null ? u : store.users().current();
    }

    private void showRoles(User u) {
        annotator.setSelected(u != null && u.has(Role.ANNOTATOR));
        cytogeneticist.setSelected(u != null && u.has(Role.CYTOGENETICIST));
        labLead.setSelected(u != null && u.has(Role.LAB_LEAD));
    }

    private Set<Role> checkedRoles() {
        Set<Role> r = EnumSet.noneOf(Role.class);
        if (annotator.isSelected()) {
            r.add(Role.ANNOTATOR);
        }
        if (cytogeneticist.isSelected()) {
            r.add(Role.CYTOGENETICIST);
        }
        if (labLead.isSelected()) {
            r.add(Role.LAB_LEAD);
        }
        return r;
    }

    private void addProfile() {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(this);
        d.setHeaderText("New profile (login name); roles are set below after it is created");
        d.showAndWait()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .ifPresent(l -> act(() -> store.users().create(l, l, EnumSet.of(Role.ANNOTATOR)), "Added "));
    }

    private void act(java.util.function.Supplier<User> action, String done) {
        try {
            User u = action.get();
            status.accept(done + u.login());
        } catch (RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, CellPane.rootMessage(e));
            a.initOwner(this);
            a.setHeaderText("Not done");
            a.show();
        }
        refresh();
    }

    private void refresh() {
        User me = store.users().current();
        current.setText("Working as " + me.displayName() + " (" + describe(me.roles()) + ")");
        String sel = table.getSelectionModel().getSelectedItem() == null
                ? me.login()
                : table.getSelectionModel().getSelectedItem().login();
        table.getItems().setAll(store.users().list());
        table.getItems().stream()
                .filter(u -> u.login().equals(sel))
                .findFirst()
                .ifPresent(u -> table.getSelectionModel().select(u));
        boolean lead = me.has(Role.LAB_LEAD);
        annotator.setDisable(!lead);
        cytogeneticist.setDisable(!lead);
        labLead.setDisable(!lead);
    }

    static String describe(Set<Role> roles) {
        return roles.isEmpty()
                ? "no role"
                : roles.stream()
                        .sorted()
                        .map(r -> r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                        .collect(Collectors.joining(", "));
    }
}
