package io.jiraaccess.core.credential;

import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where and how a credential may be used. Empty lists mean the defaults: the site's origin only, every project,
 * every operation (credential files cannot write an empty list: the parser refuses it). Projects compare by key,
 * upper case.
 * <p>Hosts are origins: a token goes only to the site's scheme, and to a listed host on the port written with it
 * ({@code jira-dr.example.com:8443}); a host written without a port means the site's port (its explicit port, else
 * the scheme's default, 443 or 80). Host names compare case-insensitively.
 */
public record AllowPolicy(List<String> hosts, List<String> projects, Set<Operation> operations) {
    public static final AllowPolicy DEFAULT = new AllowPolicy(List.of(), List.of(), EnumSet.allOf(Operation.class));

    public AllowPolicy {
        hosts = hosts == null ? List.of() : hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        projects = projects == null ? List.of() : projects.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList();
        operations = operations == null || operations.isEmpty()
                ? Set.copyOf(EnumSet.allOf(Operation.class)) : Set.copyOf(operations);
    }

    /** The origins a token may be sent to, as {@code scheme://host:port}: the listed hosts, else the site's. */
    public Set<String> effectiveHosts(URI site) {
        String scheme = site.getScheme().toLowerCase(Locale.ROOT);
        int sitePort = port(site);
        Set<String> out = new LinkedHashSet<>();
        if (hosts.isEmpty()) {
            out.add(origin(scheme, site.getHost(), sitePort));
            return out;
        }
        for (String h : hosts) {
            int colon = h.lastIndexOf(':');
            boolean hasPort = colon > 0 && h.indexOf(']') < colon && h.substring(colon + 1).matches("[0-9]{1,5}");
            out.add(hasPort ? origin(scheme, h.substring(0, colon), Integer.parseInt(h.substring(colon + 1)))
                    : origin(scheme, h, sitePort));
        }
        return out;
    }

    /** True when {@code target}'s scheme, host and port (default ports made explicit) are allowed. */
    public boolean allowsOrigin(URI site, URI target) {
        if (target.getHost() == null || target.getScheme() == null) {
            return false;
        }
        return effectiveHosts(site).contains(origin(target.getScheme(), target.getHost(), port(target)));
    }

    /** True when projects are restricted; an unrestricted credential may touch any project. */
    public boolean restrictsProjects() {
        return !projects.isEmpty();
    }

    /** True when some operation is not allowed. */
    public boolean restrictsOperations() {
        return !operations.containsAll(EnumSet.allOf(Operation.class));
    }

    public boolean allowsProject(String key) {
        return projects.isEmpty() || (key != null && projects.contains(key.toUpperCase(Locale.ROOT)));
    }

    public boolean allowsOperation(Operation op) {
        return operations.contains(op);
    }

    /** The URI's port, or its scheme's default (443 for https, 80 for http); -1 for other schemes. */
    public static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static String origin(String scheme, String host, int port) {
        return scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
