package io.jenkins.plugins.jiraaccess.runtime;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.TopLevelItem;
import io.jenkins.plugins.jiraaccess.credentials.JiraCredentials;
import io.jiraaccess.core.store.StoreException;
import jenkins.model.Jenkins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds every Jira credential Jenkins holds: the system store and the stores of folders, each with the store and
 * domain it lives in (what {@code updateCredentials} needs). User-scoped stores are personal and left out.
 */
public final class JiraCredentialsLocator {
    /** A Jira credential where it is stored. */
    public record Located(CredentialsStore store, Domain domain, JiraCredentials credentials) {
        public String id() {
            return credentials.getId();
        }
    }

    private JiraCredentialsLocator() {
    }

    public static List<Located> all() {
        List<Located> out = new ArrayList<>();
        Jenkins jenkins = Jenkins.get();
        collect(jenkins, out);
        List<TopLevelItem> items = jenkins.getItems();
        for (Item item : items) {
            walk(item, out);
        }
        return out;
    }

    public static Optional<Located> find(String id) {
        return all().stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * The one Jira credential with this id. Core keys rotation state by credential id, so two stores holding the same
     * id (a folder and Jenkins, two folders) would share it: refused, naming where the duplicates are.
     */
    public static Optional<Located> findUnique(String id) {
        List<Located> found = all().stream().filter(l -> l.id().equals(id)).toList();
        if (found.size() > 1) {
            throw new StoreException("Jira credential id '" + id + "' is used " + found.size() + " times ("
                    + String.join(", ", found.stream().map(l -> l.store().getContext().getDisplayName()).toList())
                    + "); give each Jira credential its own id, since its rotation state is kept by id");
        }
        return found.stream().findFirst();
    }

    private static void walk(Item item, List<Located> out) {
        if (item instanceof ItemGroup<?> group) {
            // a folder: its own store, then its children
            collect(item, out);
            Collection<? extends Item> children = group.getItems();
            for (Item child : children) {
                walk(child, out);
            }
        }
    }

    private static void collect(ModelObject context, List<Located> out) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            // lookupStores also yields the stores of parents and of the user: keep only the context's own
            if (store.getContext() != context) {
                continue;
            }
            for (Domain domain : store.getDomains()) {
                for (Credentials c : store.getCredentials(domain)) {
                    if (c instanceof JiraCredentials j) {
                        out.add(new Located(store, domain, j));
                    }
                }
            }
        }
    }
}
