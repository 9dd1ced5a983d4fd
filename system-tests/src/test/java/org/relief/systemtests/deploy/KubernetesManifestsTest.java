package org.relief.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relief.kernel.personaldata.PersonalDataKeyIssued;

/**
 * Validates deploy/kubernetes without a cluster (docs/kubernetes.md). Every manifest file and the rendered dev and prod
 * overlays ({@code kubectl kustomize}) are parsed into typed objects: core kinds into the fabric8 model, Strimzi kinds
 * into Strimzi's API model (an unknown field anywhere fails: a typo such as {@code readinesProbe} would otherwise be
 * kept as an "additional property" and silently ignored by the cluster); CloudNativePG, KEDA and Prometheus Operator
 * kinds stay generic with their required fields checked. Then the invariants: probes on the management port, requests
 * and limits, pinned images, no secret values, selectors that match, topics and ACLs that match the services' own
 * configuration, network policies, autoscaling and disruption budgets, alerts that link to the runbook.
 * <p>
 * kubectl (with its built-in kustomize) is required: without it the test FAILS, unless
 * {@code -Drelief.k8s.allow-missing-kubectl=true} is given, which skips only the rendered checks and says so.
 */
class KubernetesManifestsTest {
    static final List<String> SERVICES =
            List.of("requests-service", "inventory-service", "dispatch-service", "volunteer-service");
    static final List<String> ALERTS = List.of(
            "OutboxBacklogGrowing",
            "OutboxRelayDown",
            "ParkedEvents",
            "ConsumerLagHigh",
            "RequestsOverdue",
            "HighErrorRate",
            "ServiceDown",
            "KafkaUnreachable");
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    static final Pattern SENSITIVE_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|jaas|credential|private_?key|api_?key|token).*");
    static final Pattern SENSITIVE_VALUE = Pattern.compile(
            "(?i).*(password\\s*=|passwd\\s*=|-----BEGIN [A-Z ]*PRIVATE KEY|://[^/\\s:@]+:[^/\\s@]+@).*",
            Pattern.DOTALL);
    static final Set<String> GENERIC_GROUPS = Set.of("postgresql.cnpg.io", "keda.sh", "monitoring.coreos.com");
    static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "Kafka",
            Kafka.class,
            "KafkaNodePool",
            KafkaNodePool.class,
            "KafkaTopic",
            KafkaTopic.class,
            "KafkaUser",
            KafkaUser.class);

    static Path root;
    static Path k8s;
    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = Serialization.jsonMapper();

    @BeforeAll
    static void locate() {
        String prop = System.getProperty("relief.project.root");
        Path p = prop != null ? Paths.get(prop) : Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy/kubernetes"))) {
            p = p.getParent();
        }
        assertNotNull(p, "deploy/kubernetes not found above " + prop);
        root = p;
        k8s = p.resolve("deploy/kubernetes");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the manifest files as committed

    @Test
    void everyManifestFileParsesIntoTypedObjectsAndHoldsNoSecret() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(k8s)) {
            files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().startsWith("kustomization."))
                    // strategic-merge patches are partial objects: they are checked through the rendered overlays
                    .filter(f -> !f.getParent().getFileName().toString().equals("patches"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 10, "manifest files found: " + files);
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Path f : files) {
            for (HasMetadata o : parse(Files.readString(f), root.relativize(f).toString(), problems)) {
                count++;
                if (o instanceof Secret) {
                    problems.add(f + ": a Secret is committed ("
                            + o.getMetadata().getName() + "): create it out of band or let an operator create it");
                }
                if (o instanceof Deployment d) {
                    for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                        checkImage(f + " " + name(d), c.getImage(), problems);
                    }
                }
            }
        }
        assertTrue(count > 40, "objects parsed from the files: " + count);
        assertNoProblems(problems);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the rendered overlays

    @Test
    void devOverlay() throws Exception {
        Rendered r = render("dev");
        r.checkCommon();
        for (Deployment d : r.all(Deployment.class)) {
            assertEquals(1, d.getSpec().getReplicas(), name(d) + " replicas in dev");
        }
        assertTrue(r.all(HorizontalPodAutoscaler.class).isEmpty(), "dev has no HPA");
        assertTrue(r.generic("ScaledObject").isEmpty(), "dev has no KEDA ScaledObject");
        r.assertNoProblems();
    }

    @Test
    void prodOverlay() throws Exception {
        Rendered r = render("prod");
        r.checkCommon();
        r.checkProdScaling();
        for (GenericKubernetesResource c : r.generic("Cluster")) {
            assertTrue(
                    ((Number) c.get("spec", "instances")).intValue() >= 3,
                    name(c) + ": prod runs a primary and two standbys");
        }
        for (KafkaNodePool pool : r.all(KafkaNodePool.class)) {
            assertTrue(pool.getSpec().getReplicas() >= 3, name(pool) + ": prod keeps a quorum of 3");
        }
        for (KafkaTopic t : r.all(KafkaTopic.class)) {
            assertEquals(3, t.getSpec().getReplicas(), name(t) + " replicas");
        }
        r.assertNoProblems();
    }

    Rendered render(String overlay) throws Exception {
        Path dir = k8s.resolve("overlays").resolve(overlay);
        String kubectl = findKubectl();
        if (kubectl == null) {
            String msg =
                    "kubectl is not on PATH: the overlays cannot be rendered, so deploy/kubernetes/overlays/" + overlay
                            + " is NOT validated. Install kubectl (it has kustomize built in) or run with -Drelief.k8s.allow-missing-kubectl=true"
                            + " to skip the rendered checks on purpose.";
            if (Boolean.getBoolean("relief.k8s.allow-missing-kubectl")) {
                System.err.println("WARNING: " + msg);
                org.junit.jupiter.api.Assumptions.abort(msg);
            }
            fail(msg);
        }
        Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                .redirectErrorStream(false)
                .start();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream();
                InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(
                0, p.exitValue(), "kubectl kustomize " + dir + " failed:\n" + new String(err, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        List<HasMetadata> objects = parse(new String(out, StandardCharsets.UTF_8), "overlays/" + overlay, problems);
        Rendered r = new Rendered(overlay, objects);
        r.problems.addAll(problems);
        return r;
    }

    static String findKubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path k = Paths.get(dir, "kubectl");
            if (Files.isExecutable(k)) {
                return k.toString();
            }
        }
        return null;
    }

    /** The checks both overlays must pass, collected into {@link #problems}. */
    class Rendered {
        final String overlay;
        final List<HasMetadata> objects;
        final List<String> problems = new ArrayList<>();
        final Map<String, Deployment> deployments = new TreeMap<>();

        Rendered(String overlay, List<HasMetadata> objects) {
            this.overlay = overlay;
            this.objects = objects;
            all(Deployment.class).forEach(d -> deployments.put(name(d), d));
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> generic(String kind) {
            return objects.stream()
                    .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                    .map(GenericKubernetesResource.class::cast)
                    .toList();
        }

        void problem(String s) {
            problems.add(overlay + ": " + s);
        }

        void assertNoProblems() {
            KubernetesManifestsTest.assertNoProblems(problems);
        }

        void checkCommon() throws IOException {
            assertEquals(new TreeSet<>(SERVICES), deployments.keySet(), "one Deployment per service");
            for (HasMetadata o : objects) {
                if (o instanceof Secret) {
                    problem("a Secret is rendered: " + name(o));
                }
                if (!"Namespace".equals(o.getKind())
                        && !"relief".equals(o.getMetadata().getNamespace())) {
                    problem(o.getKind() + " " + name(o) + " is not in namespace relief");
                }
            }
            Map<String, ConfigMap> configMaps =
                    all(ConfigMap.class).stream().collect(Collectors.toMap(KubernetesManifestsTest::name, c -> c));
            for (ConfigMap cm : configMaps.values()) {
                if (cm.getData() != null) {
                    cm.getData().forEach((k, v) -> checkLiteral("ConfigMap " + name(cm) + " " + k, k, v));
                }
            }
            for (Deployment d : deployments.values()) {
                checkDeployment(d, configMaps);
            }
            checkServices();
            checkSelectors();
            checkKafka(configMaps);
            checkDatabases();
            checkNetworkPolicies();
            checkIngress();
            checkObservability();
        }

        void checkLiteral(String where, String name, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (SENSITIVE_NAME.matcher(name).matches()) {
                problem(where + ": a value for a secret-looking name; use a secretKeyRef");
            }
            if (SENSITIVE_VALUE.matcher(value).matches()) {
                problem(where + ": the value looks like a credential");
            }
        }

        void checkDeployment(Deployment d, Map<String, ConfigMap> configMaps) {
            String svc = name(d);
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels =
                    d.getSpec().getTemplate().getMetadata().getLabels();
            if (!matches(d.getSpec().getSelector(), podLabels)) {
                problem(svc + ": the Deployment's selector does not match its pod labels");
            }
            if (!"relief-logistics".equals(podLabels.get("app.kubernetes.io/part-of"))
                    || !"service".equals(podLabels.get("app.kubernetes.io/component"))) {
                problem(svc
                        + ": pod labels part-of/component missing (PodMonitor and the Kafka policy select on them)");
            }
            if (!svc.equals(pod.getServiceAccountName())) {
                problem(svc + ": runs as ServiceAccount " + pod.getServiceAccountName());
            }
            if (all(ServiceAccount.class).stream().noneMatch(sa -> name(sa).equals(svc))) {
                problem(svc + ": no ServiceAccount " + svc);
            }
            boolean podNonRoot = pod.getSecurityContext() != null
                    && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container c : containers) {
                String where = svc + "/" + c.getName();
                checkImage(overlay + " " + where, c.getImage(), problems);
                String tag = c.getImage().substring(c.getImage().lastIndexOf(':') + 1);
                if (!tag.equals(projectVersion())) {
                    problem(where + ": image tag " + tag + " is not the project version " + projectVersion()
                            + " that Jib builds");
                }
                if (!c.getImage().substring(0, c.getImage().lastIndexOf(':')).endsWith("/" + svc)) {
                    problem(where + ": image " + c.getImage() + " is not the service's image");
                }
                var res = c.getResources();
                for (String kind : List.of("cpu", "memory")) {
                    Quantity req = res == null || res.getRequests() == null
                            ? null
                            : res.getRequests().get(kind);
                    Quantity lim = res == null || res.getLimits() == null
                            ? null
                            : res.getLimits().get(kind);
                    if (req == null || lim == null) {
                        problem(where + ": " + kind + " request and limit must both be set");
                    } else if (Quantity.getAmountInBytes(req).compareTo(Quantity.getAmountInBytes(lim)) > 0) {
                        problem(where + ": " + kind + " request above its limit");
                    }
                }
                var sc = c.getSecurityContext();
                if (sc == null
                        || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                        || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                        || !(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot()))) {
                    problem(where + ": needs runAsNonRoot, readOnlyRootFilesystem and no privilege escalation");
                }
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (ContainerPort p : c.getPorts()) {
                    ports.put(p.getName(), p.getContainerPort());
                }
                if (!Integer.valueOf(HTTP_PORT).equals(ports.get("http"))
                        || !Integer.valueOf(MANAGEMENT_PORT).equals(ports.get("management"))) {
                    problem(where + ": ports must be http 8080 and management 9000, are " + ports);
                }
                if (pod.getContainers().contains(c)) {
                    checkProbe(where + " startupProbe", c.getStartupProbe(), "/q/health/started", ports);
                    checkProbe(where + " readinessProbe", c.getReadinessProbe(), "/q/health/ready", ports);
                    checkProbe(where + " livenessProbe", c.getLivenessProbe(), "/q/health/live", ports);
                    checkEnv(svc, c, configMaps);
                }
            }
        }

        void checkProbe(String where, Probe probe, String path, Map<String, Integer> ports) {
            HTTPGetAction get = probe == null ? null : probe.getHttpGet();
            if (get == null) {
                problem(where + ": missing (an httpGet probe on " + path + ")");
                return;
            }
            Integer port = get.getPort().getIntVal() != null
                    ? get.getPort().getIntVal()
                    : ports.get(get.getPort().getStrVal());
            if (!Integer.valueOf(MANAGEMENT_PORT).equals(port)) {
                problem(where + ": on port " + get.getPort() + ", not the management port " + MANAGEMENT_PORT);
            }
            if (!path.equals(get.getPath())) {
                problem(where + ": path " + get.getPath() + ", expected " + path);
            }
        }

        void checkEnv(String svc, Container c, Map<String, ConfigMap> configMaps) {
            Map<String, String> env = new LinkedHashMap<>();
            for (var from : c.getEnvFrom()) {
                if (from.getSecretRef() != null) {
                    continue;
                }
                ConfigMap cm = configMaps.get(from.getConfigMapRef().getName());
                if (cm == null) {
                    problem(svc + ": envFrom names a missing ConfigMap "
                            + from.getConfigMapRef().getName());
                } else {
                    env.putAll(cm.getData());
                }
            }
            Map<String, EnvVar> vars = new LinkedHashMap<>();
            for (EnvVar e : c.getEnv()) {
                vars.put(e.getName(), e);
                if (e.getValue() != null) {
                    checkLiteral(svc + " env " + e.getName(), e.getName(), e.getValue());
                    env.put(e.getName(), e.getValue());
                } else if (SENSITIVE_NAME.matcher(e.getName()).matches()
                        && (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null)) {
                    problem(svc + " env " + e.getName() + ": must come from a secretKeyRef");
                }
            }
            String db = dbName(svc);
            expectSecret(svc, vars.get("DB_USER"), db + "-db-app", "username");
            expectSecret(svc, vars.get("DB_PASSWORD"), db + "-db-app", "password");
            expectSecret(svc, vars.get("KAFKA_SASL_JAAS_CONFIG"), svc, "sasl.jaas.config");
            // one key-encryption key for all four services, from one Secret (sealed personal data, docs/privacy.md)
            expectSecret(svc, vars.get("RELIEF_PERSONAL_DATA_KEK"), "relief-personal-data", "kek");
            for (String required : List.of(
                    "QUARKUS_HTTP_PORT",
                    "QUARKUS_MANAGEMENT_PORT",
                    "DB_URL",
                    "DB_DIRECT_URL",
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "KAFKA_SECURITY_PROTOCOL",
                    "KAFKA_SASL_MECHANISM",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION",
                    "MP_JWT_VERIFY_ISSUER",
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
                if (!env.containsKey(required)) {
                    problem(svc + ": environment lacks " + required);
                }
            }
            if (!String.valueOf(HTTP_PORT).equals(env.get("QUARKUS_HTTP_PORT"))
                    || !String.valueOf(MANAGEMENT_PORT).equals(env.get("QUARKUS_MANAGEMENT_PORT"))) {
                problem(svc + ": QUARKUS_HTTP_PORT/QUARKUS_MANAGEMENT_PORT must be 8080/9000 like the container ports");
            }
            String own = "jdbc:postgresql://" + db + "-db-rw:5432/" + db;
            if (!own.equals(env.get("DB_URL")) || !own.equals(env.get("DB_DIRECT_URL"))) {
                problem(svc + ": DB_URL/DB_DIRECT_URL must be its own database " + own + ", are " + env.get("DB_URL")
                        + " / " + env.get("DB_DIRECT_URL"));
            }
            if (!"SCRAM-SHA-512".equals(env.get("KAFKA_SASL_MECHANISM"))
                    || !"SASL_SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL"))) {
                problem(svc + ": Kafka client must use SASL_SSL with SCRAM-SHA-512 like the Strimzi listener");
            }
            if (!svc.equals(env.get("RELIEF_KAFKA_USER"))) {
                problem(svc + ": RELIEF_KAFKA_USER must name its KafkaUser");
            }
        }

        void expectSecret(String svc, EnvVar e, String secret, String key) {
            var ref = e == null || e.getValueFrom() == null
                    ? null
                    : e.getValueFrom().getSecretKeyRef();
            if (ref == null || !secret.equals(ref.getName()) || !key.equals(ref.getKey())) {
                problem(svc + ": " + (e == null ? "a variable" : e.getName()) + " must come from secret " + secret
                        + " key " + key);
            }
        }

        void checkServices() {
            for (Service s : all(Service.class)) {
                List<Deployment> targets = deploymentsMatching(s.getSpec().getSelector());
                if (targets.size() != 1) {
                    problem("Service " + name(s) + " selects " + targets.size() + " Deployments");
                    continue;
                }
                Set<String> ports =
                        targets.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                                .map(ContainerPort::getName)
                                .collect(Collectors.toSet());
                Map<String, Integer> servicePorts = new TreeMap<>();
                for (ServicePort p : s.getSpec().getPorts()) {
                    servicePorts.put(p.getName(), p.getPort());
                    IntOrString target = p.getTargetPort();
                    if (target.getStrVal() != null && !ports.contains(target.getStrVal())) {
                        problem("Service " + name(s) + " targets unknown port " + target.getStrVal());
                    }
                }
                if (!Map.of("http", HTTP_PORT, "management", MANAGEMENT_PORT).equals(servicePorts)) {
                    problem("Service " + name(s) + " ports " + servicePorts);
                }
            }
            for (String svc : SERVICES) {
                if (all(Service.class).stream().noneMatch(s -> name(s).equals(svc))) {
                    problem("no Service " + svc);
                }
            }
        }

        void checkSelectors() {
            for (PodDisruptionBudget pdb : all(PodDisruptionBudget.class)) {
                if (deploymentsMatching(pdb.getSpec().getSelector()).size() != 1) {
                    problem("PodDisruptionBudget " + name(pdb) + " does not select exactly one Deployment");
                }
            }
            for (String svc : SERVICES) {
                if (all(PodDisruptionBudget.class).stream()
                        .noneMatch(p ->
                                deploymentsMatching(p.getSpec().getSelector()).contains(deployments.get(svc)))) {
                    problem(svc + " has no PodDisruptionBudget");
                }
            }
            for (HorizontalPodAutoscaler h : all(HorizontalPodAutoscaler.class)) {
                var ref = h.getSpec().getScaleTargetRef();
                if (!"Deployment".equals(ref.getKind()) || !deployments.containsKey(ref.getName())) {
                    problem("HPA " + name(h) + " targets a missing " + ref.getKind() + " " + ref.getName());
                }
            }
            for (GenericKubernetesResource so : generic("ScaledObject")) {
                if (!deployments.containsKey(String.valueOf((Object) so.get("spec", "scaleTargetRef", "name")))) {
                    problem("ScaledObject " + name(so) + " targets a missing Deployment");
                }
            }
            for (Deployment d : deployments.values()) {
                List<TopologySpreadConstraint> spread =
                        d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
                for (TopologySpreadConstraint t : spread == null ? List.<TopologySpreadConstraint>of() : spread) {
                    if (!matches(
                            t.getLabelSelector(),
                            d.getSpec().getTemplate().getMetadata().getLabels())) {
                        problem(name(d) + ": topology spread selector does not match its own pods");
                    }
                }
            }
        }

        List<Deployment> deploymentsMatching(Object selector) {
            return deployments.values().stream()
                    .filter(d -> {
                        Map<String, String> labels =
                                d.getSpec().getTemplate().getMetadata().getLabels();
                        return selector instanceof LabelSelector ls
                                ? matches(ls, labels)
                                : matches((Map<?, ?>) selector, labels);
                    })
                    .toList();
        }

        void checkKafka(Map<String, ConfigMap> configMaps) throws IOException {
            List<Kafka> kafkas = all(Kafka.class);
            assertEquals(1, kafkas.size(), "one Kafka");
            Kafka kafka = kafkas.get(0);
            String cluster = name(kafka);
            Map<String, String> ann = kafka.getMetadata().getAnnotations();
            if (ann == null
                    || !"enabled".equals(ann.get("strimzi.io/kraft"))
                    || !"enabled".equals(ann.get("strimzi.io/node-pools"))) {
                problem("Kafka " + cluster + " must run in KRaft mode with node pools");
            }
            GenericKafkaListener listener = kafka.getSpec().getKafka().getListeners().stream()
                    .filter(GenericKafkaListener::isTls)
                    .findFirst()
                    .orElse(null);
            if (listener == null || !(listener.getAuth() instanceof KafkaListenerAuthenticationScramSha512)) {
                problem("Kafka " + cluster + " needs a TLS listener with SCRAM-SHA-512");
            } else {
                String bootstrap = cluster + "-kafka-bootstrap:" + listener.getPort();
                for (ConfigMap cm : configMaps.values()) {
                    String b = cm.getData() == null ? null : cm.getData().get("KAFKA_BOOTSTRAP_SERVERS");
                    if (b != null && !b.equals(bootstrap)) {
                        problem("ConfigMap " + name(cm) + ": KAFKA_BOOTSTRAP_SERVERS " + b + " is not " + bootstrap);
                    }
                }
            }
            Set<String> roles = new TreeSet<>();
            for (KafkaNodePool pool : all(KafkaNodePool.class)) {
                if (!cluster.equals(pool.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                    problem("KafkaNodePool " + name(pool) + " not labelled for " + cluster);
                }
                pool.getSpec().getRoles().forEach(r -> roles.add(r.name().toLowerCase(java.util.Locale.ROOT)));
            }
            if (!roles.equals(Set.of("broker", "controller"))) {
                problem("node pools must provide the broker and controller roles, have " + roles);
            }

            Map<String, Integer> expected = topicsTxt();
            Map<String, Integer> actual = new TreeMap<>();
            for (KafkaTopic t : all(KafkaTopic.class)) {
                String topic = t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : name(t);
                actual.put(topic, t.getSpec().getPartitions());
                if (!cluster.equals(t.getMetadata().getLabels().get("strimzi.io/cluster"))) {
                    problem("KafkaTopic " + topic + " not labelled for " + cluster);
                }
                Object policy = t.getSpec().getConfig() == null
                        ? null
                        : t.getSpec().getConfig().get("cleanup.policy");
                if (topic.equals(PersonalDataKeyIssued.TOPIC)) {
                    // the data keys: the last record per subject must stay (a key, or its erasure), not age out
                    if (!"compact".equals(String.valueOf(policy))) {
                        problem("KafkaTopic " + topic + " must be compacted (cleanup.policy: compact), is " + policy);
                    }
                    continue;
                }
                Object retention = t.getSpec().getConfig() == null
                        ? null
                        : t.getSpec().getConfig().get("retention.ms");
                if (retention == null || Long.parseLong(retention.toString()) < TimeUnit.DAYS.toMillis(7)) {
                    problem("KafkaTopic " + topic
                            + ": retention.ms must be set, at least 7 days (the recovery path re-reads it)");
                }
            }
            if (!expected.equals(actual)) {
                problem("KafkaTopics " + actual + " differ from deploy/local/topics.txt " + expected);
            }

            Map<String, KafkaUser> users =
                    all(KafkaUser.class).stream().collect(Collectors.toMap(KubernetesManifestsTest::name, u -> u));
            for (String svc : SERVICES) {
                KafkaUser user = users.get(svc);
                if (user == null) {
                    problem("no KafkaUser " + svc);
                    continue;
                }
                if (!(user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication)) {
                    problem("KafkaUser " + svc + " must authenticate with SCRAM-SHA-512");
                }
                if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple auth)) {
                    problem("KafkaUser " + svc + " needs simple authorization");
                    continue;
                }
                Set<String> granted = new TreeSet<>();
                for (AclRule rule : auth.getAcls()) {
                    List<AclOperation> ops =
                            rule.getOperations() != null ? rule.getOperations() : List.of(rule.getOperation());
                    String res = rule.getResource() instanceof AclRuleTopicResource t
                            ? "topic:" + t.getName()
                            : rule.getResource() instanceof AclRuleGroupResource g
                                    ? "group:" + g.getName()
                                    : "other:" + rule.getResource().getType();
                    if (rule.getResource() instanceof AclRuleTopicResource t
                            && t.getPatternType() != null
                            && !"literal".equalsIgnoreCase(t.getPatternType().name())) {
                        problem("KafkaUser " + svc + ": topic ACLs must be literal");
                    }
                    ops.forEach(op -> granted.add(op.name().charAt(0)
                            + op.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " " + res));
                }
                Consumed consumed = consumed(svc);
                Set<String> needed = new TreeSet<>();
                consumed.topics.forEach(t -> needed.add("Read topic:" + t));
                consumed.groups.forEach(g -> needed.add("Read group:" + g));
                writes(svc).forEach(w -> needed.add("Write topic:" + w));
                for (String n : needed) {
                    if (!granted.contains(n)) {
                        problem("KafkaUser " + svc + " lacks " + n + " (from its application.properties)");
                    }
                }
                for (String g : granted) {
                    if (g.startsWith("Write ") && !writes(svc).contains(g.substring("Write topic:".length()))) {
                        problem("KafkaUser " + svc + " may write elsewhere than its own topic: " + g);
                    }
                    if (g.startsWith("Read topic:") && !consumed.topics.contains(g.substring("Read topic:".length()))) {
                        problem("KafkaUser " + svc + " reads a topic it does not consume: " + g);
                    }
                    if (g.startsWith("All ")) {
                        problem("KafkaUser " + svc + " has All on " + g);
                    }
                }
            }
        }

        void checkDatabases() {
            Map<String, GenericKubernetesResource> clusters =
                    generic("Cluster").stream().collect(Collectors.toMap(KubernetesManifestsTest::name, c -> c));
            for (String svc : SERVICES) {
                String db = dbName(svc);
                GenericKubernetesResource c = clusters.get(db + "-db");
                if (c == null) {
                    problem("no CloudNativePG Cluster " + db + "-db");
                    continue;
                }
                if (!"postgresql.cnpg.io/v1".equals(c.getApiVersion())) {
                    problem("Cluster " + db + "-db apiVersion " + c.getApiVersion());
                }
                requireField(c, "spec", "instances");
                if (!db.equals(c.get("spec", "bootstrap", "initdb", "database"))
                        || !db.equals(c.get("spec", "bootstrap", "initdb", "owner"))) {
                    problem("Cluster " + db + "-db must bootstrap database and owner " + db);
                }
                requireField(c, "spec", "storage", "size");
                requireField(c, "spec", "backup", "barmanObjectStore", "destinationPath");
                requireField(c, "spec", "backup", "retentionPolicy");
                Object image = c.get("spec", "imageName");
                if (image != null) {
                    checkImage("Cluster " + name(c), image.toString(), problems);
                }
                if (generic("ScheduledBackup").stream()
                        .noneMatch(b -> (db + "-db").equals(b.get("spec", "cluster", "name"))
                                && b.get("spec", "schedule") != null)) {
                    problem("Cluster " + db + "-db has no ScheduledBackup");
                }
            }
        }

        void requireField(GenericKubernetesResource r, Object... path) {
            Object v = r.get(path);
            if (v == null || v.toString().isBlank()) {
                problem(r.getKind() + " " + name(r) + " lacks " + List.of(path));
            }
        }

        void checkNetworkPolicies() {
            List<NetworkPolicy> policies = all(NetworkPolicy.class);
            boolean defaultDeny = policies.stream()
                    .anyMatch(p -> isEmpty(p.getSpec().getPodSelector())
                            && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                            && (p.getSpec().getIngress() == null
                                    || p.getSpec().getIngress().isEmpty())
                            && (p.getSpec().getEgress() == null
                                    || p.getSpec().getEgress().isEmpty()));
            if (!defaultDeny) {
                problem("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
            }
            for (String svc : SERVICES) {
                Deployment d = deployments.get(svc);
                List<NetworkPolicy> own = policies.stream()
                        .filter(p -> !isEmpty(p.getSpec().getPodSelector())
                                && matches(
                                        p.getSpec().getPodSelector(),
                                        d.getSpec().getTemplate().getMetadata().getLabels()))
                        .toList();
                if (own.size() != 1) {
                    problem(svc + ": expected exactly one NetworkPolicy selecting its pods, found " + own.size());
                    continue;
                }
                NetworkPolicy p = own.get(0);
                Set<Integer> ingressPorts = new TreeSet<>();
                p.getSpec().getIngress().forEach(r -> r.getPorts()
                        .forEach(port -> ingressPorts.add(port.getPort().getIntVal())));
                if (!ingressPorts.equals(Set.of(HTTP_PORT, MANAGEMENT_PORT))) {
                    problem(svc + ": ingress must open 8080 (ingress controller) and 9000 (Prometheus) only, opens "
                            + ingressPorts);
                }
                boolean kafka = false;
                boolean database = false;
                boolean dns = false;
                for (NetworkPolicyEgressRule rule : p.getSpec().getEgress()) {
                    if (rule.getTo() == null || rule.getTo().isEmpty()) {
                        problem(svc + ": an egress rule without destination opens everything");
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getTo()) {
                        if (peer.getIpBlock() != null && !webhookEgress(svc, rule, peer)) {
                            problem(
                                    svc + ": egress to an IP block "
                                            + peer.getIpBlock().getCidr()
                                            + " (only requests-service's webhooks may leave the cluster: 443, internal ranges excepted)");
                        }
                        Map<String, String> sel = peer.getPodSelector() == null
                                ? Map.of()
                                : peer.getPodSelector().getMatchLabels();
                        String dbCluster = sel.get("cnpg.io/cluster");
                        if (dbCluster != null) {
                            database = true;
                            if (!dbCluster.equals(dbName(svc) + "-db")) {
                                problem(svc + ": egress to another service's database " + dbCluster);
                            }
                        }
                        kafka |= sel.containsKey("strimzi.io/cluster");
                        dns |= "kube-dns".equals(sel.get("k8s-app"));
                    }
                }
                if (!kafka || !database || !dns) {
                    problem(svc + ": egress must reach Kafka, its database and DNS (kafka=" + kafka + ", db=" + database
                            + ", dns=" + dns + ")");
                }
            }
        }

        void checkIngress() throws IOException {
            List<Ingress> ingresses = all(Ingress.class);
            assertEquals(1, ingresses.size(), "one Ingress");
            Ingress ing = ingresses.get(0);
            if (ing.getSpec().getTls() == null
                    || ing.getSpec().getTls().isEmpty()
                    || ing.getSpec().getTls().get(0).getSecretName() == null) {
                problem("Ingress needs a TLS secret");
            }
            Set<String> hosts =
                    ing.getSpec().getRules().stream().map(r -> r.getHost()).collect(Collectors.toSet());
            if (hosts.size() != 1 || !ing.getSpec().getTls().get(0).getHosts().containsAll(hosts)) {
                problem("Ingress: one host, covered by TLS; hosts " + hosts);
            }
            Map<String, String> routed = new TreeMap<>();
            for (HTTPIngressPath p : ing.getSpec().getRules().get(0).getHttp().getPaths()) {
                String backend = p.getBackend().getService().getName();
                routed.put(p.getPath(), backend);
                if (!deployments.containsKey(backend)) {
                    problem("Ingress path " + p.getPath() + " goes to unknown Service " + backend);
                }
                if (!"http".equals(p.getBackend().getService().getPort().getName())) {
                    problem("Ingress path " + p.getPath() + " must go to the http port");
                }
            }
            for (String svc : SERVICES) {
                for (String path : rootResources(svc)) {
                    if (path.equals("/ops")) {
                        continue; // ops endpoints (a service's own, like the kernel's) stay off the Ingress: below
                    }
                    if (!svc.equals(routed.get(path))) {
                        problem("Ingress: " + svc + "'s resource " + path + " is routed to " + routed.get(path));
                    }
                }
            }
            // whole path segments: /quarantine is inventory's API, /q/... is Quarkus's management endpoints
            if (routed.keySet().stream()
                    .anyMatch(p -> p.equals("/ops")
                            || p.startsWith("/ops/")
                            || p.equals("/q")
                            || p.startsWith("/q/")
                            || p.equals("/"))) {
                problem("Ingress exposes /ops or /q");
            }
        }

        void checkObservability() throws IOException {
            List<GenericKubernetesResource> rules = generic("PrometheusRule");
            if (rules.isEmpty()) {
                problem("no PrometheusRule (deploy/observability/prometheus-rules.yaml)");
                return;
            }
            String runbook = Files.readString(root.resolve("docs/runbook.md"));
            Map<String, String> alerts = new TreeMap<>();
            for (GenericKubernetesResource r : rules) {
                JsonNode groups = JSON.valueToTree(r.getAdditionalProperties())
                        .path("spec")
                        .path("groups");
                for (JsonNode g : groups) {
                    for (JsonNode rule : g.path("rules")) {
                        if (rule.hasNonNull("alert")) {
                            alerts.put(
                                    rule.get("alert").asText(),
                                    rule.path("annotations").path("runbook_url").asText(""));
                        }
                    }
                }
            }
            for (String alert : ALERTS) {
                String url = alerts.get(alert);
                if (url == null) {
                    problem("PrometheusRule lacks alert " + alert);
                } else if (!url.endsWith("docs/runbook.md#" + alert.toLowerCase())) {
                    problem("alert " + alert + " runbook_url " + url);
                }
            }
            for (String alert : alerts.keySet()) {
                if (!Pattern.compile("(?m)^### " + Pattern.quote(alert) + "\\s*$")
                        .matcher(runbook)
                        .find()) {
                    problem("docs/runbook.md has no section '### " + alert + "'");
                }
            }
            if (all(ConfigMap.class).stream()
                    .noneMatch(c -> c.getMetadata().getLabels() != null
                            && c.getMetadata().getLabels().containsKey("grafana_dashboard")
                            && c.getData() != null
                            && c.getData().values().stream()
                                    .anyMatch(v -> v.trim().startsWith("{")))) {
                problem("no Grafana dashboard ConfigMap (label grafana_dashboard, JSON data)");
            }
        }

        void checkProdScaling() {
            Map<String, Integer> minReplicas = new TreeMap<>();
            Map<String, Integer> scalers = new TreeMap<>();
            for (HorizontalPodAutoscaler h : all(HorizontalPodAutoscaler.class)) {
                String target = h.getSpec().getScaleTargetRef().getName();
                scalers.merge(target, 1, Integer::sum);
                minReplicas.put(target, h.getSpec().getMinReplicas());
                if (h.getSpec().getMaxReplicas() <= h.getSpec().getMinReplicas()) {
                    problem("HPA " + name(h) + ": max must exceed min");
                }
            }
            for (GenericKubernetesResource so : generic("ScaledObject")) {
                String target = String.valueOf((Object) so.get("spec", "scaleTargetRef", "name"));
                scalers.merge(target, 1, Integer::sum);
                int min = ((Number) so.get("spec", "minReplicaCount")).intValue();
                int max = ((Number) so.get("spec", "maxReplicaCount")).intValue();
                minReplicas.put(target, min);
                Consumed consumed = consumed(target);
                List<?> triggers = (List<?>) so.get("spec", "triggers");
                boolean lag = false;
                for (Object t : triggers) {
                    Map<?, ?> trigger = (Map<?, ?>) t;
                    if (!"kafka".equals(trigger.get("type"))) {
                        continue;
                    }
                    lag = true;
                    Map<?, ?> md = (Map<?, ?>) trigger.get("metadata");
                    String topic = String.valueOf(md.get("topic"));
                    if (!consumed.topics.contains(topic)
                            || !consumed.groups.contains(String.valueOf((Object) md.get("consumerGroup")))) {
                        problem("ScaledObject " + name(so) + ": trigger on " + topic + "/" + md.get("consumerGroup")
                                + " which " + target + " does not consume");
                    }
                    try {
                        int partitions = topicsTxt().get(topic);
                        int perPod = consumed.consumersPerPod.getOrDefault(topic, 1);
                        if (max * perPod > partitions) {
                            problem("ScaledObject " + name(so) + ": " + max + " pods x " + perPod
                                    + " consumers exceed the " + partitions + " partitions of " + topic);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    if (md.get("bootstrapServers") == null || trigger.get("authenticationRef") == null) {
                        problem("ScaledObject " + name(so)
                                + ": kafka trigger needs bootstrapServers and an authenticationRef");
                    }
                }
                if (!lag) {
                    problem("ScaledObject " + name(so) + " has no Kafka lag trigger");
                }
            }
            if (generic("ScaledObject").stream()
                    .noneMatch(so -> "dispatch-service".equals(so.get("spec", "scaleTargetRef", "name")))) {
                problem("dispatch-service should scale on Kafka lag (KEDA ScaledObject)");
            }
            for (GenericKubernetesResource ta : generic("TriggerAuthentication")) {
                if (ta.get("spec") == null) {
                    problem("TriggerAuthentication " + name(ta) + " is empty");
                }
            }
            for (Deployment d : deployments.values()) {
                String svc = name(d);
                if (scalers.getOrDefault(svc, 0) != 1) {
                    problem(svc + ": exactly one autoscaler (HPA or KEDA) expected, found "
                            + scalers.getOrDefault(svc, 0));
                    continue;
                }
                int min = minReplicas.get(svc);
                if (min < 2) {
                    problem(svc + ": prod minimum replicas " + min);
                }
                if (!Objects.equals(d.getSpec().getReplicas(), min)) {
                    problem(svc + ": Deployment replicas " + d.getSpec().getReplicas()
                            + " differ from the autoscaler's minimum " + min);
                }
                PodDisruptionBudget pdb = all(PodDisruptionBudget.class).stream()
                        .filter(p ->
                                deploymentsMatching(p.getSpec().getSelector()).contains(d))
                        .findFirst()
                        .orElseThrow();
                IntOrString minAvailable = pdb.getSpec().getMinAvailable();
                if (minAvailable == null
                        || minAvailable.getIntVal() == null
                        || pdb.getSpec().getMaxUnavailable() != null) {
                    problem(svc + ": prod PDB must use an integer minAvailable (and no maxUnavailable)");
                } else if (minAvailable.getIntVal() < 1 || minAvailable.getIntVal() >= min) {
                    problem(svc + ": PDB minAvailable " + minAvailable.getIntVal()
                            + " must be at least 1 and below the minimum " + min + ", or drains block");
                }
                List<TopologySpreadConstraint> spread =
                        d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
                if (spread == null
                        || spread.stream().noneMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))
                        || spread.stream().noneMatch(t -> "topology.kubernetes.io/zone".equals(t.getTopologyKey()))) {
                    problem(svc + ": prod spreads pods over nodes and zones");
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // parsing

    /** Every document of a YAML stream as a typed object; what does not parse, or carries unknown fields, is a problem. */
    static List<HasMetadata> parse(String yaml, String source, List<String> problems) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new StringReader(yaml))) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
                    continue;
                }
                String apiVersion = node.path("apiVersion").asText("");
                String kind = node.path("kind").asText("");
                String where = source + " " + kind + " "
                        + node.path("metadata").path("name").asText("?");
                if (apiVersion.isEmpty()
                        || kind.isEmpty()
                        || node.path("metadata").path("name").asText("").isEmpty()) {
                    problems.add(where + ": apiVersion, kind and metadata.name are required");
                    continue;
                }
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                HasMetadata typed;
                try {
                    if (group.equals("kafka.strimzi.io")) {
                        Class<? extends HasMetadata> type = STRIMZI.get(kind);
                        if (type == null || !apiVersion.equals("kafka.strimzi.io/v1beta2")) {
                            problems.add(where + ": unexpected Strimzi resource " + apiVersion);
                            continue;
                        }
                        typed = JSON.treeToValue(node, type);
                    } else {
                        typed = JSON.treeToValue(node, HasMetadata.class);
                        if (typed instanceof GenericKubernetesResource && !GENERIC_GROUPS.contains(group)) {
                            problems.add(where + ": " + apiVersion + " is not a kind of the Kubernetes model");
                            continue;
                        }
                        if (typed instanceof GenericKubernetesResource g) {
                            if (!(g.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)
                                    || spec.isEmpty()) {
                                problems.add(where + ": spec is required");
                            }
                        }
                    }
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(where + ": does not parse: " + e.getMessage());
                    continue;
                }
                if (!(typed instanceof GenericKubernetesResource)) {
                    unknownFields(typed, where, problems, 0);
                }
                out.add(typed);
            }
        }
        return out;
    }

    /** Walks a typed model object and reports every "additional property": a field the model does not know. */
    static void unknownFields(Object o, String path, List<String> problems, int depth) {
        if (o == null
                || depth > 40
                || o instanceof String
                || o instanceof Number
                || o instanceof Boolean
                || o instanceof Enum<?>) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, depth + 1));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", problems, depth + 1);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            if (!(n.startsWith("get") || n.startsWith("is")) || n.equals("getClass")) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (n.equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            if (v != o) {
                unknownFields(v, path + "." + n.replaceFirst("^(get|is)", ""), problems, depth + 1);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what the project itself says: topics, consumers, resources, version

    record Consumed(Set<String> topics, Set<String> groups, Map<String, Integer> consumersPerPod) {}

    /** mp.messaging.incoming.*.topic / group.id / partitions of a service's application.properties (profile-less lines). */
    static Consumed consumed(String svc) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(root.resolve(svc).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> topics = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Map<String, Integer> perPod = new TreeMap<>();
        Pattern channel = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        for (String key : p.stringPropertyNames()) {
            Matcher m = channel.matcher(key);
            if (m.matches()) {
                String ch = "mp.messaging.incoming." + m.group(1) + ".";
                String topic = p.getProperty(key);
                topics.add(topic);
                groups.add(p.getProperty(ch + "group.id", svc));
                perPod.merge(topic, Integer.parseInt(p.getProperty(ch + "partitions", "1")), Integer::sum);
            }
        }
        assertFalse(topics.isEmpty(), svc + " consumes nothing?");
        return new Consumed(topics, groups, perPod);
    }

    /** Internal ranges a webhook must never reach: private, loopback, link-local (cloud metadata), carrier-grade NAT. */
    static final Set<String> INTERNAL_RANGES =
            Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8");

    /** requests-service's partner webhooks: https only, every internal range excepted. */
    static boolean webhookEgress(String svc, NetworkPolicyEgressRule rule, NetworkPolicyPeer peer) {
        return svc.equals("requests-service")
                && rule.getPorts() != null
                && rule.getPorts().size() == 1
                && rule.getPorts().get(0).getPort().getIntVal() == 443
                && peer.getIpBlock().getExcept() != null
                && peer.getIpBlock().getExcept().containsAll(INTERNAL_RANGES);
    }

    static String dbName(String svc) {
        return svc.substring(0, svc.indexOf("-service"));
    }

    static String ownTopic(String svc) {
        return dbName(svc) + ".events.v1";
    }

    /**
     * What a service publishes: its own topic; requests-, dispatch- and volunteer-service also the data keys of the
     * people they take in (the requests' people, drivers, volunteers).
     */
    static Set<String> writes(String svc) {
        return Set.of("requests-service", "dispatch-service", "volunteer-service")
                        .contains(svc)
                ? Set.of(ownTopic(svc), PersonalDataKeyIssued.TOPIC)
                : Set.of(ownTopic(svc));
    }

    static Map<String, Integer> topicsTxt() throws IOException {
        Map<String, Integer> topics = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("deploy/local/topics.txt"))) {
            String l = line.replaceAll("#.*", "").trim();
            if (!l.isEmpty()) {
                String[] f = l.split("\\s+");
                topics.put(f[0], Integer.parseInt(f[1]));
            }
        }
        assertEquals(SERVICES.size() + 1, topics.size(), "topics.txt: one per service and the data keys");
        return topics;
    }

    /** Class-level JAX-RS roots of a service ({@code @Path("/x")} at column 0), i.e. what the Ingress must route. */
    static Set<String> rootResources(String svc) throws IOException {
        Set<String> roots = new LinkedHashSet<>();
        Pattern path = Pattern.compile("(?m)^@Path\\(\"(/[^\"/]*)");
        try (Stream<Path> s = Files.walk(root.resolve(svc).resolve("src/main/java"))) {
            for (Path f : s.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = path.matcher(Files.readString(f));
                while (m.find()) {
                    roots.add(m.group(1));
                }
            }
        }
        assertFalse(roots.isEmpty(), svc + " has no JAX-RS root resource?");
        return roots;
    }

    static String projectVersion() {
        try {
            Matcher m = Pattern.compile("<artifactId>relief-logistics</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(root.resolve("pom.xml")));
            assertTrue(m.find(), "project version in pom.xml");
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // small helpers

    static void checkImage(String where, String image, List<String> problems) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("@sha256:")) {
            return;
        }
        if (!last.contains(":")) {
            problems.add(where + ": image " + image + " has no tag");
        } else if (last.endsWith(":latest")) {
            problems.add(where + ": image " + image + " uses latest");
        }
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null
                || (selector.getMatchExpressions() != null
                        && !selector.getMatchExpressions().isEmpty())) {
            return false;
        }
        return matches(selector.getMatchLabels(), labels);
    }

    static boolean matches(Map<?, ?> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && selector.entrySet().stream()
                        .allMatch(e -> Objects.equals(labels.get(String.valueOf(e.getKey())), e.getValue()));
    }

    static boolean isEmpty(LabelSelector s) {
        return s == null
                || ((s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                        && (s.getMatchExpressions() == null
                                || s.getMatchExpressions().isEmpty()));
    }

    static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }

    static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) in deploy/kubernetes:\n  " + String.join("\n  ", problems));
        }
    }
}
