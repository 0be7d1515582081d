package io.jenkins.plugins.jiraaccess.masking;

import org.jenkinsci.plugins.credentialsbinding.masking.SecretPatterns;

import java.util.Collection;

/**
 * credentials-binding's own forms of secret values, as the regular expression its {@code BindingStep.Filter} masks
 * (credentials-binding 696, masking/SecretPatterns.java: the forms every {@code SecretPatternFactory} extension lists,
 * literal, Base64 and shell-quoted among them). {@code SecretPatternFactory} itself is
 * {@code @Restricted(NoExternalUse.class)}; {@code SecretPatterns.getAggregateSecretPattern} is public. Runs on the
 * controller only (it looks the extensions up).
 */
public final class CredentialsBindingPatterns {
    private CredentialsBindingPatterns() {
    }

    public static String of(Collection<String> secretValues) {
        return SecretPatterns.getAggregateSecretPattern(secretValues).pattern();
    }
}
