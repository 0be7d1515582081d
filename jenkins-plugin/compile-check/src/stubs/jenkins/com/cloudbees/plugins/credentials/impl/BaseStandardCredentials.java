/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials:1415.v831096eb_5534,
 * jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit 831096eb553450632960a7c5c90f4320526ced81),
 * src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        throw new UnsupportedOperationException("stub");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("stub");
    }

    protected static abstract class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {
        protected BaseStandardCredentialsDescriptor() {
            throw new UnsupportedOperationException("stub");
        }

        protected BaseStandardCredentialsDescriptor(Class<? extends BaseStandardCredentials> clazz) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
