package io.jiraaccess.core.binding;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.Operation;
import io.jiraaccess.core.credential.PatSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialFieldsTest {
    static final String SOURCE = "Jenkins credential 'x'";

    @Test
    void managedPatWithAllowPolicyFromCommaSeparatedFields() {
        CredentialSpec spec = CredentialFields.of(CredentialKind.PAT, "dc-pat")
                .set("site", "https://jira.example.com/jira").set("owner", "ci-bot")
                .set("allow.hosts", "jira.example.com, jira-mirror.example.com").set("allow.projects", "ops abc")
                .set("allow.operations", "read,write")
                .set("rotation.everyDays", 30).set("rotation.expiryDays", 45).set("rotation.graceMinutes", 90)
                .secret("token", "pat-value-123").toSpec(SOURCE);

        PatSpec pat = (PatSpec) spec;
        assertEquals("dc-pat", pat.id());
        assertEquals("https://jira.example.com/jira", pat.common().siteBase());
        assertEquals(JiraFlavor.DATACENTER, pat.flavor());
        assertEquals("pat-value-123", pat.token().reveal());
        assertEquals(List.of("jira.example.com", "jira-mirror.example.com"), pat.allow().hosts());
        assertEquals(List.of("OPS", "ABC"), pat.allow().projects());
        assertEquals(Set.of(Operation.READ, Operation.WRITE), pat.allow().operations());
        assertEquals(30, pat.rotation().everyDays());
        assertEquals(45, pat.rotation().expiryDays());
        assertEquals(Duration.ofMinutes(90), pat.rotation().grace());
        assertEquals("jira-access-dc-pat", pat.rotation().tokenName());
    }

    @Test
    void blankFieldsAreLeftOutSoDefaultsApply() {
        PatSpec pat = (PatSpec) CredentialFields.of(CredentialKind.PAT, "p").set("site", "https://jira.example.com")
                .set("owner", " ").set("allow.hosts", "").secret("token", "pat-value").secret("rotation.password", "")
                .toSpec(SOURCE);

        assertNull(pat.common().owner());
        assertEquals(List.of(), pat.allow().hosts());
        assertEquals(false, pat.rotation().managed());
    }

    @Test
    void eachOtherKindMaps() {
        ApiTokenSpec api = (ApiTokenSpec) CredentialFields.of(CredentialKind.API_TOKEN, "a")
                .set("site", "https://acme.atlassian.net").set("email", "bot@example.com").set("expiresAt", "2026-05-01")
                .secret("token", "api-value").toSpec(SOURCE);
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), api.expiresAt());
        assertEquals(JiraFlavor.CLOUD, api.flavor());

        OAuthClientCredentialsSpec cc = (OAuthClientCredentialsSpec) CredentialFields.of(CredentialKind.OAUTH_CLIENT_CREDENTIALS, "c")
                .set("site", "https://api.atlassian.com/ex/jira/1234").set("clientId", "cid").set("scopes", "read:jira-work write:jira-work")
                .secret("clientSecret", "cs-value").toSpec(SOURCE);
        assertEquals(List.of("read:jira-work", "write:jira-work"), cc.scopes());
        assertEquals("https://auth.atlassian.com/oauth/token", cc.tokenUrl().toString());

        OAuthRefreshTokenSpec rt = (OAuthRefreshTokenSpec) CredentialFields.of(CredentialKind.OAUTH_REFRESH_TOKEN, "r")
                .set("site", "https://jira.example.com").set("clientId", "cid").secret("refreshToken", "rt-value")
                .toSpec(SOURCE);
        assertEquals("https://jira.example.com/rest/oauth2/latest/token", rt.tokenUrl().toString());
        assertNull(rt.clientSecret());
        assertEquals("rt-value", rt.refreshToken().reveal());

        ConnectJwtSpec cj = (ConnectJwtSpec) CredentialFields.of(CredentialKind.CONNECT_JWT, "j")
                .set("site", "https://acme.atlassian.net").set("appKey", "com.example.app").set("ttlSeconds", 120)
                .secret("sharedSecret", "s".repeat(40)).toSpec(SOURCE);
        assertEquals(Duration.ofSeconds(120), cj.ttl());
    }

    @Test
    void missingRequiredSecretNamesTheFieldInJenkinsTerms() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> CredentialFields
                .of(CredentialKind.OAUTH_REFRESH_TOKEN, "r").set("site", "https://jira.example.com").set("clientId", "c")
                .toSpec(SOURCE));

        assertEquals("Jenkins credential 'x': refreshToken is empty; enter the refresh token obtained with "
                + "`jira-access oauth authorize`", e.getMessage());
    }

    @Test
    void invalidFieldsAreRefusedWithFieldAndFixButWithoutSecrets() {
        String secret = "short-shared-secret";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> CredentialFields
                .of(CredentialKind.CONNECT_JWT, "j").set("site", "https://acme.atlassian.net").set("appKey", "k")
                .secret("sharedSecret", secret).toSpec(SOURCE));
        assertThat(e.getMessage()).startsWith("Jenkins credential 'x': sharedSecret: is shorter than 32 characters")
                .doesNotContain(secret);

        ConfigurationException host = assertThrows(ConfigurationException.class, () -> CredentialFields
                .of(CredentialKind.PAT, "p").set("site", "https://jira.example.com").set("allow.hosts", "https://jira.example.com/")
                .secret("token", "pat-value").toSpec(SOURCE));
        assertEquals("Jenkins credential 'x': allow.hosts: 'https://jira.example.com/' is not a host name; write host "
                + "names, with the port when it differs from the site's, e.g. jira.example.com or "
                + "jira-dr.example.com:8443", host.getMessage());

        ConfigurationException site = assertThrows(ConfigurationException.class, () -> CredentialFields
                .of(CredentialKind.PAT, "p").set("site", "http://jira.example.com").secret("token", "pat-value").toSpec(SOURCE));
        assertThat(site.getMessage()).startsWith("Jenkins credential 'x': site: 'http://jira.example.com' uses plain http")
                .doesNotContain("pat-value");
    }
}
