/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials:1415.v831096eb_5534,
 * jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit 831096eb553450632960a7c5c90f4320526ced81),
 * src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import java.io.IOException;
import java.util.List;

public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {
    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException("stub");
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }
}
