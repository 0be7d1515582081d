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
import jenkins.model.Jenkins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds every Jira credential Jenkins holds: the system store and the stores of folders, each with the store and
 * domain it lives in (what {@code updateCredentials} needs). The same id may be stored in several folders; a job
 * uses the nearest ({@link NearestFirst}), and each stored credential keeps its own rotation state. User-scoped
 * stores are personal: Jira Access cannot write a rotated secret back to them, so they are left out (and refused
 * when a build brings one, see {@code CredentialUse}).
 */
public final class JiraCredentialsLocator {
    /**
     * A Jira credential where it is stored.
     *
     * @param context the full name of the folder whose store holds it, {@code ""} for the system store
     */
    public record Located(CredentialsStore store, Domain domain, JiraCredentials credentials, String context) {
        public String id() {
            return credentials.getId();
        }

        /** Where it is stored, for people: "Jenkins" or the folder's full name. */
        public String where() {
            return context.isEmpty() ? "Jenkins" : context;
        }
    }

    private JiraCredentialsLocator() {
    }

    public static List<Located> all() {
        List<Located> out = new ArrayList<>();
        Jenkins jenkins = Jenkins.get();
        collect(jenkins, "", out);
        List<TopLevelItem> items = jenkins.getItems();
        for (Item item : items) {
            walk(item, out);
        }
        return out;
    }

    /** The credential with this id that a job (or any item) named {@code itemFullName} uses: the nearest one. */
    public static Optional<Located> forItem(String id, String itemFullName) {
        List<Located> candidates = all().stream().filter(l -> l.id().equals(id)).toList();
        return NearestFirst.pick(NearestFirst.chain(itemFullName), candidates, Located::context);
    }

    /** The credential with this id in the store of {@code context} (a folder's full name, {@code ""} for Jenkins). */
    public static Optional<Located> at(String context, String id) {
        return all().stream().filter(l -> l.context().equals(context) && l.id().equals(id)).findFirst();
    }

    private static void walk(Item item, List<Located> out) {
        if (item instanceof ItemGroup<?> group) {
            // a folder: its own store, then its children
            collect(item, item.getFullName(), out);
            Collection<? extends Item> children = group.getItems();
            for (Item child : children) {
                walk(child, out);
            }
        }
    }

    private static void collect(ModelObject context, String name, List<Located> out) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            // lookupStores also yields the stores of parents and of the user: keep only the context's own
            if (store.getContext() != context) {
                continue;
            }
            for (Domain domain : store.getDomains()) {
                for (Credentials c : store.getCredentials(domain)) {
                    if (c instanceof JiraCredentials j) {
                        out.add(new Located(store, domain, j, name));
                    }
                }
            }
        }
    }
}
