/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials-binding:696.v256688029804,
 * jenkinsci/credentials-binding-plugin tag 696.v256688029804 (commit 256688029804dec5005c5d20aebc9810833f6dbe),
 * src/main/java/org/jenkinsci/plugins/credentialsbinding/masking/SecretPatterns.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.credentialsbinding.masking;

import java.util.Collection;
import java.util.regex.Pattern;

public class SecretPatterns {
    public static Pattern getAggregateSecretPattern(Collection<String> inputs) {
        throw new UnsupportedOperationException("stub");
    }

    private SecretPatterns() {}
}
