/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials-binding:696.v256688029804,
 * jenkinsci/credentials-binding-plugin tag 696.v256688029804 (commit 256688029804dec5005c5d20aebc9810833f6dbe),
 * src/main/java/org/jenkinsci/plugins/credentialsbinding/impl/SecretBuildWrapper.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package org.jenkinsci.plugins.credentialsbinding.impl;

import hudson.tasks.BuildWrapper;
import java.util.List;
import org.jenkinsci.plugins.credentialsbinding.MultiBinding;

public class SecretBuildWrapper extends BuildWrapper {
    public SecretBuildWrapper(List<? extends MultiBinding<?>> bindings) {
        throw new UnsupportedOperationException("stub");
    }
}
