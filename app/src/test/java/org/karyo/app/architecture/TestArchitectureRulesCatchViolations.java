package org.karyo.app.architecture;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The rules fail on deliberate violations: small fixtures (test classes, outside what
 * {@link TestArchitecture} imports) with a package cycle, a JavaFX import outside app and a core
 * class that imports app. Without this a rule that matched nothing would pass forever.
 */
class TestArchitectureRulesCatchViolations {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            // app.cli too: a layer rule looks at the classes of the layer accessed (Karyo) and who accesses them
            .importPackages("org.karyo.archfixture", "org.karyo.core.archfixture", "org.karyo.app.cli");

    private static String violation(ArchRule rule) {
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(FIXTURES));
        assertNotNull(e.getMessage());
        return e.getMessage();
    }

    @Test
    void aPackageCycleFails() {
        String m = violation(ArchitectureRules.NO_PACKAGE_CYCLES);
        assertTrue(
                m.contains("Cycle detected") && m.contains("archfixture.cycle.a") && m.contains("archfixture.cycle.b"),
                m);
    }

    @Test
    void javaFxOutsideAppFails() {
        String m = violation(ArchitectureRules.JAVAFX_ONLY_IN_APP);
        assertTrue(m.contains("org.karyo.archfixture.fx.DrawsWithJavaFx") && m.contains("javafx."), m);
    }

    @Test
    void coreImportingAppFails() {
        String m = violation(ArchitectureRules.MODULES_POINT_DOWN);
        assertTrue(m.contains("org.karyo.core.archfixture.ReachesUp") && m.contains("org.karyo.app.cli.Karyo"), m);
    }
}
