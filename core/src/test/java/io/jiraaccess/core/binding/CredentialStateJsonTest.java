package io.jiraaccess.core.binding;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.store.CredentialState;
import io.jiraaccess.core.store.CredentialStateJson;
import io.jiraaccess.core.store.StoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialStateJsonTest {
    @Test
    void stateRoundTripsAttributesAndSecrets() {
        CredentialState s = CredentialState.EMPTY.with("oauth.generation", "3").with("upkeep.lastRenewedAt", "2026-03-01T00:00:00Z")
                .withSecret("oauth.refresh_token", SecretValue.of("rt-\"quoted\"-value"));

        CredentialState back = CredentialStateJson.read("c", CredentialStateJson.write(s));

        assertEquals(s.attributes(), back.attributes());
        assertEquals("rt-\"quoted\"-value", back.secret("oauth.refresh_token").reveal());
        assertEquals(CredentialState.EMPTY, CredentialStateJson.read("c", null));
    }

    @Test
    void corruptStateNamesTheCredentialButNeverQuotesTheText() {
        StoreException e = assertThrows(StoreException.class, () -> CredentialStateJson.read("ci-jira", "{\"secrets\":{\"x\":\"rt-123"));

        assertEquals("credential ci-jira: stored rotation state is corrupt; re-enter the credential's secret to start it afresh",
                e.getMessage());
        assertThat(e.getMessage()).doesNotContain("rt-123");
    }
}
