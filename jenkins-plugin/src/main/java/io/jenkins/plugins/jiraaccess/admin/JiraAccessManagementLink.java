package io.jenkins.plugins.jiraaccess.admin;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.jiraaccess.runtime.CredentialActions;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.inventory.InventoryRow;
import io.jiraaccess.core.upkeep.Upkeep;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

import java.util.ArrayList;
import java.util.List;

/**
 * Manage Jenkins » Jira Access: every Jira credential with kind, site, owner, expiry, last rotation and last use,
 * and "rotate now", "revoke" and bulk revoke. Administrators only; every action is a POST.
 */
@Extension
public class JiraAccessManagementLink extends ManagementLink {
    /** The outcome of the last action, shown once on the page. */
    private volatile List<String> lastOutcome = List.of();

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getUrlName() {
        return "jira-access";
    }

    @Override
    public String getDisplayName() {
        return "Jira Access";
    }

    @Override
    public String getDescription() {
        return "Jira credentials: expiry, rotation, last use; rotate or revoke them.";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public Category getCategory() {
        return Category.SECURITY;
    }

    public List<InventoryRow> getRows() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return actions().inventory();
    }

    /** Consumes the outcome of the last action. */
    public List<String> getOutcome() {
        List<String> o = lastOutcome;
        lastOutcome = List.of();
        return o;
    }

    @POST
    public HttpResponse doRotate(@QueryParameter String id) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CredentialSpec spec = spec(id);
        if (spec != null) {
            Upkeep.Action action = spec.kind().isOAuth() ? Upkeep.Action.REFRESH : Upkeep.Action.ROTATE;
            String failure = actions().renew(spec, action);
            lastOutcome = List.of(failure == null ? id + ": " + action.name().toLowerCase(java.util.Locale.ROOT) + " done"
                    : id + ": " + failure);
        }
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doRevoke(@QueryParameter String id) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CredentialSpec spec = spec(id);
        if (spec != null) {
            lastOutcome = List.of(actions().revoke(spec, currentUser()));
        }
        return HttpResponses.redirectToDot();
    }

    /** Revokes every credential ticked on the page ({@code ids} repeated). */
    @POST
    public HttpResponse doBulkRevoke(StaplerRequest2 request) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String[] ids = request.getParameterValues("ids");
        List<String> outcome = new ArrayList<>();
        if (ids == null || ids.length == 0) {
            outcome.add("nothing revoked: tick the credentials to revoke first");
        } else {
            for (String id : ids) {
                CredentialSpec spec = spec(id);
                if (spec != null) {
                    outcome.add(actions().revoke(spec, currentUser()));
                }
            }
        }
        lastOutcome = List.copyOf(outcome.isEmpty() ? lastOutcome : outcome);
        return HttpResponses.redirectToDot();
    }

    private CredentialSpec spec(String id) {
        try {
            JiraCredentialsLocator.Located l = id == null ? null : JiraCredentialsLocator.findUnique(id).orElse(null);
            if (l == null) {
                lastOutcome = List.of("no Jira credential '" + id + "' (deleted meanwhile?)");
                return null;
            }
            return l.credentials().toSpec();
        } catch (JiraAccessException e) {
            lastOutcome = List.of(e.getMessage());
            return null;
        }
    }

    private static String currentUser() {
        return Jenkins.getAuthentication2().getName();
    }

    private static CredentialActions actions() {
        return new CredentialActions(JiraAccessRuntime.get());
    }
}
