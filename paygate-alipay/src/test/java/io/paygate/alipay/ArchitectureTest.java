package io.paygate.alipay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel's house rules: no two of its packages lean on each other, and each says what it
 * holds.
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
            .importPackages("io.paygate.alipay");
  }

  // Every package is a slice, the root (AlipayChannel, AlipayApps) too.
  private static final ArchRule noPackageCycles =
      slices().matching("io.paygate.(**)").namingSlices("$1").should().beFreeOfCycles();

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
  void noGrabBagPackages() {
    noGrabBagPackages.check(classes);
  }
}
