package io.jiraaccess.core.binding;

import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionProbeTest {
    static CredentialSpec pat(String site) {
        return CredentialFields.of(CredentialKind.PAT, "p").set("site", site).secret("token", "pat-value").toSpec("t");
    }

    @Test
    void probePathFollowsFlavorAndKind() {
        assertEquals("/rest/api/2/myself", ConnectionProbe.path(pat("https://jira.example.com")));
        assertEquals("/rest/api/3/myself", ConnectionProbe.path(CredentialFields.of(CredentialKind.API_TOKEN, "a")
                .set("site", "https://acme.atlassian.net").set("email", "a@example.com").secret("token", "v").toSpec("t")));
        assertEquals("/rest/api/3/serverInfo", ConnectionProbe.path(CredentialFields.of(CredentialKind.CONNECT_JWT, "j")
                .set("site", "https://acme.atlassian.net").set("appKey", "k").secret("sharedSecret", "s".repeat(32)).toSpec("t")));
        assertNull(ConnectionProbe.path(CredentialFields.of(CredentialKind.OAUTH_REFRESH_TOKEN, "r")
                .set("site", "https://jira.example.com").set("clientId", "c").secret("refreshToken", "rt").toSpec("t")));
    }

    @Test
    void successNamesTheIdentityAndFailureGivesTheFix() {
        ConnectionProbe.Result ok = ConnectionProbe.result(pat("https://jira.example.com"), 200,
                "{\"name\":\"ci-bot\",\"displayName\":\"CI Bot\"}");
        assertTrue(ok.ok());
        assertEquals("Connected to https://jira.example.com as CI Bot", ok.message());

        ConnectionProbe.Result denied = ConnectionProbe.result(pat("https://jira.example.com"), 401, "{\"errorMessages\":[\"x\"]}");
        assertFalse(denied.ok());
        assertEquals("https://jira.example.com: Jira refused the credential: check the token (expired or revoked?) and, "
                + "for API tokens, the email", denied.message());

        assertEquals("Connected to https://jira.example.com (HTTP 204)",
                ConnectionProbe.result(pat("https://jira.example.com"), 204, "").message());
    }
}
