package io.paygate.alipay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The channel's house rules: no two of its packages lean on each other, and each says what it
 * holds.
 */
@AnalyzeClasses(
    packages = "io.paygate.alipay",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  // Every package is a slice, the root (AlipayChannel, AlipayApps) too.
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.paygate.(**)").namingSlices("$1").should().beFreeOfCycles();

  // A package says what it holds: no support/util/common grab-bag for things without a home.
  @ArchTest
  static final ArchRule noGrabBagPackages =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..support..", "..util..", "..utils..", "..common..", "..helpers..", "..misc..");
}
