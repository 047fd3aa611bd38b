package io.paygate.wechatpay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The channel's house rules: no two of its packages lean on each other, each says what it holds,
 * and the settings (what an operator configures) know nothing of the SDK's services.
 */
@AnalyzeClasses(
    packages = "io.paygate.wechatpay",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  // Every package is a slice, the root (WechatPayChannel, WechatPaySelfTest) too.
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

  // WeChat's words stay in the module: the port's types are the core's, never the SDK's.
  @ArchTest
  static final ArchRule theSdkStaysBehindThePort =
      noClasses()
          .that()
          .resideInAPackage("io.paygate.wechatpay.settings..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.wechat.pay.java.service..", "okhttp3..");
}
