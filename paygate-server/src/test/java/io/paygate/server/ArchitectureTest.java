package io.paygate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.paygate.server.api.AdminScope;
import io.paygate.server.api.ApiController;
import io.paygate.server.api.ReadScope;
import io.paygate.server.api.WriteScope;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The house rules, checked on every build: the core stays plain Java, only the Alipay channel
 * speaks the Alipay SDK, only {@code server.sandbox} knows the sandbox is embedded, and no two
 * packages lean on each other.
 */
@AnalyzeClasses(packages = "io.paygate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("io.paygate.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "java.sql..",
              "javax.sql..",
              "com.alipay..",
              "io.paygate.server..",
              "io.paygate.alipay..",
              "io.paygate.sandbox..");

  // The sandbox plays "another company": its main code signs without the SDK (its tests use it).
  @ArchTest
  static final ArchRule onlyTheAlipayChannelUsesTheSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.paygate.alipay..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.alipay..");

  @ArchTest
  static final ArchRule onlyServerSandboxReachesTheSandbox =
      noClasses()
          .that()
          .resideInAPackage("io.paygate.server..")
          .and()
          .resideOutsideOfPackage("io.paygate.server.sandbox..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.paygate.sandbox..");

  // Repositories store and return; the core announces what changed, and the outbox and the
  // metrics listen: no repository knows of webhooks or metrics.
  @ArchTest
  static final ArchRule booksKnowNothingOfTheirListeners =
      noClasses()
          .that()
          .resideInAnyPackage("io.paygate.server.payments..", "io.paygate.server.refunds..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.paygate.server.webhooks..", "io.paygate.server.metrics..");

  // The index sits above the features it shows: payments never reach up into the home page.
  @ArchTest
  static final ArchRule paymentsKnowNothingOfTheHomePage =
      noClasses()
          .that()
          .resideInAPackage("io.paygate.server.payments..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.paygate.server.home..");

  @ArchTest
  static final ArchRule serverFeaturesHaveNoCycles =
      slices().matching("io.paygate.server.(*)..").should().beFreeOfCycles();

  // Payments know nothing of refunds (GiveBack is their port), nor of the jobs (checks is the
  // schedule's port): each package leans only on those below it.
  @ArchTest
  static final ArchRule coreHasNoCycles =
      slices().matching("io.paygate.core.(*)..").should().beFreeOfCycles();

  // Authorization is declared, never parsed: a route of the API that says nothing of the scope it
  // needs cannot ship (RouteAuthorization refuses it anyway, to every key).
  @ArchTest
  static final ArchRule everyApiRouteDeclaresItsScope =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .areAnnotatedWith(ApiController.class)
          .and()
          .areMetaAnnotatedWith(RequestMapping.class)
          .should()
          .beAnnotatedWith(ReadScope.class)
          .orShould()
          .beAnnotatedWith(WriteScope.class)
          .orShould()
          .beAnnotatedWith(AdminScope.class);
}
