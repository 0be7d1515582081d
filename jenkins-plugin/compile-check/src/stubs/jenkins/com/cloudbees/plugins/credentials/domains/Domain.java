/*
 * Signature stub for compiling the Jira Access plugin without Jenkins artifacts; never packaged.
 * Mirrors org.jenkins-ci.plugins:credentials:1415.v831096eb_5534,
 * jenkinsci/credentials-plugin tag 1415.v831096eb_5534 (commit 831096eb553450632960a7c5c90f4320526ced81),
 * src/main/java/com/cloudbees/plugins/credentials/domains/Domain.java.
 * Only the members the plugin uses; signatures as upstream; bodies only throw.
 */
package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

public class Domain implements Serializable {
    public static Domain global() {
        throw new UnsupportedOperationException("stub");
    }
}
