/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials:1415.v831096eb_5534,
 * jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit 831096eb553450632960a7c5c90f4320526ced81),
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsStore.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import java.io.IOException;
import java.util.List;

public abstract class CredentialsStore {
    public abstract ModelObject getContext();

    public List<Domain> getDomains() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract List<Credentials> getCredentials(Domain domain);

    public abstract boolean addCredentials(Domain domain, Credentials credentials) throws IOException;

    public abstract boolean updateCredentials(Domain domain, Credentials current, Credentials replacement)
            throws IOException;
}
