package io.jenkins.plugins.jiraaccess.admin;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.jiraaccess.runtime.CredentialActions;
import io.jenkins.plugins.jiraaccess.runtime.JiraAccessRuntime;
import io.jenkins.plugins.jiraaccess.runtime.JiraCredentialsLocator;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.upkeep.Upkeep;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Manage Jenkins » Jira Access ({@code <jenkins>/manage/jira-access-admin/}): every Jira credential with kind, site,
 * owner, expiry, last rotation and last use, and "rotate now", "revoke" and bulk revoke. Administrators only; every
 * action is a POST. Its URL name is its own: {@code jira-access} belongs to the events endpoint, a root action,
 * which {@code Jenkins.getDynamic} would reach first.
 */
@Extension
public class JiraAccessManagementLink extends ManagementLink {
    /** The page's URL name under {@code /manage/}; no root action, link or root object answers to it. */
    public static final String URL_NAME = "jira-access-admin";

    /** The outcome of the last action, shown once on the page. */
    private volatile List<String> lastOutcome = List.of();

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
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

    public List<CredentialActions.Row> getRows() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return actions().inventory();
    }

    /** Consumes the outcome of the last action. */
    public List<String> getOutcome() {
        List<String> o = lastOutcome;
        lastOutcome = List.of();
        return o;
    }

    /** Rotates (PAT) or refreshes (OAuth) the credential {@code id} of the store of {@code context} now. */
    @POST
    public HttpResponse doRotate(@QueryParameter String id, @QueryParameter String context) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        JiraCredentialsLocator.Located where = locate(id, context);
        if (where != null) {
            try {
                Upkeep.Action action = where.credentials().getKind().isOAuth() ? Upkeep.Action.REFRESH : Upkeep.Action.ROTATE;
                String failure = actions().renew(where, action);
                lastOutcome = List.of(id + " (" + where.where() + "): "
                        + (failure == null ? action.name().toLowerCase(Locale.ROOT) + " done" : failure));
            } catch (JiraAccessException e) {
                lastOutcome = List.of(id + " (" + where.where() + "): " + e.getMessage());
            }
        }
        return HttpResponses.redirectToDot();
    }

    @POST
    public HttpResponse doRevoke(@QueryParameter String id, @QueryParameter String context) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        JiraCredentialsLocator.Located where = locate(id, context);
        if (where != null) {
            lastOutcome = List.of(revoke(where));
        }
        return HttpResponses.redirectToDot();
    }

    /** Revokes every credential ticked on the page ({@code ids} repeated, each {@code <context>|<id>}). */
    @POST
    public HttpResponse doBulkRevoke(StaplerRequest2 request) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String[] ids = request.getParameterValues("ids");
        List<String> outcome = new ArrayList<>();
        if (ids == null || ids.length == 0) {
            outcome.add("nothing revoked: tick the credentials to revoke first");
        } else {
            for (String ticked : ids) {
                int bar = ticked.lastIndexOf('|');
                JiraCredentialsLocator.Located where = bar < 0 ? locate(ticked, "")
                        : locate(ticked.substring(bar + 1), ticked.substring(0, bar));
                if (where != null) {
                    outcome.add(revoke(where));
                } else {
                    outcome.addAll(lastOutcome);
                }
            }
        }
        lastOutcome = List.copyOf(outcome);
        return HttpResponses.redirectToDot();
    }

    private String revoke(JiraCredentialsLocator.Located where) {
        try {
            return actions().revoke(where, currentUser());
        } catch (JiraAccessException e) {
            return where.id() + " (" + where.where() + "): " + e.getMessage();
        }
    }

    private JiraCredentialsLocator.Located locate(String id, String context) {
        String store = context == null ? "" : context;
        JiraCredentialsLocator.Located l = id == null ? null : JiraCredentialsLocator.at(store, id).orElse(null);
        if (l == null) {
            lastOutcome = List.of("no Jira credential '" + id + "' in " + (store.isEmpty() ? "Jenkins" : "folder " + store)
                    + " (deleted meanwhile?)");
        }
        return l;
    }

    private static String currentUser() {
        return Jenkins.getAuthentication2().getName();
    }

    private static CredentialActions actions() {
        return new CredentialActions(JiraAccessRuntime.get());
    }
}
