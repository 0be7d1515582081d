package io.jiraaccess.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.credential.Operation;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Jira REST request does, judged from its method, path, query and body alone: its {@link Operation} and the
 * projects it touches. Paths here are relative to the site ({@code /rest/api/2/issue/ABC-1}), context path removed.
 */
final class Endpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern API = Pattern.compile("/rest/api/(?:2|3|latest)(/.*)?");
    private static final Pattern AGILE = Pattern.compile("/rest/agile/(?:1\\.0|latest)(/.*)?");
    private static final Pattern ISSUE_KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-\\d+");
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** POST endpoints that only read (they take their criteria in the body). */
    private static final Set<String> READ_POSTS = Set.of("search", "search/jql", "search/approximate-count",
            "issue/bulkfetch", "comment/list", "worklog/list", "jql/match", "jql/parse");
    /** {@code /project/<x>} segments that are not project keys. */
    private static final Set<String> PROJECT_LISTINGS = Set.of("search", "recent", "type");

    static final String FIX_SEARCH = "add a project clause such as project in (%s) to the JQL, joined to the rest with AND";
    static final String FIX_ISSUE_ID = "refer to the issue by its key (e.g. %s-123), not by its numeric id";
    static final String FIX_PROJECT_ID = "refer to the project by its key (e.g. %s), not by its numeric id";
    static final String FIX_BODY = "name the project by key in the request body";
    static final String FIX_ENDPOINT = "use an endpoint that names the issue or project key, or a credential without allow.projects";

    private Endpoints() {
    }

    static boolean isSafeMethod(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** read = GET/HEAD (and the read-only POSTs such as search); write = issue/comment/worklog changes; admin = the rest. */
    static Operation operation(String method, String path) {
        if (isSafeMethod(method)) {
            return Operation.READ;
        }
        String api = apiResource(path);
        if (api != null && method.equals("POST") && READ_POSTS.contains(trimSlashes(api).toLowerCase(Locale.ROOT))) {
            return Operation.READ;
        }
        List<String> segments = api != null ? segments(api) : agileSegments(path);
        if (!segments.isEmpty()) {
            String root = segments.get(0).toLowerCase(Locale.ROOT);
            // comments and worklogs live under /issue/{key}/comment|worklog, so the issue roots cover them
            if (root.equals("issue") || root.equals("issuelink")) {
                return Operation.WRITE;
            }
        }
        return Operation.ADMIN;
    }

    /** The projects the request touches; {@code rawQuery} percent-encoded as sent, {@code body} JSON or null. */
    static ProjectScope projects(String method, String path, String rawQuery, String body, String exampleKey) {
        String api = apiResource(path);
        if (api == null) {
            List<String> agile = agileSegments(path);
            if (agile.isEmpty()) {
                return ProjectScope.NONE;
            }
            if (agile.get(0).equalsIgnoreCase("issue") && agile.size() >= 2) {
                return fromIssueKey(agile.get(1), exampleKey);
            }
            // boards, sprints, epics and backlogs span projects that their ids do not reveal
            return ProjectScope.unknown(FIX_ENDPOINT);
        }
        List<String> r = segments(api);
        if (r.isEmpty()) {
            return ProjectScope.NONE;
        }
        String root = r.get(0).toLowerCase(Locale.ROOT);
        switch (root) {
            case "issue":
                return issue(method, r, rawQuery, body, exampleKey);
            case "search":
                return search(method, rawQuery, body, exampleKey);
            case "project":
                if (r.size() == 1) {
                    return method.equals("POST") ? fromBody(body, "key") : ProjectScope.NONE;
                }
                if (PROJECT_LISTINGS.contains(r.get(1).toLowerCase(Locale.ROOT))) {
                    return ProjectScope.NONE;
                }
                return PROJECT_KEY.matcher(r.get(1)).matches()
                        ? ProjectScope.known(Set.of(r.get(1).toUpperCase(Locale.ROOT)))
                        : ProjectScope.unknown(String.format(FIX_PROJECT_ID, exampleKey));
            case "issuelink":
                if (r.size() == 1 && method.equals("POST")) {
                    return fromBody(body, "inwardIssue.key", "outwardIssue.key");
                }
                return ProjectScope.unknown(FIX_ENDPOINT);
            case "comment":
            case "worklog":
            case "attachment":
            case "component":
            case "version":
                return ProjectScope.unknown(FIX_ENDPOINT);
            case "jql":
                return r.size() >= 2 && r.get(1).equalsIgnoreCase("match") ? ProjectScope.unknown(FIX_ENDPOINT) : ProjectScope.NONE;
            default:
                return ProjectScope.NONE;
        }
    }

    private static ProjectScope issue(String method, List<String> r, String rawQuery, String body, String exampleKey) {
        if (r.size() == 1) {
            return method.equals("POST") ? fromBody(body, "fields.project.key") : ProjectScope.unknown(FIX_ENDPOINT);
        }
        String second = r.get(1);
        switch (second.toLowerCase(Locale.ROOT)) {
            case "bulk":
                return fromBodyList(body, "issueUpdates", "fields.project.key");
            case "bulkfetch":
                return fromIssueKeys(jsonStrings(parse(body), "issueIdsOrKeys"), exampleKey);
            case "createmeta":
                if (r.size() >= 3) {
                    return PROJECT_KEY.matcher(r.get(2)).matches()
                            ? ProjectScope.known(Set.of(r.get(2).toUpperCase(Locale.ROOT)))
                            : ProjectScope.unknown(String.format(FIX_PROJECT_ID, exampleKey));
                }
                List<String> keys = new ArrayList<>();
                for (String v : queryValues(rawQuery, "projectKeys")) {
                    for (String k : v.split(",")) {
                        if (!k.isBlank()) {
                            keys.add(k.trim());
                        }
                    }
                }
                return keys.isEmpty() ? ProjectScope.unknown("add projectKeys=" + exampleKey + " to the query")
                        : projectKeys(keys, exampleKey);
            default:
                return fromIssueKey(second, exampleKey);
        }
    }

    private static ProjectScope search(String method, String rawQuery, String body, String exampleKey) {
        List<String> jqls;
        if (method.equals("POST")) {
            JsonNode n = parse(body);
            jqls = n != null && n.path("jql").isTextual() ? List.of(n.path("jql").asText()) : List.of();
        } else {
            jqls = queryValues(rawQuery, "jql");
        }
        String fix = String.format(FIX_SEARCH, exampleKey);
        if (jqls.size() != 1) {
            return ProjectScope.unknown(fix);
        }
        Set<String> keys = JqlProjects.of(jqls.get(0));
        return keys == null ? ProjectScope.unknown(fix) : ProjectScope.known(keys);
    }

    private static ProjectScope fromIssueKey(String segment, String exampleKey) {
        Matcher m = ISSUE_KEY.matcher(segment);
        if (m.matches()) {
            return ProjectScope.known(Set.of(m.group(1).toUpperCase(Locale.ROOT)));
        }
        return ProjectScope.unknown(segment.matches("\\d+") ? String.format(FIX_ISSUE_ID, exampleKey) : FIX_ENDPOINT);
    }

    private static ProjectScope fromIssueKeys(List<String> keys, String exampleKey) {
        if (keys.isEmpty()) {
            return ProjectScope.unknown(String.format(FIX_ISSUE_ID, exampleKey));
        }
        Set<String> projects = new HashSet<>();
        for (String k : keys) {
            Matcher m = ISSUE_KEY.matcher(k);
            if (!m.matches()) {
                return ProjectScope.unknown(String.format(FIX_ISSUE_ID, exampleKey));
            }
            projects.add(m.group(1).toUpperCase(Locale.ROOT));
        }
        return ProjectScope.known(projects);
    }

    private static ProjectScope projectKeys(List<String> keys, String exampleKey) {
        Set<String> projects = new HashSet<>();
        for (String k : keys) {
            if (!PROJECT_KEY.matcher(k).matches()) {
                return ProjectScope.unknown(String.format(FIX_PROJECT_ID, exampleKey));
            }
            projects.add(k.toUpperCase(Locale.ROOT));
        }
        return ProjectScope.known(projects);
    }

    /** Project keys at the given dotted paths of a JSON body; all must be present. */
    private static ProjectScope fromBody(String body, String... paths) {
        JsonNode n = parse(body);
        if (n == null) {
            return ProjectScope.unknown(FIX_BODY);
        }
        List<String> keys = new ArrayList<>();
        boolean issueKeys = paths[0].endsWith("Issue.key");
        for (String p : paths) {
            JsonNode v = at(n, p);
            if (!v.isTextual()) {
                return ProjectScope.unknown(FIX_BODY);
            }
            keys.add(v.asText());
        }
        return issueKeys ? fromIssueKeys(keys, "ABC") : projectKeys(keys, "ABC");
    }

    private static ProjectScope fromBodyList(String body, String listField, String path) {
        JsonNode n = parse(body);
        if (n == null || !n.path(listField).isArray() || n.path(listField).isEmpty()) {
            return ProjectScope.unknown(FIX_BODY);
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode e : n.path(listField)) {
            JsonNode v = at(e, path);
            if (!v.isTextual()) {
                return ProjectScope.unknown(FIX_BODY);
            }
            keys.add(v.asText());
        }
        return projectKeys(keys, "ABC");
    }

    private static JsonNode at(JsonNode n, String dotted) {
        JsonNode cur = n;
        for (String part : dotted.split("\\.")) {
            cur = cur.path(part);
        }
        return cur;
    }

    private static List<String> jsonStrings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n != null && n.path(field).isArray()) {
            for (JsonNode e : n.path(field)) {
                out.add(e.asText());
            }
        }
        return out;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The decoded values of query parameter {@code name}. */
    static List<String> queryValues(String rawQuery, String name) {
        List<String> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (k.equals(name)) {
                out.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The resource path under {@code /rest/api/{2,3,latest}}, e.g. {@code /issue/ABC-1}; "" for the root; null elsewhere. */
    private static String apiResource(String path) {
        Matcher m = API.matcher(path);
        return m.matches() ? (m.group(1) == null ? "" : m.group(1)) : null;
    }

    private static List<String> agileSegments(String path) {
        Matcher m = AGILE.matcher(path);
        return m.matches() && m.group(1) != null ? segments(m.group(1)) : List.of();
    }

    private static List<String> segments(String resource) {
        List<String> out = new ArrayList<>();
        for (String s : resource.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s.replace("+", "%2B")));
            }
        }
        return out;
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }
}
