package io.jiraaccess.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.credential.AllowPolicy;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.Operation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enforces a credential's {@code allow:} policy before anything is sent: the target's origin ({@code allow.hosts}:
 * scheme, host and port; default the site's), the operation ({@code allow.operations}) and the projects
 * ({@code allow.projects}).
 * <p>The path is judged as Jira reads it: as sent on the wire ({@link #onWire}), then as Tomcat decodes and
 * normalises it ({@link TomcatPath}), below the site's context path. A restricted credential also refuses paths
 * that Tomcat rewrites (path parameters, dot segments, {@code //}), because Jira's REST layer reads the raw path
 * again and need not agree. With {@code allow.projects}, the guard denies by default: a request is sent only when it
 * can be tied to allowed projects, or is on the documented list of project-free endpoints ({@link Endpoints}).
 * Decisions name the rule and the fix; messages carry no query string.
 */
public final class RequestGuard {
    public static final String RULE_HOSTS = "allow.hosts";
    public static final String RULE_PROJECTS = "allow.projects";
    public static final String RULE_OPERATIONS = "allow.operations";

    /** Bodies are read as Jira's JSON parser would, but without its leniencies: one document, no repeated member. */
    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    /**
     * The URI exactly as the JDK's HTTP client puts it on the wire: characters outside US-ASCII in path and query
     * NFC-normalised and percent-encoded as UTF-8 (what {@link URI#toASCIIString()} and the client both do). Send
     * this URI, and the guard has judged what Jira receives.
     */
    public static URI onWire(URI target) {
        if (!isWellFormed(target.toString())) {
            // the JDK would fail on it deep inside its encoder (a NullPointerException in URI.encode)
            throw new IllegalArgumentException("the URL has an unpaired surrogate character, which no request can carry");
        }
        String ascii = target.toASCIIString();
        return ascii.equals(target.toString()) ? target : URI.create(ascii);
    }

    /** True when {@code s} is well-formed UTF-16: every surrogate in a pair, so it has a UTF-8 form. */
    static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Refuses the request with a {@link PolicyViolationException} unless every rule allows it. */
    public void check(String method, URI target, String body) {
        Decision d = decide(method, target, body);
        if (!d.allowed()) {
            throw new PolicyViolationException(d.rule(), d.message());
        }
    }

    /** Origin, then how Jira reads the path, then operation, then projects. */
    public Decision decide(String method, URI target, String body) {
        URI wire = onWire(target);
        Decision host = decideHost(method, wire);
        if (!host.allowed()) {
            return host;
        }
        if (!allow.restrictsProjects() && !allow.restrictsOperations()) {
            return Decision.ALLOW;
        }
        String m = method.toUpperCase(Locale.ROOT);
        String rule = allow.restrictsProjects() ? RULE_PROJECTS : RULE_OPERATIONS;
        String raw = wire.getRawPath() == null || wire.getRawPath().isEmpty() ? "/" : wire.getRawPath();
        TomcatPath.Reading reading = TomcatPath.read(raw);
        if (reading.refused()) {
            return new Decision(rule, prefix(m, wire) + "cannot be read as Jira reads it (" + reading.refusal()
                    + "); send the plain path");
        }
        if (reading.rewritten()) {
            return new Decision(rule, prefix(m, wire) + "has path parameters (;), dot segments or '//', which Jira "
                    + "may resolve differently from how " + rule + " reads them; send the plain path");
        }
        List<String> segments = belowSite(reading.path());
        if (segments == null) {
            return new Decision(rule, prefix(m, wire) + "is outside the site's context path " + sitePath
                    + ", so it is not this Jira; send paths below " + sitePath);
        }
        Operation op = Endpoints.operation(m, segments);
        if (!allow.allowsOperation(op)) {
            return new Decision(RULE_OPERATIONS, prefix(m, wire) + "is a " + op + " request, refused by allow.operations "
                    + sorted(allow.operations()) + "; add " + op + " to allow.operations in the credential file, or use a "
                    + "credential meant for " + op + " requests");
        }
        if (!allow.restrictsProjects()) {
            return Decision.ALLOW;
        }
        return decideProjects(m, wire, segments, body);
    }

    private Decision decideProjects(String m, URI wire, List<String> segments, String body) {
        String example = allow.projects().get(0);
        QueryParameters query = QueryParameters.parse(wire.getRawQuery());
        if (query.malformed()) {
            return new Decision(RULE_PROJECTS, prefix(m, wire) + "has a query parameter with a malformed %-escape, "
                    + "which Jira would drop; percent-encode the query as UTF-8");
        }
        JsonNode json = null;
        if (body != null && !body.isBlank()) {
            try {
                json = STRICT_JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return new Decision(RULE_PROJECTS, prefix(m, wire) + "has a body that is not one JSON document without "
                        + "repeated members, so the projects it names cannot be told; " + Endpoints.FIX_BODY);
            }
        }
        ProjectScope scope = Endpoints.projects(m, segments, ProjectReferences.of(query, json, example), example);
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
                return new Decision(RULE_PROJECTS, prefix(m, wire) + "touches project" + (outside.size() > 1 ? "s " : " ")
                        + String.join(", ", outside) + ", outside allow.projects " + allow.projects() + "; add "
                        + (outside.size() > 1 ? "them" : "it") + " to allow.projects in the credential file, or use a "
                        + "credential for " + (outside.size() > 1 ? "those projects" : "that project"));
            default:
                return new Decision(RULE_PROJECTS, prefix(m, wire) + "cannot be tied to a project, and allow.projects "
                        + "limits this credential to " + allow.projects() + "; " + scope.fix());
        }
    }

    /**
     * Whether a token may be sent to {@code target}: its scheme, host and port are allowed by {@code allow.hosts}
     * (default: the site's), and it is https (plain http only on loopback, as for the site itself).
     */
    public Decision decideHost(String method, URI target) {
        String host = target.getHost();
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (host != null && !scheme.equals("https") && !(scheme.equals("http") && ConfigNode.isLoopback(host))) {
            return new Decision(RULE_HOSTS, "credential " + spec.id() + ": " + method.toUpperCase(Locale.ROOT) + " "
                    + scheme + "://" + host + " refused: credentials are only sent over https (plain http on loopback "
                    + "only); use the https URL");
        }
        if (host == null || !allow.allowsOrigin(spec.site(), target)) {
            String where = host == null ? "(no host)" : scheme + "://" + host + ":" + AllowPolicy.port(target);
            return new Decision(RULE_HOSTS, "credential " + spec.id() + ": " + method.toUpperCase(Locale.ROOT) + " to "
                    + where + " refused: allow.hosts permits only " + new TreeSet<>(allow.effectiveHosts(spec.site()))
                    + ", so the credential is not sent there; if " + (host == null ? "that" : host + " on port "
                    + AllowPolicy.port(target)) + " is really this Jira, add it to allow.hosts in the credential file "
                    + "(with its port when it differs from the site's)");
        }
        if (target.getRawUserInfo() != null) {
            return new Decision(RULE_HOSTS, "credential " + spec.id() + ": " + method.toUpperCase(Locale.ROOT) + " to "
                    + host + " refused: the URL has user information before the host; remove it");
        }
        return Decision.ALLOW;
    }

    /** The operation a request is, for events and callers that want to know before sending. */
    public Operation operation(String method, URI target) {
        URI wire = onWire(target);
        TomcatPath.Reading reading = TomcatPath.read(wire.getRawPath() == null || wire.getRawPath().isEmpty()
                ? "/" : wire.getRawPath());
        List<String> segments = reading.refused() ? null : belowSite(reading.path());
        // a path Jira does not read, or outside the site, is nothing we can classify: the most privileged answer
        return segments == null ? Operation.ADMIN : Endpoints.operation(method.toUpperCase(Locale.ROOT), segments);
    }

    /** The target's raw path relative to the site: the context path ({@code /jira}) removed when the target is under it. */
    public String apiPath(URI target) {
        String raw = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (!sitePath.isEmpty() && sameOrigin(target) && (raw.equals(sitePath) || raw.startsWith(sitePath + "/"))) {
            String rest = raw.substring(sitePath.length());
            return rest.isEmpty() ? "/" : rest;
        }
        return raw;
    }

    /** The decoded segments below the context path, or null when the path is not below it. */
    private List<String> belowSite(String decoded) {
        String rest = decoded;
        if (!sitePath.isEmpty()) {
            TomcatPath.Reading site = TomcatPath.read(sitePath);
            String base = site.refused() ? sitePath : site.path();
            if (!(decoded.equals(base) || decoded.startsWith(base + "/"))) {
                return null;
            }
            rest = decoded.substring(base.length());
        }
        List<String> segments = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
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
