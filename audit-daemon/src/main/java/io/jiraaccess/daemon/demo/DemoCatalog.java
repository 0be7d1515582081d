package io.jiraaccess.daemon.demo;

import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.secret.SecretReferences;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs in the demo: the Jenkins controllers with their agents, the CI credentials (one of every kind, as
 * credential files reference them), and the jobs, each bound to a controller and a credential.
 */
final class DemoCatalog {
    /** A Jenkins controller and its build agents with their addresses ({@code source.ip} of what runs there). */
    record Controller(String name, Map<String, String> nodes) {
    }

    /**
     * A pipeline job.
     *
     * @param project the Jira project it works in
     * @param foreign a project outside the credential's {@code allow.projects} it sometimes strays into
     */
    record Job(String name, String controller, String credentialId, String project, String foreign) {
        String slug() {
            return name.replace('/', '.');
        }
    }

    static final List<Controller> CONTROLLERS = List.of(
            new Controller("jenkins-main", nodes("main-agent-1", "10.20.1.11", "main-agent-2", "10.20.1.12",
                    "main-agent-3", "10.20.1.13")),
            new Controller("jenkins-release", nodes("release-agent-1", "10.20.2.21", "release-agent-2", "10.20.2.22")),
            new Controller("jenkins-legacy", nodes("built-in", "10.20.3.31", "legacy-agent-1", "10.20.3.32")));

    /** Where the occasional build from an unknown machine comes from (TEST-NET-3, never routed). */
    static final String UNUSUAL_NODE = "unregistered-host";
    static final String UNUSUAL_ADDRESS = "203.0.113.77";

    static final List<Job> JOBS = List.of(
            new Job("platform/build", "jenkins-main", "dc-ci-pat", "DEMO", "SEC"),
            new Job("platform/integration-tests", "jenkins-main", "dc-ci-pat", "OPS", "SEC"),
            new Job("web/release-notes", "jenkins-main", "cloud-legacy-token", "DEMO", "OPS"),
            new Job("web/deploy", "jenkins-main", "dc-deploy-oauth", "DEMO", "SEC"),
            new Job("mobile/release", "jenkins-release", "cloud-release-token", "MOB", "SEC"),
            new Job("mobile/changelog", "jenkins-release", "dc-release-pat", "MOB", "OPS"),
            new Job("reporting/weekly", "jenkins-release", "dc-reporting-oauth", "DEMO", "SEC"),
            new Job("ops/nightly-sync", "jenkins-legacy", "dc-nightly-pat", "OPS", "SEC"),
            new Job("ops/cleanup", "jenkins-legacy", "dc-cleanup-pat", "OPS", "SEC"),
            new Job("sync/connect-bridge", "jenkins-legacy", "cloud-sync-connect", "DEMO", "MOB"));

    /** The controller that rotates {@code dc-ci-pat} in its periodic upkeep. */
    static final String ROTATING_CONTROLLER = "jenkins-main";
    static final String ROTATED_CREDENTIAL = "dc-ci-pat";
    /** The credential the security team takes out of use during the run. */
    static final String INCIDENT_CREDENTIAL = "dc-cleanup-pat";
    static final String INCIDENT_TOKEN = "legacy-cleanup";

    private DemoCatalog() {
    }

    /** The CI credentials on {@code site}, secrets as {@code ${env:NAME}} references resolved from {@code secrets}. */
    static Map<String, CredentialSpec> credentials(DemoWorld world) {
        CredentialSpecParser parser = new CredentialSpecParser(SecretReferences.fromMap(world.secrets()));
        Map<String, CredentialSpec> out = new LinkedHashMap<>();
        for (String yaml : credentialFiles(world.site(), world.apiTokenExpiry("ci-pipeline"),
                world.apiTokenExpiry("release-bot"))) {
            CredentialSpec spec = parser.parse("demo credential", yaml, null);
            out.put(spec.id(), spec);
        }
        return out;
    }

    private static List<String> credentialFiles(String site, java.time.Instant bobExpiry, java.time.Instant carolExpiry) {
        return List.of(
                """
                id: dc-ci-pat
                kind: pat
                site: %s
                flavor: datacenter
                owner: ci-bot
                token: ${env:DEMO_CI_PAT}
                allow: { projects: [DEMO, OPS] }
                rotation: { everyDays: 30, expiryDays: 60, graceMinutes: 0, tokenName: jira-access-dc-ci-pat }
                """.formatted(site),
                """
                id: dc-release-pat
                kind: pat
                site: %s
                flavor: datacenter
                owner: ci-bot
                token: ${env:DEMO_RELEASE_PAT}
                allow: { projects: [MOB] }
                """.formatted(site),
                """
                id: dc-nightly-pat
                kind: pat
                site: %s
                flavor: datacenter
                owner: ops-bot
                token: ${env:DEMO_NIGHTLY_PAT}
                allow: { projects: [OPS] }
                """.formatted(site),
                """
                id: dc-cleanup-pat
                kind: pat
                site: %s
                flavor: datacenter
                owner: ops-bot
                token: ${env:DEMO_CLEANUP_PAT}
                allow: { projects: [OPS] }
                """.formatted(site),
                """
                id: cloud-legacy-token
                kind: api-token
                site: %s
                flavor: cloud
                owner: bob
                email: bob@example.com
                token: ${env:DEMO_BOB_TOKEN}
                expiresAt: "%s"
                allow: { projects: [DEMO, MOB] }
                """.formatted(site, bobExpiry),
                """
                id: cloud-release-token
                kind: api-token
                site: %s
                flavor: cloud
                owner: carol
                email: carol@example.com
                token: ${env:DEMO_CAROL_TOKEN}
                expiresAt: "%s"
                allow: { projects: [MOB, DEMO] }
                """.formatted(site, carolExpiry),
                """
                id: dc-deploy-oauth
                kind: oauth-client-credentials
                site: %s
                flavor: datacenter
                owner: svc-deploy
                clientId: deploy-service
                clientSecret: ${env:DEMO_DEPLOY_CLIENT_SECRET}
                scopes: [READ, WRITE]
                allow: { projects: [DEMO, OPS] }
                """.formatted(site),
                """
                id: dc-reporting-oauth
                kind: oauth-refresh-token
                site: %s
                flavor: datacenter
                owner: carol
                clientId: reporting-app
                clientSecret: ${env:DEMO_REPORTING_CLIENT_SECRET}
                scopes: [READ]
                allow: { projects: [DEMO, MOB], operations: [read] }
                """.formatted(site),
                """
                id: cloud-sync-connect
                kind: connect-jwt
                site: %s
                flavor: cloud
                owner: io.jiraaccess.demo.sync
                appKey: io.jiraaccess.demo.sync
                sharedSecret: ${env:DEMO_CONNECT_SHARED_SECRET}
                allow: { projects: [DEMO, OPS] }
                """.formatted(site));
    }

    static Controller controller(String name) {
        return CONTROLLERS.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo controller " + name));
    }

    private static Map<String, String> nodes(String... nameAndAddress) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndAddress.length; i += 2) {
            m.put(nameAndAddress[i], nameAndAddress[i + 1]);
        }
        return m;
    }
}
