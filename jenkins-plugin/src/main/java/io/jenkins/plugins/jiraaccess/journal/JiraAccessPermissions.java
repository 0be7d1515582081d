package io.jenkins.plugins.jiraaccess.journal;

import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/** The plugin's permission: reading the audit event journal, which the audit daemon's account needs. */
public final class JiraAccessPermissions {
    private static final ResourceBundleHolder BUNDLE = ResourceBundleHolder.get(JiraAccessPermissions.class);
    public static final PermissionGroup GROUP = new PermissionGroup(JiraAccessPermissions.class,
            new Localizable(BUNDLE, "PermissionGroup"));
    /** Read the Jira Access event journal ({@code GET <jenkins>/jira-access/events}); implied by Administer. */
    public static final Permission READ_EVENTS = new Permission(GROUP, "ReadEvents",
            new Localizable(BUNDLE, "ReadEvents"), Jenkins.ADMINISTER, PermissionScope.JENKINS);

    private JiraAccessPermissions() {
    }

    /** Loads this class, which registers the group and permission with Jenkins. */
    static void register() {
        // class initialization does the work
    }
}
