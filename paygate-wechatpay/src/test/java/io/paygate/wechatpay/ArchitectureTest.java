package io.paygate.wechatpay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel's house rules: no two of its packages lean on each other, each says what it holds,
 * and the settings (what an operator configures) know nothing of the SDK's services.
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
            .importPackages("io.paygate.wechatpay");
  }

  // Every package is a slice, the root (WechatPayChannel, WechatPaySelfTest) too.
  private static final ArchRule noPackageCycles =
      slices().matching("io.paygate.(**)").namingSlices("$1").should().beFreeOfCycles();

  // A package says what it holds: no support/util/common grab-bag for things without a home.
  private static final ArchRule noGrabBagPackages =
      noClasses()
          .should()
          .resideInAnyPackage(
              "..support..", "..util..", "..utils..", "..common..", "..helpers..", "..misc..");

  // WeChat's words stay in the module: the port's types are the core's, never the SDK's.
  private static final ArchRule theSdkStaysBehindThePort =
      noClasses()
          .that()
          .resideInAPackage("io.paygate.wechatpay.settings..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.wechat.pay.java.service..", "okhttp3..");

  @Test
  void noPackageCycles() {
    noPackageCycles.check(classes);
  }

  @Test
  void noGrabBagPackages() {
    noGrabBagPackages.check(classes);
  }

  @Test
  void theSdkStaysBehindThePort() {
    theSdkStaysBehindThePort.check(classes);
  }
}
