package org.karyo.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TestMonocleSmoke {
    private Button button;

    @Start
    void start(Stage stage) {
        button = new Button("0");
        button.setOnAction(e -> button.setText("1"));
        stage.setScene(new Scene(button, 200, 100));
        stage.show();
    }

    @Test
    void clicks(FxRobot robot) {
        robot.clickOn(button);
        assertEquals("1", button.getText());
    }
}
