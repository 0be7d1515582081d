package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiraaccess.core.secret.SecretForms;

/** Asserts that no printed form of a secret (literal, Base64, URL, JSON-escaped...) appears in captured text. */
public final class Secrecy {

    private Secrecy() {
    }

    public static void assertAbsent(String captured, String... secrets) {
        for (String secret : secrets) {
            for (String form : SecretForms.of(secret)) {
                assertThat(captured).as("a form of a secret leaked").doesNotContain(form);
            }
        }
    }

    /** Everything the simulator shows about itself: request log, audit (both renderings), token inventories. */
    public static String everythingVisible(JiraSimulator sim) {
        SimHttp http = SimFixture.http();
        StringBuilder all = new StringBuilder();
        all.append(http.get("/_sim/requests", null).body());
        all.append(http.get("/_sim/tokens", null).body());
        all.append(http.get("/_sim/api-tokens", null).body());
        all.append(http.get("/_sim/users", null).body());
        all.append(sim.auditEntries());
        all.append(sim.requests());
        sim.auditEntries().forEach(e -> all.append(io.jiraaccess.sim.api.AuditApiAccess.render(e, sim.baseUrl())));
        return all.toString();
    }
}
