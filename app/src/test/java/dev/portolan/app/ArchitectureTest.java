package dev.portolan.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.portolan.graph.archfixture.ReachesIntoTheApi;
import dev.portolan.graph.archfixture.ReadsFiles;
import dev.portolan.model.archfixture.ParentHalf;
import dev.portolan.model.archfixture.child.ChildHalf;
import dev.portolan.pipeline.archfixture.PipelineHalf;
import dev.portolan.snapshot.archfixture.UsesMicronaut;
import dev.portolan.translate.archfixture.TranslateHalf;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directions the modules and packages may depend in, checked on the compiled main classes of every module this
 * one sees (all but conformance and openapi, which are test harnesses). The flow runs one way: proxy and echo know
 * nothing of the control plane; core (the pure pipeline) knows neither the running control plane nor the faces;
 * the control plane knows no face; Kubernetes mode is a control plane and knows no face either; no two top-level
 * packages reference each other, and no two packages at any depth do (a package and its own sub-package included).
 */
class ArchitectureTest {
    private static final String[] CORE = {"dev.portolan.model..", "dev.portolan.graph..", "dev.portolan.policy..",
        "dev.portolan.translate..", "dev.portolan.pipeline..", "dev.portolan.store"};
    private static final String[] CONTROL_PLANE = {"dev.portolan.store.file..", "dev.portolan.snapshot..",
        "dev.portolan.distribute..", "dev.portolan.embedded..", "dev.portolan.controlplane..", "dev.portolan.threads.."};
    private static final String[] FACES = {"dev.portolan", "dev.portolan.api..", "dev.portolan.web..",
        "dev.portolan.wiring..", "dev.portolan.demo.."};
    private static final String KUBERNETES = "dev.portolan.kubernetes..";
    private static final String APP = "dev.portolan.app..";
    private static final String PROXY = "dev.portolan.proxy..";
    private static final String ECHO = "dev.portolan.echo..";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ArchitectureTest::notATestJar)
                .importPackages("dev.portolan");
    }

    /** Other modules' test-jars (fabric8's mock API server helpers) are on this class path too. */
    private static boolean notATestJar(Location location) {
        return !location.contains("-tests.jar");
    }

    private static String[] all(String[]... groups) {
        return Stream.of(groups).flatMap(Stream::of).toArray(String[]::new);
    }

    static ArchRule coreReferencesNeitherTheRunningControlPlaneNorTheFaces() {
        return noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(all(CONTROL_PLANE, FACES,
                        new String[] {KUBERNETES, APP, ECHO}))
                .because("core is the pure pipeline the control plane runs and the faces read");
    }

    static ArchRule coreIsPure() {
        return noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..",
                        "org.eclipse.jetty..", "io.fabric8.kubernetes.client..", "java.nio.file..", "java.net.http..",
                        "dev.portolan.proxy.listen..", "dev.portolan.proxy.forward..", "dev.portolan.proxy.admin..",
                        "dev.portolan.proxy.sync..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.File.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.FileInputStream.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.io.FileOutputStream.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.net.Socket.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(java.net.ServerSocket.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Thread.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ExecutorService.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(Executors.class.getName())
                .because("core has no framework, no server, no file or network I/O and no threads of its own");
    }

    static ArchRule theControlPlaneKnowsNoFace() {
        return noClasses().that().resideInAnyPackage(CONTROL_PLANE)
                .should().dependOnClassesThat().resideInAnyPackage(all(FACES, new String[] {KUBERNETES, APP}))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..")
                .because("the running control plane is plain Java; the server wires it and serves it");
    }

    static ArchRule kubernetesModeKnowsNoFace() {
        return noClasses().that().resideInAPackage(KUBERNETES)
                .should().dependOnClassesThat().resideInAnyPackage(all(FACES, new String[] {APP}))
                .because("kubernetes/ depends on the control plane; the app module puts it beside the server");
    }

    static ArchRule theDataPlaneAndTheEchoServerKnowNoControlPlane() {
        return noClasses().that().resideInAnyPackage(PROXY, ECHO)
                .should().dependOnClassesThat().resideInAnyPackage(all(CORE, CONTROL_PLANE, FACES,
                        new String[] {KUBERNETES, APP}))
                .because("the proxy reads only its own config model; the echo server is a plain backend");
    }

    static ArchRule theProxyRuntimeHasNoEchoServer() {
        return noClasses().that().resideInAPackage(PROXY).should().dependOnClassesThat().resideInAPackage(ECHO)
                .because("the echo server is for the demo and tests, not part of the proxy's runtime");
    }

    static ArchRule theFacesReadTheInProcessProxyThroughTheControlPlane() {
        return noClasses().that().resideInAnyPackage(FACES)
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.portolan.proxy.listen.ProxyServer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.portolan.proxy.listen.LiveConfig")
                .because("EmbeddedDataPlane offers what the proxy shows (its admin view, its refusals)");
    }

    static ArchRule noCyclesBetweenTopLevelPackages() {
        return slices().matching("dev.portolan.(*)..").should().beFreeOfCycles();
    }

    /**
     * Every package is a slice of its own, so a cycle between sub-packages of one top-level package (or between a
     * package and its sub-package) is caught too; {@link #noCyclesBetweenTopLevelPackages()} still catches a cycle
     * that only closes over the top-level packages.
     */
    static ArchRule noCyclesBetweenAnyTwoPackages() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals("dev.portolan") || name.startsWith("dev.portolan.") ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package under dev.portolan";
            }
        }).should().beFreeOfCycles();
    }

    @Test
    void everyModuleWasImported() {
        // a rule over no classes passes whatever it says
        for (String type : new String[] {"dev.portolan.pipeline.ControlPlanePipeline",
            "dev.portolan.snapshot.SnapshotService", "dev.portolan.api.read.ReadController",
            "dev.portolan.kubernetes.mode.KubernetesControlPlane", "dev.portolan.proxy.listen.ProxyServer",
            "dev.portolan.echo.EchoServer", "dev.portolan.Application"}) {
            assertTrue(mainClasses.contain(type), type + " was not imported");
        }
        assertFalse(mainClasses.contain(ReachesIntoTheApi.class), "test classes are not part of the check");
    }

    @Test
    void coreReferencesNeitherTheRunningControlPlaneNorTheFaces_holds() {
        coreReferencesNeitherTheRunningControlPlaneNorTheFaces().check(mainClasses);
    }

    @Test
    void coreIsPure_holds() {
        coreIsPure().check(mainClasses);
    }

    @Test
    void theControlPlaneKnowsNoFace_holds() {
        theControlPlaneKnowsNoFace().check(mainClasses);
    }

    @Test
    void kubernetesModeKnowsNoFace_holds() {
        kubernetesModeKnowsNoFace().check(mainClasses);
    }

    @Test
    void theDataPlaneAndTheEchoServerKnowNoControlPlane_holds() {
        theDataPlaneAndTheEchoServerKnowNoControlPlane().check(mainClasses);
        theProxyRuntimeHasNoEchoServer().check(mainClasses);
    }

    @Test
    void theFacesReadTheInProcessProxyThroughTheControlPlane_holds() {
        theFacesReadTheInProcessProxyThroughTheControlPlane().check(mainClasses);
    }

    @Test
    void noCyclesBetweenTopLevelPackages_holds() {
        noCyclesBetweenTopLevelPackages().check(mainClasses);
    }

    @Test
    void noCyclesBetweenAnyTwoPackages_holds() {
        noCyclesBetweenAnyTwoPackages().check(mainClasses);
    }

    /** The rules catch what they are about: each fixture (test code, in the package it pretends to be) breaks one. */
    @Test
    void theRulesCatchTheReferencesTheyForbid() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(ReachesIntoTheApi.class, ReadsFiles.class,
                UsesMicronaut.class, PipelineHalf.class, TranslateHalf.class);
        assertTrue(coreReferencesNeitherTheRunningControlPlaneNorTheFaces().evaluate(fixtures).hasViolation(),
                "graph referencing the API");
        assertTrue(coreIsPure().evaluate(fixtures).hasViolation(), "graph reading files");
        assertTrue(theControlPlaneKnowsNoFace().evaluate(fixtures).hasViolation(), "snapshot using Micronaut");
        assertTrue(noCyclesBetweenTopLevelPackages().evaluate(fixtures).hasViolation(), "pipeline <-> translate");
        assertTrue(noCyclesBetweenAnyTwoPackages().evaluate(fixtures).hasViolation(), "pipeline <-> translate");
        JavaClasses nested = new ClassFileImporter().importClasses(ParentHalf.class, ChildHalf.class);
        assertTrue(noCyclesBetweenAnyTwoPackages().evaluate(nested).hasViolation(), "model <-> its sub-package");
        assertFalse(noCyclesBetweenTopLevelPackages().evaluate(nested).hasViolation(),
                "the top-level rule alone misses a cycle inside one top-level package");
    }
}
