package io.jiraaccess.core.http;

import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;

import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Enforces a credential's {@code allow:} policy before anything is sent: the target host ({@code allow.hosts},
 * default the site's host), the operation ({@code allow.operations}) and the projects ({@code allow.projects}).
 * A restricted credential refuses a project-scoped request whose projects cannot be determined; requests that are
 * not about projects ({@code /myself}) pass. Decisions name the rule and the fix; messages carry no query string.
 */
public final class RequestGuard {
    public static final String RULE_HOSTS = "allow.hosts";
    public static final String RULE_PROJECTS = "allow.projects";
    public static final String RULE_OPERATIONS = "allow.operations";

    /** Paths a server may resolve differently from how we read them: dot segments, path parameters, encoded slashes. */
    private static final Pattern AMBIGUOUS_PATH = Pattern.compile(
            "(^|/)\\.{1,2}(/|$)|;|\\\\|//|%2[eEfF]|%5[cC]|%3[bB]|%00");

    /** A decision: allowed, or refused by {@code rule} with a message naming the credential and the fix. */
    public record Decision(String rule, String message) {
        public static final Decision ALLOW = new Decision(null, null);

        public boolean allowed() {
            return rule == null;
        }
    }

    private final CredentialSpec spec;
    private final AllowPolicy allow;
    private final String sitePath;

    public RequestGuard(CredentialSpec spec) {
        this.spec = spec;
        this.allow = spec.allow();
        String p = spec.site().getRawPath() == null ? "" : spec.site().getRawPath();
        this.sitePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Refuses the request with a {@link PolicyViolationException} unless every rule allows it. */
    public void check(String method, URI target, String body) {
        Decision d = decide(method, target, body);
        if (!d.allowed()) {
            throw new PolicyViolationException(d.rule(), d.message());
        }
    }

    /** Host, then operation, then projects. */
    public Decision decide(String method, URI target, String body) {
        Decision host = decideHost(method, target);
        if (!host.allowed()) {
            return host;
        }
        String m = method.toUpperCase(Locale.ROOT);
        String path = apiPath(target);
        boolean restricted = allow.restrictsProjects() || !allow.operations().containsAll(EnumSet.allOf(Operation.class));
        if (restricted && AMBIGUOUS_PATH.matcher(target.getRawPath() == null ? "" : target.getRawPath()).find()) {
            String rule = allow.restrictsProjects() ? RULE_PROJECTS : RULE_OPERATIONS;
            return new Decision(rule, prefix(m, target) + "the path has dot segments, ';', '//' or encoded separators, "
                    + "which Jira may resolve differently from how " + rule + " reads them; send the plain path");
        }
        Operation op = Endpoints.operation(m, path);
        if (!allow.allowsOperation(op)) {
            return new Decision(RULE_OPERATIONS, prefix(m, target) + "is a " + op + " request, refused by allow.operations "
                    + sorted(allow.operations()) + "; add " + op + " to allow.operations in the credential file, or use a "
                    + "credential meant for " + op + " requests");
        }
        if (!allow.restrictsProjects()) {
            return Decision.ALLOW;
        }
        ProjectScope scope = Endpoints.projects(m, path, target.getRawQuery(), body, allow.projects().get(0));
        switch (scope.kind()) {
            case NONE:
                return Decision.ALLOW;
            case KNOWN:
                Set<String> outside = new TreeSet<>();
                for (String k : scope.keys()) {
                    if (!allow.allowsProject(k)) {
                        outside.add(k);
                    }
                }
                if (outside.isEmpty()) {
                    return Decision.ALLOW;
                }
                return new Decision(RULE_PROJECTS, prefix(m, target) + "touches project" + (outside.size() > 1 ? "s " : " ")
                        + String.join(", ", outside) + ", outside allow.projects " + allow.projects() + "; add "
                        + (outside.size() > 1 ? "them" : "it") + " to allow.projects in the credential file, or use a "
                        + "credential for " + (outside.size() > 1 ? "those projects" : "that project"));
            default:
                return new Decision(RULE_PROJECTS, prefix(m, target) + "cannot be tied to a project, and allow.projects "
                        + "limits this credential to " + allow.projects() + "; " + scope.fix());
        }
    }

    /**
     * Whether a token may be sent to {@code target}: its host is in {@code allow.hosts} (default: the site's host),
     * and it is https (plain http only on loopback, as for the site itself).
     */
    public Decision decideHost(String method, URI target) {
        String host = target.getHost();
        if (host == null || !allow.allowsHost(spec.site(), host)) {
            return new Decision(RULE_HOSTS, "credential " + spec.id() + ": " + method.toUpperCase(Locale.ROOT) + " to host "
                    + (host == null ? "(none)" : host) + " refused: allow.hosts permits only "
                    + new TreeSet<>(allow.effectiveHosts(spec.site())) + ", so the credential is not sent there; if "
                    + (host == null ? "that" : host) + " is really this Jira, add it to allow.hosts in the credential file");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && ConfigNode.isLoopback(host))) {
            return new Decision(RULE_HOSTS, "credential " + spec.id() + ": " + method.toUpperCase(Locale.ROOT) + " "
                    + scheme + "://" + host + " refused: credentials are only sent over https (plain http on loopback "
                    + "only); use the https URL");
        }
        return Decision.ALLOW;
    }

    /** The operation a request is, for events and callers that want to know before sending. */
    public Operation operation(String method, URI target) {
        return Endpoints.operation(method.toUpperCase(Locale.ROOT), apiPath(target));
    }

    /** The target's path relative to the site: the context path ({@code /jira}) removed when the target is under it. */
    public String apiPath(URI target) {
        String raw = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (!sitePath.isEmpty() && sameOrigin(target) && (raw.equals(sitePath) || raw.startsWith(sitePath + "/"))) {
            String rest = raw.substring(sitePath.length());
            return rest.isEmpty() ? "/" : rest;
        }
        return raw;
    }

    private boolean sameOrigin(URI target) {
        return target.getHost() != null && target.getHost().equalsIgnoreCase(spec.site().getHost());
    }

    private String prefix(String method, URI target) {
        return "credential " + spec.id() + ": " + method + " " + apiPath(target) + " ";
    }

    private static String sorted(Set<Operation> ops) {
        TreeSet<String> s = new TreeSet<>();
        ops.forEach(o -> s.add(o.id()));
        return s.toString();
    }
}
