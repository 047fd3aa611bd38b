package io.paygate.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.paygate.sandbox.home.SandboxHomeController;
import org.springframework.stereotype.Controller;

/**
 * The sandbox's house rules: no two packages lean on each other, none is a grab-bag, and the pages
 * and control routes stand on the gateway, never under it (the gateway, trades, signing and the
 * rest never reach up into a controller or the home page).
 */
@AnalyzeClasses(
    packages = "io.paygate.sandbox",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String HOME = SandboxHomeController.class.getPackageName();

  // Every package is a slice, the module's own root (its configuration) too.
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.paygate.(**)").namingSlices("$1").should().beFreeOfCycles();

  // Controllers and pages are the top floor: what they use never calls back up into them.
  @ArchTest
  static final ArchRule nothingButAControllerUsesAController =
      noClasses()
          .that()
          .areNotMetaAnnotatedWith(Controller.class)
          .should()
          .dependOnClassesThat()
          .areMetaAnnotatedWith(Controller.class);

  // The home page (/sandbox) shows everything, so nothing may stand on its package.
  @ArchTest
  static final ArchRule theHomePageIsOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackage(HOME)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(HOME);

  // A package says what it holds: no support/util/common grab-bag for things without a home.
  @ArchTest
  static final ArchRule noGrabBagPackages =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..support..", "..util..", "..utils..", "..common..", "..helpers..", "..misc..");
}
