package io.jenkins.plugins.jiraaccess.steps;

import hudson.EnvVars;
import hudson.util.Secret;
import io.jiraaccess.core.binding.JiraBinding;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The block's Jira variables; secret values stay encrypted while the build's program state is on disk. */
final class JiraEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> publicValues;
    private final Map<String, Secret> secretValues = new LinkedHashMap<>();

    JiraEnvironment(JiraBinding binding) {
        this.publicValues = new LinkedHashMap<>(binding.publicValues());
        binding.secretValues().forEach((k, v) -> secretValues.put(k, Secret.fromString(v)));
    }

    @Override
    public void expand(EnvVars env) {
        publicValues.forEach(env::override);
        secretValues.forEach((k, v) -> env.override(k, v.getPlainText()));
    }

    @Override
    public Set<String> getSensitiveVariables() {
        return Set.copyOf(secretValues.keySet());
    }
}
