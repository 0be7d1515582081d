/*
 * Signature stub for compiling the Jira Access plugin's JenkinsRule tests without Jenkins artifacts; never packaged.
 * Mirrors io.jenkins:configuration-as-code:1971.vf9280461ea_89 (BOM 5043.v855ff4819a_0f),
 * jenkinsci/configuration-as-code-plugin tag 1971.vf9280461ea_89 (commit f9280461ea89f846b5929bc0d9be639d286aa252),
 * plugin/src/main/java/io/jenkins/plugins/casc/ConfiguratorException.java.
 * Only the members the tests use; signatures as upstream; bodies only throw.
 */
package io.jenkins.plugins.casc;

public class ConfiguratorException extends RuntimeException {
}
