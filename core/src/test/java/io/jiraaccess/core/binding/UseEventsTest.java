package io.jiraaccess.core.binding;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UseEventsTest {
    static final String TOKEN = "pat-secret-value-0123456789";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final PipelineRun RUN = new PipelineRun("team/app/main", "42", "https://ci.example.com/job/team/job/app/job/main/42/", "linux-7");

    static PatSpec spec() {
        return new PatSpec(new CredentialSpec.Common("dc-pat", URI.create("https://jira.example.com/jira"), null, "ci-bot",
                null, new AllowPolicy(List.of(), List.of("OPS"), null)), SecretValue.of(TOKEN), null);
    }

    @Test
    void tokenUsedCarriesJobBuildNodeAndFingerprintButNoSecret() {
        String fp = new Fingerprinter(new byte[32]).fingerprint(spec());
        AuditEvent e = UseEvents.tokenUsed(spec(), fp, RUN, "withJiraAuth", Instant.parse("2026-03-01T11:00:00Z"),
                "jenkins@ci.example.com", NOW);

        assertEquals("token.used", e.action());
        assertEquals("jira_access.ci", e.dataset());
        assertEquals("success", e.outcome());
        assertEquals("team/app/main", e.getString("jira_access.pipeline.job"));
        assertEquals("42", e.getString("jira_access.pipeline.build"));
        assertEquals("linux-7", e.getString("jira_access.pipeline.node"));
        assertEquals(RUN.url(), e.getString("jira_access.pipeline.url"));
        assertEquals(fp, e.fingerprint());
        assertEquals(16, fp.length());
        assertEquals("dc-pat", e.credentialId());
        assertEquals("pat", e.getString("jira_access.credential.kind"));
        assertEquals(List.of("OPS"), e.get("jira_access.credential.projects"));
        assertEquals("2026-03-01T11:00:00Z", e.getString("jira_access.credential.expires_at"));
        assertEquals("https://jira.example.com/jira", e.getString("jira_access.jira.site"));
        assertEquals("datacenter", e.getString("jira_access.jira.flavor"));
        assertEquals("ci-bot", e.getString("user.name"));
        assertEquals("jenkins@ci.example.com", e.getString("service.name"));
        assertEquals("withJiraAuth used credential dc-pat in team/app/main#42", e.getString("message"));
        assertThat(e.toJson()).doesNotContain(TOKEN);
    }

    @Test
    void rotatedPatIsFingerprintedByTheTokenInUseOtherKindsByTheirConfiguredSecret() {
        Fingerprinter f = new Fingerprinter(new byte[32]);
        SecretValue rotated = SecretValue.of("rotated-pat-value");

        assertEquals(f.fingerprint(rotated), UseEvents.fingerprint(f, spec(), new AuthHeader("Bearer", rotated)));
        assertEquals(f.fingerprint(SecretValue.of(TOKEN)), UseEvents.fingerprint(f, spec(), null));
        ApiTokenSpec api = new ApiTokenSpec(spec().common(), "a@example.com", SecretValue.of("api-value"), null);
        assertEquals(f.fingerprint(SecretValue.of("api-value")),
                UseEvents.fingerprint(f, api, new AuthHeader("Basic", SecretValue.of("YTpi"))));
    }

    @Test
    void refusalIsAPolicyViolationNamingTheRule() {
        AuditEvent e = UseEvents.refused(spec(), "00ff00ff00ff00ff", RUN, "jiraRequest", "agentLabel",
                "node linux-7 does not match label expression 'jira && trusted'", "jenkins", NOW);

        assertEquals("policy.violation", e.action());
        assertEquals("jira_access.enforcement", e.dataset());
        assertEquals("failure", e.outcome());
        assertEquals("agentLabel", e.getString("jira_access.policy.rule"));
        assertEquals("node linux-7 does not match label expression 'jira && trusted'", e.getString("event.reason"));
        assertThat(e.toJson()).doesNotContain(TOKEN);
    }
}
