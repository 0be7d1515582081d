package io.jiraaccess.core.rotation;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.testing.RecordingEventSink;
import io.jiraaccess.core.testing.SecretLeakWatch;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.core.upkeep.CredentialRenewer;
import io.jiraaccess.core.upkeep.OAuthRefresher;
import io.jiraaccess.core.upkeep.UpkeepPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The rotation engine behind the {@link CredentialRenewer} seam the Jenkins plugin's periodic work calls. */
class PatRenewerTest {
    private final SimWorld w = SimWorld.fresh();
    private final RecordingEventSink events = new RecordingEventSink();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final AuthContext ctx = new AuthContext(store, new TokenBroker(), events, new Fingerprinter(new byte[32]),
            w.sim.clock(), "jenkins-controller");
    private final CredentialRenewer renewer = CredentialRenewer.byKind(new OAuthRefresher(), new PatRenewer());

    @RegisterExtension
    final SecretLeakWatch leaks = new SecretLeakWatch(w.initialToken).watch(events::ndjson);

    private void storedTokensAreSecrets() {
        store.load("ci").ifPresent(s -> s.secrets().values().forEach(v -> leaks.secret(v.reveal())));
    }

    @Test
    void renewRotatesMaintainRevokesAfterGraceAndRevokeTakesTheCredentialOutOfUse() {
        PatSpec spec = w.spec("");
        renewer.renew(spec, ctx);
        storedTokensAreSecrets();
        PatState st = new PatState("ci", store.load("ci").orElseThrow());
        long current = st.storedCurrent().id();
        assertEquals(st.storedCurrent().expiresAt().toString(), st.raw().attribute(UpkeepPlanner.EXPIRES_AT),
                "the Jenkins planner learns the new token's expiry");
        assertEquals(List.of(w.initialTokenId, current), w.live("jira-").stream().map(t -> t.id()).toList());

        w.sim.advanceClock(Duration.ofMinutes(60));
        RotationResult maintained = new PatRenewer().maintain(spec, ctx);
        leaks.captured(maintained.toString());
        assertEquals(List.of(w.initialTokenId), maintained.revoked());

        renewer.revoke(spec, ctx);
        assertEquals(List.of(), w.live("jira-"));
        assertNotNull(w.token(current).revokedAt());
        assertEquals(1, events.withAction("credential.rotated").size());
        assertEquals(2, events.withAction("credential.revoked").size());
    }

    @Test
    void anotherKindIsRefusedWithTheCredentialNamed() {
        CredentialSpec api = new ApiTokenSpec(new CredentialSpec.Common("cloud", URI.create("https://acme.atlassian.net"),
                null, null, null, null), "ci@acme.example", SecretValue.of("ATATT-token-value-1"), null);
        ConfigurationException e = leaks.thrown(ConfigurationException.class, () -> new PatRenewer().renew(api, ctx));
        assertEquals("credential cloud: is a api-token credential; only pat credentials are rotated by the PAT "
                + "rotation engine", e.getMessage());
    }
}
