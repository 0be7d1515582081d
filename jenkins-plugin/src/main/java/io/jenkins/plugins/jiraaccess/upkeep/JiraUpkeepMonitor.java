package io.jenkins.plugins.jiraaccess.upkeep;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.jiraaccess.runtime.CredentialActions;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells administrators, on every page, that Jira credentials failed to rotate or refresh, or are misconfigured.
 * Fed by each upkeep run; the management page has the details and the "rotate now" button. Its state belongs to
 * this Jenkins' extension instance, not to the JVM.
 */
@Extension
public class JiraUpkeepMonitor extends AdministrativeMonitor {
    private volatile List<String> problems = List.of();

    static JiraUpkeepMonitor get() {
        return ExtensionList.lookupSingleton(JiraUpkeepMonitor.class);
    }

    void update(List<CredentialActions.Row> rows, List<String> configurationProblems) {
        List<String> p = new ArrayList<>(configurationProblems);
        for (CredentialActions.Row r : rows) {
            if (r.row().lastFailure() != null && !r.row().revoked()) {
                p.add(r.row().id() + " (" + r.where() + "): " + r.row().lastFailure());
            }
        }
        problems = List.copyOf(p);
    }

    @Override
    public boolean isActivated() {
        return !problems.isEmpty();
    }

    /** One line per failing credential, for {@code message.jelly}. */
    public List<String> getProblems() {
        return problems;
    }

    @Override
    public String getDisplayName() {
        return "Jira Access: credentials failing to rotate or refresh";
    }
}
