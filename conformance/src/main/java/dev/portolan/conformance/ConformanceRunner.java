package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Runs cases against a {@link PortolanUnderTest} as README section 1 describes: {@link #setUp()} once (GatewayClass,
 * base manifests, programmatic Secrets/ConfigMaps, echo backends and their EndpointSlices, namespaces ready), then
 * per case: create its objects, run its steps, delete what it created.
 */
public final class ConformanceRunner implements AutoCloseable {
    static final List<String> CONFORMANCE_NAMESPACES = List.of("gateway-conformance-infra",
            "gateway-conformance-app-backend", "gateway-conformance-web-backend");
    private static final ResourceKey BACKEND_CERTIFICATE = ResourceKey.of(ApiGroups.CORE, ApiGroups.SECRET,
            "gateway-conformance-infra", "tls-checks-certificate");

    private final PortolanUnderTest portolan;
    private final GatewayClassUnderTest gatewayClass;
    private final Path casesFolder;
    private final RunnerOptions options;
    private final PrintStream out;
    private final Set<ResourceKey> knownKeys = new CopyOnWriteArraySet<>();
    private EchoFleet fleet;

    public ConformanceRunner(PortolanUnderTest portolan, GatewayClassUnderTest gatewayClass, Path casesFolder,
                             RunnerOptions options, PrintStream out) {
        this.portolan = portolan;
        this.gatewayClass = gatewayClass;
        this.casesFolder = casesFolder;
        this.options = options;
        this.out = out;
    }

    /** The shared objects and backends; throws when the implementation never gets the namespaces ready. */
    public void setUp() throws Exception {
        create(gatewayClass.manifest());
        List<ObjectNode> base = ConformanceCase.baseManifests(casesFolder, gatewayClass.placeholders());
        base.forEach(this::create);
        new ProgrammaticResources().manifests(ConformanceCase.programmaticResourcesDescription(casesFolder)).forEach(this::create);
        ObjectNode backendCertificate = portolan.object(BACKEND_CERTIFICATE)
                .orElseThrow(() -> new IllegalStateException(BACKEND_CERTIFICATE + " was not created"));
        fleet = EchoFleet.start(base, secretData(backendCertificate, "tls.crt"), secretData(backendCertificate, "tls.key"), new Random());
        EndpointSlices.forServices(base, fleet.instances()).forEach(this::create);
        ObjectNode ready = JsonNodeFactory.instance.objectNode().put("type", "waitNamespacesReady");
        CONFORMANCE_NAMESPACES.forEach(ready.putArray("namespaces")::add);
        try {
            steps("setup").run(ready);
        } catch (AssertionError e) {
            throw new IllegalStateException("setup: conformance namespaces not ready: " + e.getMessage(), e);
        }
    }

    /** Runs every case, printing one line per case, the closing counts and the total time. */
    public RunSummary runAll(List<ConformanceCase> cases) {
        long start = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase conformanceCase : cases) {
            CaseResult result = run(conformanceCase);
            out.println(result.line());
            out.flush();
            results.add(result);
        }
        RunSummary summary = new RunSummary(List.copyOf(results), Duration.ofNanos(System.nanoTime() - start));
        out.println(summary.line());
        out.printf("total run time %.1f s%n", summary.elapsed().toMillis() / 1000.0);
        return summary;
    }

    public CaseResult run(ConformanceCase conformanceCase) {
        Optional<String> unsupported = portolan.unsupportedCase(conformanceCase);
        if (unsupported.isPresent()) {
            return new CaseResult(conformanceCase.name(), CaseResult.Verdict.SKIP, unsupported.get(), 0, List.of());
        }
        List<ResourceKey> created = new ArrayList<>();
        try {
            List<ObjectNode> manifests = conformanceCase.manifests(gatewayClass.placeholders());
            for (ObjectNode manifest : manifests) {
                created.add(create(manifest));
            }
            // Services a case brings need endpoints too (in a cluster the EndpointSlice controller makes them)
            if (fleet != null) {
                for (ObjectNode slice : EndpointSlices.forServices(manifests, fleet.instances())) {
                    created.add(create(slice));
                }
            }
        } catch (RuntimeException e) {
            cleanUp(created);
            return new CaseResult(conformanceCase.name(), CaseResult.Verdict.FAIL, "creating the case's objects: " + e.getMessage(), 0, List.of());
        }
        try {
            return runSteps(conformanceCase, created);
        } finally {
            cleanUp(created);
        }
    }

    private CaseResult runSteps(ConformanceCase conformanceCase, List<ResourceKey> created) {
        StepRunner steps = steps(conformanceCase.name());
        int passed = 0;
        List<String> skipped = new ArrayList<>();
        Set<String> skipReasons = new LinkedHashSet<>();
        for (int i = 0; i < conformanceCase.steps().size(); i++) {
            JsonNode step = conformanceCase.steps().get(i);
            Optional<String> skip = steps.skipReason(step);
            if (skip.isPresent()) {
                skipped.add("step " + i + " " + step.path("type").asText());
                skipReasons.add(skip.get());
                continue;
            }
            try {
                steps.run(step).ifPresent(key -> {
                    created.add(key);
                    knownKeys.add(key);
                });
                passed++;
            } catch (AssertionError | RuntimeException e) {
                return new CaseResult(conformanceCase.name(), CaseResult.Verdict.FAIL, describe(i, step) + ": " + e.getMessage(), passed, skipped);
            }
        }
        if (!skipped.isEmpty()) {
            String reason = String.join("; ", skipReasons) + " (" + steps(skipped.size()) + " not run, " + passed + " passed)";
            return new CaseResult(conformanceCase.name(), CaseResult.Verdict.SKIP, reason, passed, skipped);
        }
        return new CaseResult(conformanceCase.name(), CaseResult.Verdict.PASS, "", passed, skipped);
    }

    private StepRunner steps(String caseName) {
        MirrorRecordings mirrors = fleet == null ? (n, d, p) -> 0 : MirrorRecordings.of(fleet);
        return new StepRunner(portolan, gatewayClass, knownKeys, mirrors, options, caseName);
    }

    private ResourceKey create(ObjectNode manifest) {
        portolan.apply(manifest);
        ResourceKey key = Manifests.keyOf(manifest);
        knownKeys.add(key);
        return key;
    }

    /** Deletes in reverse creation order, so that shared Gateways are back to their base routes for the next case. */
    private void cleanUp(List<ResourceKey> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            ResourceKey key = created.get(i);
            knownKeys.remove(key);
            try {
                if (portolan.object(key).isPresent()) {
                    portolan.delete(key);
                }
            } catch (RuntimeException e) {
                System.err.println("cannot delete " + key + " after the case: " + e.getMessage());
            }
        }
    }

    private static String steps(int count) {
        return count == 1 ? "1 step" : count + " steps";
    }

    private static String describe(int index, JsonNode step) {
        String name = step.path("name").asText("");
        return "step " + index + " " + step.path("type").asText() + (name.isEmpty() ? "" : " \"" + name + "\"");
    }

    private static String secretData(ObjectNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
