package dev.basalt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of ARCHITECTURE.md, checked over the compiled main classes:
 * {@code cli -> app -> http -> {records, collections, auth, jobs, ...} -> {query, store, mail}}, with
 * {@code error} and {@code hook} as leaves everyone may use. A package that does not exist yet
 * passes its rule vacuously.
 */
class ArchitectureTest {

    static final String BASALT = "dev.basalt..";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.basalt");
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(classes);
    }

    @Test
    void queryIsALibraryThatImportsNoOtherBasaltPackage() {
        check(noClasses().that().resideInAPackage("dev.basalt.query..")
                .should().dependOnClassesThat(
                        resideInBasaltOutside("dev.basalt.query..")));
    }

    @Test
    void storeImportsNoBasaltPackageButError() {
        check(noClasses().that().resideInAPackage("dev.basalt.store..")
                .should().dependOnClassesThat(
                        resideInBasaltOutside("dev.basalt.store..", "dev.basalt.error..")));
    }

    @Test
    void filesImportsNoBasaltPackageButError() {
        check(noClasses().that().resideInAPackage("dev.basalt.files..")
                .should().dependOnClassesThat(
                        resideInBasaltOutside("dev.basalt.files..", "dev.basalt.error..")));
    }

    @Test
    void jobsImportsNoBasaltPackageButStoreAndTheLeaves() {
        // The scheduler knows nothing of the jobs it runs: app registers them. settings may use
        // jobs (the cron syntax), so jobs never uses settings.
        check(noClasses().that().resideInAPackage("dev.basalt.jobs..")
                .should().dependOnClassesThat(
                        resideInBasaltOutside("dev.basalt.jobs..", "dev.basalt.store..", "dev.basalt.error..",
                                "dev.basalt.hook..")));
    }

    @Test
    void errorIsALeaf() {
        check(noClasses().that().resideInAPackage("dev.basalt.error..")
                .should().dependOnClassesThat(resideInBasaltOutside("dev.basalt.error..")));
    }

    @Test
    void hookIsALeaf() {
        check(noClasses().that().resideInAPackage("dev.basalt.hook..")
                .should().dependOnClassesThat(resideInBasaltOutside("dev.basalt.hook..")));
    }

    @Test
    void onlyAppImportsHttp() {
        check(noClasses().that().resideInAPackage(BASALT)
                .and().resideOutsideOfPackages("dev.basalt.app..", "dev.basalt.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.basalt.http.."));
    }

    @Test
    void recordsDoesNotImportAuthRealtimeOrHttp() {
        check(noClasses().that().resideInAPackage("dev.basalt.records..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.basalt.auth..", "dev.basalt.realtime..", "dev.basalt.http.."));
    }

    @Test
    void collectionsDoesNotImportRecords() {
        check(noClasses().that().resideInAPackage("dev.basalt.collections..")
                .should().dependOnClassesThat().resideInAPackage("dev.basalt.records.."));
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        check(slices().matching("dev.basalt.(*)..").should().beFreeOfCycles());
    }

    private static DescribedPredicate<JavaClass> resideInBasaltOutside(String... allowed) {
        return JavaClass.Predicates.resideInAPackage(BASALT)
                .and(JavaClass.Predicates.resideOutsideOfPackages(allowed))
                .as("reside in a Basalt package other than " + String.join(", ", allowed));
    }
}
