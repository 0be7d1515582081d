package io.jenkins.plugins.jiraaccess.masking;

import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.binding.JiraBinding;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Bindings as core makes them for a block, and a stand-in for credentials-binding's pattern. */
final class Bindings {
    /** A Data Center PAT: Base64 with '+', '/' and '='. */
    static final String PAT = "NjQ2MzQ1OTk4NzY1Oi+Fq4T/ZXxy8mOwPq1zQ2Vx/9a=";
    static final String API = "ATATT3xFfGF0aXyq-3mDHTkAsecret_api-token_value=0F3A9C1B";
    static final String EMAIL = "ci-bot@example.com";

    /**
     * Stands for credentials-binding's {@code SecretPatterns.getAggregateSecretPattern} (a stub here): the
     * single-quoted shell form its {@code BashSecretPatternFactory} lists (credentials-binding 696), one alternative
     * per secret value. What matters to these tests is that withJiraAuth and the binding are given the same one.
     */
    static final Function<Collection<String>, String> THEIR_PATTERN = values -> values.stream()
            .map(v -> Pattern.quote("'" + v.replace("'", "'\\''") + "'")).collect(Collectors.joining("|"));

    private Bindings() {
    }

    static JiraBinding pat(String token) {
        return JiraBinding.of(new PatSpec(common("dc-pat", "https://jira.example.com"), SecretValue.of(token), null),
                new AuthHeader("Bearer", SecretValue.of(token)));
    }

    static JiraBinding apiToken() {
        String pair = Base64.getEncoder().encodeToString((EMAIL + ":" + API).getBytes(StandardCharsets.UTF_8));
        return JiraBinding.of(new ApiTokenSpec(common("cloud-api", "https://acme.atlassian.net"), EMAIL,
                SecretValue.of(API), null), new AuthHeader("Basic", SecretValue.of(pair)));
    }

    private static CredentialSpec.Common common(String id, String site) {
        return new CredentialSpec.Common(id, URI.create(site), null, null, null, null);
    }
}
