/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials-binding:696.v256688029804,
 * jenkinsci/credentials-binding-plugin tag 696.v256688029804 (commit 256688029804dec5005c5d20aebc9810833f6dbe),
 * src/main/java/org/jenkinsci/plugins/credentialsbinding/BindingDescriptor.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.credentialsbinding;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.Descriptor;

public abstract class BindingDescriptor<C extends StandardCredentials> extends Descriptor<MultiBinding<C>> {
    protected abstract Class<C> type();

    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException("stub");
    }
}
