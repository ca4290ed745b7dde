package org.karyo.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of {@link ArchitectureRules} on the production classes of every module. */
@AnalyzeClasses(packages = "org.karyo", importOptions = ImportOption.DoNotIncludeTests.class)
class TestArchitecture {

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

    @ArchTest
    static final ArchRule javaFxOnlyInApp = ArchitectureRules.JAVAFX_ONLY_IN_APP;

    @ArchTest
    static final ArchRule modulesPointDown = ArchitectureRules.MODULES_POINT_DOWN;
}
