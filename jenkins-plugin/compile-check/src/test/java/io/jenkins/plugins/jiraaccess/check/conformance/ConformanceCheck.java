package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.PluginTree;

import java.io.IOException;
import java.util.List;

/**
 * One rule a Jenkins plugin must follow to work in a real Jenkins, derived from the upstream source that enforces
 * it (each implementation names file and tag). Runs on a plugin directory without Jenkins.
 */
public interface ConformanceCheck {
    /** Each way the plugin breaks the rule, one line naming the file or class and the fix; empty when it conforms. */
    List<String> findings(PluginTree plugin) throws IOException;
}
