package io.pocketid.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the module and package structure (docs/architecture.md), checked on the main code of
 * every module on this classpath. A rule that breaks names the classes and the dependency.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importMainCode() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.pocketid");
  }

  /** Every package of the server is its own slice. */
  private static final SliceAssignment SERVER_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          return name.startsWith("io.pocketid.server")
              ? SliceIdentifier.of(name)
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the packages of the server module";
        }
      };

  /** Outside the server, a package and its own {@code internal} packages form one slice. */
  private static final SliceAssignment LIBRARY_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String name = javaClass.getPackageName();
          if (!name.startsWith("io.pocketid.") || name.startsWith("io.pocketid.server")) {
            return SliceIdentifier.ignore();
          }
          return SliceIdentifier.of(name.replaceFirst("\\.internal(\\..*)?$", ""));
        }

        @Override
        public String getDescription() {
          return "the packages of core, storage-jdbc, webauthn, oidc, geo and mail";
        }
      };

  @Test
  void importedTheMainCodeOfEveryModule() {
    for (String module :
        new String[] {
          "io.pocketid.core",
          "io.pocketid.storage.jdbc",
          "io.pocketid.webauthn",
          "io.pocketid.oidc",
          "io.pocketid.geo",
          "io.pocketid.mail",
          "io.pocketid.server"
        }) {
      if (!classes.containPackage(module)) {
        throw new AssertionError("no classes of " + module + " imported");
      }
    }
  }

  @Test
  void serverPackagesHaveNoCycles() {
    slices().assignedFrom(SERVER_PACKAGES).should().beFreeOfCycles().check(classes);
  }

  @Test
  void libraryPackagesHaveNoCyclesButWithTheirOwnInternalPackage() {
    slices().assignedFrom(LIBRARY_PACKAGES).should().beFreeOfCycles().check(classes);
  }

  @Test
  void handlersDoNotUseStoreInterfaces() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.pocketid.server.internal.api..",
            "io.pocketid.server.internal.web..",
            "io.pocketid.server.internal.oidc..",
            "io.pocketid.server.internal.auth..",
            "io.pocketid.server.internal.http..")
        .should()
        .dependOnClassesThat(
            describe(
                "are store interfaces of io.pocketid.core.store",
                (JavaClass c) ->
                    c.isInterface() && c.getPackageName().equals("io.pocketid.core.store")))
        .check(classes);
  }

  @Test
  void httpToolkitImportsNoOtherServerPackage() {
    noClasses()
        .that()
        .resideInAPackage("io.pocketid.server.internal.http..")
        .should()
        .dependOnClassesThat(
            describe(
                "are in another server package",
                (JavaClass c) ->
                    c.getPackageName().startsWith("io.pocketid.server")
                        && !c.getPackageName().startsWith("io.pocketid.server.internal.http")))
        .check(classes);
  }

  @Test
  void onlyTheServerReadsTheEnvironment() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.pocketid.server..")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(classes);
  }

  @Test
  void coreDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("io.pocketid.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.pocketid.storage..",
            "io.pocketid.webauthn..",
            "io.pocketid.oidc..",
            "io.pocketid.geo..",
            "io.pocketid.mail..",
            "io.pocketid.server..")
        .check(classes);
  }

  @Test
  void protocolAndStorageModulesDoNotDependOnTheServer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.pocketid.oidc..",
            "io.pocketid.webauthn..",
            "io.pocketid.storage..",
            "io.pocketid.geo..",
            "io.pocketid.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.pocketid.server..")
        .check(classes);
  }

  @Test
  void protocolCodeDoesNotTakeTheWholeStorageFacade() {
    noClasses()
        .that()
        .resideInAnyPackage("io.pocketid.oidc..", "io.pocketid.webauthn..")
        // The embedder's one entry point takes a Storage and hands each class its own stores.
        .and()
        .resideOutsideOfPackage("io.pocketid.oidc.provider")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.pocketid.core.store.Storage")
        .check(classes);
  }
}
