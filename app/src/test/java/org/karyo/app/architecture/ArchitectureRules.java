package org.karyo.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/architecture.md as rules: core at the bottom; inference and annotation on
 * core and beside each other; the training bridge on inference; app (the only JavaFX code, and the
 * command line's main class) on top. The app module's tests see every module, so the rules run here.
 */
final class ArchitectureRules {

    /** Every package of the project is a slice; no two may depend on each other, however indirectly. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.karyo.(**)")
            .should()
            .beFreeOfCycles()
            .because("a package cycle ties packages into one unit that cannot be understood, tested or moved alone");

    /** The domain and the detector run headless (command line, server, tests): JavaFX only in app. */
    static final ArchRule JAVAFX_ONLY_IN_APP = noClasses()
            .that()
            .resideOutsideOfPackage("org.karyo.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp.ikonli..")
            .because("only the app module is a JavaFX program");

    /** A lower module never imports a higher one. */
    static final ArchRule MODULES_POINT_DOWN = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core")
            .definedBy("org.karyo.core..")
            .layer("inference")
            .definedBy("org.karyo.inference..")
            .layer("annotation")
            .definedBy("org.karyo.annotation..")
            .layer("training-bridge")
            .definedBy("org.karyo.trainingbridge..")
            .layer("app")
            .definedBy("org.karyo.app..")
            .whereLayer("app")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("training-bridge")
            .mayOnlyBeAccessedByLayers("app")
            .whereLayer("annotation")
            .mayOnlyBeAccessedByLayers("training-bridge", "app")
            .whereLayer("inference")
            .mayOnlyBeAccessedByLayers("training-bridge", "app")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers("inference", "annotation", "training-bridge", "app")
            .withOptionalLayers(true);

    private ArchitectureRules() {}
}
