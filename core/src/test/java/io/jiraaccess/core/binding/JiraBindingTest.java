package io.jiraaccess.core.binding;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JiraBindingTest {
    static final String PAT = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1=";
    static final String API = "TESTATATTxFfGF0secret-api-token+value/x";
    static final String EMAIL = "ci-bot@example.com";

    static CredentialSpec.Common common(String id, String site) {
        return new CredentialSpec.Common(id, URI.create(site), null, "ci-bot", null, AllowPolicy.DEFAULT);
    }

    @Test
    void patExposesUrlHeaderAndTokenAndMarksBothSecretsSensitive() {
        PatSpec spec = new PatSpec(common("dc-pat", "https://jira.example.com/jira/"), SecretValue.of(PAT), null);
        JiraBinding b = JiraBinding.of(spec, new AuthHeader("Bearer", SecretValue.of(PAT)));

        assertEquals(Map.of("JIRA_URL", "https://jira.example.com/jira"), b.publicValues());
        assertEquals(Map.of("JIRA_AUTH_HEADER", "Bearer " + PAT, "JIRA_TOKEN", PAT), b.secretValues());
        assertEquals(Set.of("JIRA_AUTH_HEADER", "JIRA_TOKEN"), b.secretVariableNames());
        assertEquals(3, b.allValues().size());
    }

    @Test
    void bearerMasksCoverLiteralBase64PercentAndJsonForms() {
        OAuthClientCredentialsSpec spec = new OAuthClientCredentialsSpec(common("svc", "https://acme.atlassian.net"),
                URI.create("https://auth.atlassian.com/oauth/token"), "client", SecretValue.of("client-secret-xyz"), null, null);
        String access = "eyJhbGciOi.eyJzdWIi+/OjEyM.sig\"nature";
        JiraBinding b = JiraBinding.of(spec, new AuthHeader("Bearer", SecretValue.of(access)));
        ConsoleMasker masker = ConsoleMasker.of(b.masked());

        String log = String.join("\n",
                "curl -H 'Authorization: Bearer " + access + "'",
                "token=" + URLEncoder.encode(access, StandardCharsets.UTF_8),
                "{\"t\":\"" + access.replace("\"", "\\\"") + "\"}",
                "b64=" + Base64.getEncoder().encodeToString(("x" + access).getBytes(StandardCharsets.UTF_8)),
                "hdr=" + Base64.getEncoder().encodeToString(("Bearer " + access).getBytes(StandardCharsets.UTF_8)));
        String masked = masker.mask(log);

        assertThat(masked).doesNotContain(access).doesNotContain("eyJhbGciOi.eyJzdWIi")
                .doesNotContain(URLEncoder.encode(access, StandardCharsets.UTF_8));
        for (String line : masked.split("\n")) {
            assertThat(line).contains(ConsoleMasker.REPLACEMENT);
        }
        assertThat(b.toString()).doesNotContain(access);
    }

    @Test
    void apiTokenExposesBasicHeaderOnlyAndMasksTheHeadersBase64AndTheTokenAlone() {
        ApiTokenSpec spec = new ApiTokenSpec(common("cloud", "https://acme.atlassian.net"), EMAIL, SecretValue.of(API), null);
        String pair = Base64.getEncoder().encodeToString((EMAIL + ":" + API).getBytes(StandardCharsets.UTF_8));
        JiraBinding b = JiraBinding.of(spec, new AuthHeader("Basic", SecretValue.of(pair)));

        assertEquals(Map.of("JIRA_AUTH_HEADER", "Basic " + pair), b.secretValues());
        assertEquals(Set.of("Basic " + pair, pair, API), b.masked());

        String masked = ConsoleMasker.of(b.masked()).mask("echo " + pair + " | base64 -d  => " + EMAIL + ":" + API
                + "\nhttps://x/?t=" + URLEncoder.encode(API, StandardCharsets.UTF_8));
        assertThat(masked).doesNotContain(API).doesNotContain(pair)
                .doesNotContain(URLEncoder.encode(API, StandardCharsets.UTF_8));
    }

    @Test
    void connectAppIsRefusedWithTheReasonAndTheStepToUseInstead() {
        String shared = "0123456789abcdef0123456789abcdef-shared";
        ConnectJwtSpec spec = new ConnectJwtSpec(common("app", "https://acme.atlassian.net"), "com.example.app",
                SecretValue.of(shared), null);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> JiraBinding.of(spec, new AuthHeader("JWT", SecretValue.of("jwt.token.value"))));

        assertEquals("credential app is a Connect app: its JWT is bound to the method, path and query of one request, "
                + "so it cannot be exposed to a block; use the jiraRequest step (or the jira-access CLI's request "
                + "command) instead", e.getMessage());
        assertThat(e.getMessage()).doesNotContain(shared).doesNotContain("jwt.token.value");
    }

    @Test
    void everyMaskIsLongEnoughNotToMangleOrdinaryOutput() {
        PatSpec spec = new PatSpec(common("p", "https://jira.example.com"), SecretValue.of("abcd"), null);
        JiraBinding b = JiraBinding.of(spec, new AuthHeader("Bearer", SecretValue.of("abcd")));

        assertThat(b.masked()).allMatch(m -> m.length() >= 3);
        assertEquals("a b c ab", ConsoleMasker.of(b.masked()).mask("a b c ab"));
        assertEquals(List.of(), b.masked().stream().filter(String::isEmpty).toList());
    }
}
