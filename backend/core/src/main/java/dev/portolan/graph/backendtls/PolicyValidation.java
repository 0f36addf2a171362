package dev.portolan.graph.backendtls;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks {@code spec.validation} of a BackendTLSPolicy and resolves its CA certificate references. */
final class PolicyValidation {
    static final String CA_KEY = "ca.crt";
    static final String SYSTEM = "System";

    private static final Pattern PRECISE_HOSTNAME = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern WILDCARD_HOSTNAME = Pattern.compile(
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern IPV4 = Pattern.compile("^[0-9.]+$");

    /** A caCertificateRef that could not be used: reason is InvalidKind or InvalidCACertificateRef. */
    record RefProblem(String reason, String message) {
    }

    /**
     * @param invalid     why the policy is malformed (Accepted=False Invalid), "" when it is well formed
     * @param refProblems unusable caCertificateRefs, in list order
     */
    record Outcome(
            String invalid,
            String hostname,
            List<CaCertificateBundle> bundles,
            boolean useSystemCAs,
            List<SubjectAltNameMatch> subjectAltNames,
            int caRefCount,
            List<RefProblem> refProblems) {

        boolean wellFormed() {
            return invalid.isEmpty();
        }

        /** CA refs were given and none of them is usable. */
        boolean noValidCaCertificate() {
            return caRefCount > 0 && bundles.isEmpty() && !useSystemCAs;
        }

        boolean usable() {
            return wellFormed() && (useSystemCAs || !bundles.isEmpty());
        }
    }

    private PolicyValidation() {
    }

    static Outcome of(BackendTLSPolicy policy, ResourceSet resources) {
        String namespace = policy.getMetadata().getNamespace();
        BackendTLSPolicyValidation validation = policy.getSpec() == null ? null : policy.getSpec().getValidation();
        if (validation == null) {
            return new Outcome("spec.validation is required", "", List.of(), false, List.of(), 0, List.of());
        }
        List<String> invalid = new ArrayList<>();
        String hostname = Objects.requireNonNullElse(validation.getHostname(), "");
        checkHostname(hostname, invalid);

        List<LocalObjectReference> refs = Objects.requireNonNullElse(validation.getCaCertificateRefs(), List.of());
        String wellKnown = Objects.requireNonNullElse(validation.getWellKnownCACertificates(), "");
        if (!refs.isEmpty() && !wellKnown.isEmpty()) {
            invalid.add("spec.validation: caCertificateRefs and wellKnownCACertificates are mutually exclusive; set one");
        } else if (refs.isEmpty() && wellKnown.isEmpty()) {
            invalid.add("spec.validation: one of caCertificateRefs or wellKnownCACertificates is required");
        }
        if (!wellKnown.isEmpty() && !SYSTEM.equals(wellKnown)) {
            invalid.add("spec.validation.wellKnownCACertificates: \"" + wellKnown
                    + "\" is not supported (only \"System\")");
        }
        List<SubjectAltNameMatch> sans = subjectAltNames(validation.getSubjectAltNames(), invalid);

        List<CaCertificateBundle> bundles = new ArrayList<>();
        List<RefProblem> refProblems = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            resolveRef("spec.validation.caCertificateRefs[" + i + "]", refs.get(i), namespace, resources,
                    bundles, refProblems);
        }
        return new Outcome(String.join("; ", invalid), hostname, List.copyOf(bundles),
                SYSTEM.equals(wellKnown) && refs.isEmpty(), sans, refs.size(), List.copyOf(refProblems));
    }

    private static void checkHostname(String hostname, List<String> invalid) {
        if (hostname.isEmpty()) {
            invalid.add("spec.validation.hostname is required");
        } else if (hostname.length() > 253 || !PRECISE_HOSTNAME.matcher(hostname).matches()) {
            invalid.add("spec.validation.hostname: \"" + hostname
                    + "\" is not a valid DNS name (lower case, no wildcard)");
        } else if (IPV4.matcher(hostname).matches()) {
            invalid.add("spec.validation.hostname: \"" + hostname + "\" is an IP address; a DNS name is required");
        }
    }

