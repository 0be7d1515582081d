package io.jenkins.plugins.jiraaccess.upkeep;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jiraaccess.core.inventory.InventoryRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells administrators, on every page, that Jira credentials failed to rotate or refresh, or are misconfigured.
 * Fed by each upkeep run; the management page has the details and the "rotate now" button.
 */
@Extension
public class JiraUpkeepMonitor extends AdministrativeMonitor {
    private static volatile List<String> problems = List.of();

    static void update(List<InventoryRow> rows, List<String> configurationProblems) {
        List<String> p = new ArrayList<>(configurationProblems);
        for (InventoryRow r : rows) {
            if (r.lastFailure() != null && !r.revoked()) {
                p.add(r.id() + ": " + r.lastFailure());
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
