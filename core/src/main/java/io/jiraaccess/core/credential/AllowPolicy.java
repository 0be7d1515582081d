package io.jiraaccess.core.credential;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where and how a credential may be used. Empty lists mean the defaults: the site's host only, every project,
 * every operation. Hosts compare case-insensitively; projects by key, upper case.
 */
public record AllowPolicy(List<String> hosts, List<String> projects, Set<Operation> operations) {
    public static final AllowPolicy DEFAULT = new AllowPolicy(List.of(), List.of(), EnumSet.allOf(Operation.class));

    public AllowPolicy {
        hosts = hosts == null ? List.of() : hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        projects = projects == null ? List.of() : projects.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList();
        operations = operations == null || operations.isEmpty()
                ? Set.copyOf(EnumSet.allOf(Operation.class)) : Set.copyOf(operations);
    }

    /** The hosts a token may be sent to: {@link #hosts()} if given, else the host of {@code site}. */
    public Set<String> effectiveHosts(URI site) {
        if (!hosts.isEmpty()) {
            return Set.copyOf(hosts);
        }
        return Set.of(site.getHost().toLowerCase(Locale.ROOT));
    }

    public boolean allowsHost(URI site, String host) {
        return host != null && effectiveHosts(site).contains(host.toLowerCase(Locale.ROOT));
    }

    /** True when projects are restricted; an unrestricted credential may touch any project. */
    public boolean restrictsProjects() {
        return !projects.isEmpty();
    }

    public boolean allowsProject(String key) {
        return projects.isEmpty() || (key != null && projects.contains(key.toUpperCase(Locale.ROOT)));
    }

    public boolean allowsOperation(Operation op) {
        return operations.contains(op);
    }
}