    private static List<SubjectAltNameMatch> subjectAltNames(List<SubjectAltName> sans, List<String> invalid) {
        List<SubjectAltNameMatch> out = new ArrayList<>();
        List<SubjectAltName> list = Objects.requireNonNullElse(sans, List.of());
        for (int i = 0; i < list.size(); i++) {
            SubjectAltName san = list.get(i);
            String field = "spec.validation.subjectAltNames[" + i + "]";
            String type = Objects.requireNonNullElse(san.getType(), "");
            String host = Objects.requireNonNullElse(san.getHostname(), "");
            String uri = Objects.requireNonNullElse(san.getUri(), "");
            if (SubjectAltNameMatch.HOSTNAME.equals(type)) {
                if (host.isEmpty() || !uri.isEmpty()) {
                    invalid.add(field + ": type Hostname needs hostname and no uri");
                } else if (!WILDCARD_HOSTNAME.matcher(host).matches()) {
                    invalid.add(field + ".hostname: \"" + host + "\" is not a valid hostname");
                } else {
                    out.add(new SubjectAltNameMatch(type, host));
                }
            } else if (SubjectAltNameMatch.URI.equals(type)) {
                if (uri.isEmpty() || !host.isEmpty()) {
                    invalid.add(field + ": type URI needs uri and no hostname");
                } else if (!isAbsoluteUri(uri)) {
                    invalid.add(field + ".uri: \"" + uri + "\" is not an absolute URI");
                } else {
                    out.add(new SubjectAltNameMatch(type, uri));
                }
            } else {
                invalid.add(field + ".type: \"" + type + "\" is not supported (Hostname or URI)");
            }
        }
        return List.copyOf(out);
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && uri.getRawSchemeSpecificPart() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void resolveRef(String field, LocalObjectReference ref, String namespace, ResourceSet resources,
                                   List<CaCertificateBundle> bundles, List<RefProblem> problems) {
        String group = Objects.requireNonNullElse(ref.getGroup(), "");
        String kind = Objects.requireNonNullElse(ref.getKind(), "");
        if (!group.isEmpty() || !(kind.isEmpty() || ApiGroups.CONFIG_MAP.equals(kind))) {
            problems.add(new RefProblem(BackendTlsReasons.INVALID_KIND, field + ": kind "
                    + (group.isEmpty() ? kind : kind + "." + group) + " is not supported (only core ConfigMap)"));
            return;
        }
        ResourceKey key = ResourceKey.of(ApiGroups.CORE, ApiGroups.CONFIG_MAP, namespace, ref.getName());
        var configMap = resources.get(key, ConfigMap.class);
        if (configMap.isEmpty()) {
            problems.add(new RefProblem(BackendTlsReasons.INVALID_CA_CERTIFICATE_REF,
                    field + ": ConfigMap " + key.namespacedName() + " does not exist"));
            return;
        }
        String text = caText(configMap.get());
        if (text == null) {
            problems.add(new RefProblem(BackendTlsReasons.INVALID_CA_CERTIFICATE_REF,
                    field + ": ConfigMap " + key.namespacedName() + " has no key " + CA_KEY));
            return;
        }
        PemCertificates.Parsed parsed = PemCertificates.parse(text);
        if (!parsed.ok()) {
            problems.add(new RefProblem(BackendTlsReasons.INVALID_CA_CERTIFICATE_REF,
                    field + ": ConfigMap " + key.namespacedName() + " key " + CA_KEY + " " + parsed.problem()));
            return;
        }
        bundles.add(new CaCertificateBundle(key, CA_KEY, parsed.pem(), parsed.certificates().size()));
    }

    /** {@code data["ca.crt"]}, else the decoded {@code binaryData["ca.crt"]}, else null. */
    private static String caText(ConfigMap configMap) {
        if (configMap.getData() != null && configMap.getData().containsKey(CA_KEY)) {
            return Objects.requireNonNullElse(configMap.getData().get(CA_KEY), "");
        }
        if (configMap.getBinaryData() != null && configMap.getBinaryData().containsKey(CA_KEY)) {
            try {
                byte[] bytes = Base64.getMimeDecoder().decode(
                        Objects.requireNonNullElse(configMap.getBinaryData().get(CA_KEY), ""));
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return null;
    }
}
