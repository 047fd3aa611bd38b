package io.paygate.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.paygate.sandbox.home.SandboxHomeController;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

/**
 * The sandbox's house rules: no two packages lean on each other, none is a grab-bag, and the pages
 * and control routes stand on the gateway, never under it (the gateway, trades, signing and the
 * rest never reach up into a controller or the home page).
 */
class ArchitectureTest {

  // The module's classes, tests left out, imported once for the class. The rules run as JUnit
  // Jupiter tests, not on ArchUnit's own engine (which runs after Jupiter's, alone), so they take
  // the second lane beside the sandbox round trips (junit-platform.properties).
  private static JavaClasses classes;

  @BeforeAll
  static void importTheModule() {
    classes =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.paygate.sandbox");
  }

  private static final String HOME = SandboxHomeController.class.getPackageName();

  // Every package is a slice, the module's own root (its configuration) too.
  private static final ArchRule noPackageCycles =
      slices().matching("io.paygate.(**)").namingSlices("$1").should().beFreeOfCycles();

  // Controllers and pages are the top floor: what they use never calls back up into them.
  private static final ArchRule nothingButAControllerUsesAController =
      noClasses()
          .that()
          .areNotMetaAnnotatedWith(Controller.class)
          .should()
          .dependOnClassesThat()
          .areMetaAnnotatedWith(Controller.class);

  // The home page (/sandbox) shows everything, so nothing may stand on its package.
  private static final ArchRule theHomePageIsOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackage(HOME)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HOME);

  // A package says what it holds: no support/util/common grab-bag for things without a home.
  private static final ArchRule noGrabBagPackages =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..support..", "..util..", "..utils..", "..common..", "..helpers..", "..misc..");

  @Test
  void noPackageCycles() {
    noPackageCycles.check(classes);
  }

  @Test
  void nothingButAControllerUsesAController() {
    nothingButAControllerUsesAController.check(classes);
  }

  @Test
  void theHomePageIsOnTop() {
    theHomePageIsOnTop.check(classes);
  }

  @Test
  void noGrabBagPackages() {
    noGrabBagPackages.check(classes);
  }
}
