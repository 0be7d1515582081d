package io.jenkins.plugins.jiraaccess.upkeep;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.jiraaccess.runtime.CredentialActions;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.upkeep.Upkeep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every 15 minutes: rotates managed PATs that are due, refreshes OAuth credentials ahead of need, and warns of Cloud
 * API tokens about to expire. Core plans (and backs off after failures); this only carries out and reports. Its log
 * is {@code JENKINS_HOME/logs/tasks/Jira Access upkeep.log}; failures also reach the journal and the admin monitor.
 */
@Extension
public class JiraUpkeepWork extends AsyncPeriodicWork {
    static final long PERIOD_MILLIS = 15L * 60 * 1000;

    public JiraUpkeepWork() {
        super("Jira Access upkeep");
    }

    @Override
    public long getRecurrencePeriod() {
        return PERIOD_MILLIS;
    }

    @Override
    protected void execute(TaskListener listener) {
        CredentialActions actions = new CredentialActions(JiraAccessRuntime.get());
        List<String> problems = new ArrayList<>();
        List<CredentialActions.Due> due = actions.due(problems);
        problems.forEach(p -> listener.getLogger().println("skipped: " + p));
        Set<JiraCredentialsLocator.Located> planned = new HashSet<>();
        for (CredentialActions.Due d : due) {
            Upkeep u = d.upkeep();
            planned.add(d.where());
            listener.getLogger().println(u.action() + " " + u.spec().id() + " (" + d.where().where() + "): " + u.reason());
            if (u.action() == Upkeep.Action.ROTATE || u.action() == Upkeep.Action.REFRESH) {
                String failure = actions.renew(d.where(), u.action());
                if (failure != null) {
                    listener.getLogger().println("  failed: " + failure);
                }
            } else {
                actions.warn(d);
            }
        }
        for (JiraCredentialsLocator.Located l : actions.valid()) {
            if (!planned.contains(l)) {
                String failure = actions.upkeep(l);
                if (failure != null) {
                    listener.getLogger().println("upkeep " + l.id() + " (" + l.where() + ") failed: " + failure);
                }
            }
        }
        JiraUpkeepMonitor.get().update(actions.inventory(), problems);
    }
}
