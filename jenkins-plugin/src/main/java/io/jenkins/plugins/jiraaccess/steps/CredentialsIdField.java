package io.jenkins.plugins.jiraaccess.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import jenkins.model.Jenkins;

import java.util.List;

/**
 * The {@code credentialsId} field of the steps' forms (Snippet Generator, Declarative Directive Generator): the Jira
 * credentials visible from the item being configured, with the permission checks credentials-binding's
 * {@code BindingDescriptor.doFillCredentialsIdItems} (696) makes: {@code Item.CONFIGURE} on the item, and
 * {@code Jenkins.ADMINISTER} where there is no item. Without them nothing but the current value is listed, so the
 * dropdown tells nobody which credentials exist.
 */
final class CredentialsIdField {
    private CredentialsIdField() {
    }

    static ListBoxModel fill(Item item, String current) {
        ListBoxModel model = new ListBoxModel();
        if (!mayConfigure(item)) {
            if (current != null && !current.isBlank()) {
                model.add(current, current);
            }
            return model;
        }
        model.add("- choose a Jira credential -", "");
        for (JiraCredentials c : visible(item)) {
            String description = c.getDescription();
            model.add(c.getId() + " (" + c.getKind().id() + ", " + c.getSite()
                    + (description == null || description.isBlank() ? "" : ", " + description) + ")", c.getId());
        }
        return model;
    }

    static FormValidation check(Item item, String value) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return FormValidation.error("Choose a Jira credential");
        }
        if (value.startsWith("${")) {
            return FormValidation.warning("Resolved when the build runs: a credentials parameter");
        }
        for (JiraCredentials c : visible(item)) {
            if (c.getId().equals(value.trim())) {
                return FormValidation.ok();
            }
        }
        return FormValidation.error("No Jira credential '" + value.trim() + "' is visible from here: store it in "
                + "Jenkins or in a folder that contains this job");
    }

    private static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** As SYSTEM, like credentials-binding: the build may run as someone else, so the job's own view is what counts. */
    private static List<JiraCredentials> visible(Item item) {
        return item == null
                // a null item group is Jenkins itself (CredentialsProvider.lookupCredentialsInItemGroup, 1415)
                ? CredentialsProvider.lookupCredentialsInItemGroup(JiraCredentials.class, null, ACL.SYSTEM2)
                : CredentialsProvider.lookupCredentialsInItem(JiraCredentials.class, item, ACL.SYSTEM2);
    }
}
