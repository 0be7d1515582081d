package io.jiraaccess.core.binding;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.ApiTokenSpec;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.secret.SecretForms;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a CI binding exposes for one credential: the environment variables, which of them are secret, and the
 * secrets a console mask must hide ({@link ConsoleMasker} hides every form of each). Built once when a block
 * starts; a block's variables and masks never change while it runs, which is why the token handed out must outlive
 * the block ({@link BlockLifetime}).
 *
 * @param publicValues variables whose values may be printed ({@code JIRA_URL})
 * @param secretValues variables whose values are secrets ({@code JIRA_AUTH_HEADER}, {@code JIRA_TOKEN})
 * @param masked       the secrets to mask: the secret values and, for API tokens, the token inside the Basic
 *                     header; each at least {@link SecretForms#MIN_MASKED_LENGTH} long
 */
public record JiraBinding(Map<String, String> publicValues, Map<String, String> secretValues, Set<String> masked) {
    /** The credential's site, context path included, without a trailing slash. */
    public static final String JIRA_URL = "JIRA_URL";
    /** The complete {@code Authorization} header value, e.g. {@code Bearer abc} or {@code Basic dXNlcjp0b2tlbg==}. */
    public static final String JIRA_AUTH_HEADER = "JIRA_AUTH_HEADER";
    /** The bare token, for tools that take a Bearer token on their own; Bearer kinds only. */
    public static final String JIRA_TOKEN = "JIRA_TOKEN";

    public JiraBinding {
        publicValues = Collections.unmodifiableMap(new LinkedHashMap<>(publicValues));
        secretValues = Collections.unmodifiableMap(new LinkedHashMap<>(secretValues));
        masked = Collections.unmodifiableSet(new LinkedHashSet<>(masked));
    }

    /**
     * The binding of {@code spec} authorised by {@code header}, the header its authenticator produced.
     *
     * @throws ConfigurationException for Connect apps, whose JWT is bound to one request and cannot be handed out
     */
    public static JiraBinding of(CredentialSpec spec, AuthHeader header) {
        requireBindable(spec);
        Objects.requireNonNull(header, "header");
        Map<String, String> publics = new LinkedHashMap<>();
        publics.put(JIRA_URL, spec.common().siteBase());
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(JIRA_AUTH_HEADER, header.value());
        Set<String> masked = new LinkedHashSet<>();
        masked.add(header.value());
        String credentials = header.credentials().reveal();
        masked.add(credentials);
        if (spec.kind().isBearer()) {
            secrets.put(JIRA_TOKEN, credentials);
        }
        if (spec instanceof ApiTokenSpec api) {
            // the header carries base64(email:token): the token may be printed on its own once the header is decoded
            // (the email is not a secret); the header's own forms cover base64(email:token) as a piece of it
            masked.add(api.token().reveal());
        }
        masked.removeIf(m -> m.length() < SecretForms.MIN_MASKED_LENGTH);
        return new JiraBinding(publics, secrets, masked);
    }

    /**
     * Refuses a credential that cannot be handed to a block, before any token is made for it.
     *
     * @throws ConfigurationException for Connect apps, naming the step to use instead
     */
    public static void requireBindable(CredentialSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.kind() == CredentialKind.CONNECT_JWT) {
            throw new ConfigurationException("credential " + spec.id() + " is a Connect app: its JWT is bound to the "
                    + "method, path and query of one request, so it cannot be exposed to a block; use the jiraRequest "
                    + "step (or the jira-access CLI's request command) instead");
        }
    }

    /** Names of the secret variables, which a pipeline must treat as sensitive. */
    public Set<String> secretVariableNames() {
        return secretValues.keySet();
    }

    /** Every variable, public and secret. */
    public Map<String, String> allValues() {
        Map<String, String> all = new LinkedHashMap<>(publicValues);
        all.putAll(secretValues);
        return all;
    }

    /** Redacted: names only, never a value of a secret variable. */
    @Override
    public String toString() {
        return "JiraBinding{public=" + publicValues + ", secret=" + secretValues.keySet() + ", masked=" + masked.size() + "}";
    }
}
