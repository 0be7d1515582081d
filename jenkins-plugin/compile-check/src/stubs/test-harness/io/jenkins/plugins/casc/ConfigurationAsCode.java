/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors io.jenkins:configuration-as-code:1971.vf9280461ea_89 (BOM 5043.v855ff4819a_0f),
 * jenkinsci/configuration-as-code-plugin tag 1971.vf9280461ea_89 (commit f9280461ea89f846b5929bc0d9be639d286aa252),
 * plugin/src/main/java/io/jenkins/plugins/casc/ConfigurationAsCode.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package io.jenkins.plugins.casc;

import hudson.model.ManagementLink;
import java.io.OutputStream;

public class ConfigurationAsCode extends ManagementLink {
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    public void export(OutputStream out) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void configure(String... configParameters) throws ConfiguratorException {
        throw new UnsupportedOperationException("stub");
    }

    public static ConfigurationAsCode get() {
        throw new UnsupportedOperationException("stub");
    }
}
