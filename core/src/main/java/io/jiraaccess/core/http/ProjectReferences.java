package io.jiraaccess.core.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every project a request names, wherever it names one: query parameters (all values of every name Jira reads a
 * project or issue from, {@code projectKeys} and {@code projectIds} alike), JQL, and the JSON body (project and issue
 * references at any depth, {@code key} and {@code id} both). A key names its project; an id names nothing the guard
 * can check without asking Jira, so it makes the request unattributable, as does a JQL query that is not limited to
 * projects.
 */
final class ProjectReferences {
    static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final Pattern ISSUE_KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-[0-9]+");

    /** Names whose values are project keys (comma-separated or repeated). */
    private static final Set<String> PROJECT_KEYS = Set.of("projectKey", "projectKeys");
    /** Names whose values are project keys or ids. */
    private static final Set<String> PROJECT_KEYS_OR_IDS = Set.of("project", "projectIdOrKey", "projectKeyOrId",
            "projectIdsOrKeys", "projectKeysOrIds");
    private static final Set<String> PROJECT_IDS = Set.of("projectId", "projectIds", "pid");
    /** Names whose values are issue keys or ids. */
    private static final Set<String> ISSUE_KEYS_OR_IDS = Set.of("issueKey", "issueKeys", "issueIdOrKey",
            "issueIdsOrKeys", "issue");
    private static final Set<String> ISSUE_IDS = Set.of("issueId", "issueIds");
    /** JSON members holding an object that names an issue by {@code key} or {@code id}. */
    private static final Set<String> ISSUE_OBJECTS = Set.of("issue", "parent", "inwardIssue", "outwardIssue");

    private final String exampleKey;
    private final Set<String> keys = new TreeSet<>();
    private String unattributable;
    private int jqls;
    private int count;

    private ProjectReferences(String exampleKey) {
        this.exampleKey = exampleKey;
    }

    static ProjectReferences of(QueryParameters query, JsonNode body, String exampleKey) {
        ProjectReferences r = new ProjectReferences(exampleKey);
        for (Map.Entry<String, List<String>> e : query.asMap().entrySet()) {
            for (String v : e.getValue()) {
                r.named(e.getKey(), v);
            }
        }
        if (body != null) {
            r.walk(null, body);
        }
        return r;
    }

    /** The upper-case keys of the projects named. */
    Set<String> keys() {
        return keys;
    }

    /** Null when every reference names a project key; else how the caller can make them checkable. */
    String unattributable() {
        return unattributable;
    }

    /** How many project or issue references the request makes (a JQL query counts as one). */
    int count() {
        return count;
    }

    /** How many JQL queries the request carries (each is part of {@link #keys()} or made it unattributable). */
    int jqls() {
        return jqls;
    }

    private void named(String name, String value) {
        if (name.equals("jql")) {
            jql(value);
        } else if (PROJECT_KEYS.contains(name)) {
            each(value, this::projectKey);
        } else if (PROJECT_KEYS_OR_IDS.contains(name)) {
            each(value, this::projectKey);
        } else if (PROJECT_IDS.contains(name)) {
            count++;
            unattributable(String.format(Endpoints.FIX_PROJECT_ID, exampleKey));
        } else if (ISSUE_KEYS_OR_IDS.contains(name)) {
            each(value, this::issueKey);
        } else if (ISSUE_IDS.contains(name)) {
            count++;
            unattributable(String.format(Endpoints.FIX_ISSUE_ID, exampleKey));
        }
    }

    private void each(String commaSeparated, Consumer<String> sink) {
        String[] parts = commaSeparated.split(",", -1);
        for (String p : parts) {
            sink.accept(p.trim());
        }
    }

    void projectKey(String v) {
        count++;
        if (PROJECT_KEY.matcher(v).matches()) {
            keys.add(v.toUpperCase(Locale.ROOT));
        } else {
            unattributable(String.format(Endpoints.FIX_PROJECT_ID, exampleKey));
        }
    }

    void issueKey(String v) {
        count++;
        Matcher m = ISSUE_KEY.matcher(v);
        if (m.matches()) {
            keys.add(m.group(1).toUpperCase(Locale.ROOT));
        } else {
            unattributable(String.format(Endpoints.FIX_ISSUE_ID, exampleKey));
        }
    }

    void jql(String jql) {
        jqls++;
        count++;
        Set<String> bound = JqlProjects.of(jql);
        if (bound == null) {
            unattributable(String.format(Endpoints.FIX_SEARCH, exampleKey));
        } else {
            keys.addAll(bound);
        }
    }

    void unattributable(String fix) {
        if (unattributable == null) {
            unattributable = fix;
        }
    }

    private void walk(String name, JsonNode n) {
        if (name != null) {
            member(name, n);
        }
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getKey(), e.getValue());
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                // the elements of a named list belong to that name ("issueIdsOrKeys": [...], and update operations
                // such as "project": [{"set": ...}], which then name no key the guard reads and are refused)
                walk(name, e);
            }
        }
    }

    /** One JSON member: a project or issue reference, a JQL query, or nothing of interest. */
    private void member(String name, JsonNode v) {
        if (v.isNull() || v.isArray()) {
            return;
        }
        if (name.equals("project") && v.isObject()) {
            reference(v, this::projectKey, Endpoints.FIX_PROJECT_ID);
        } else if (ISSUE_OBJECTS.contains(name) && v.isObject()) {
            reference(v, this::issueKey, Endpoints.FIX_ISSUE_ID);
        } else if (v.isValueNode() && isReferenceName(name)) {
            if (v.isTextual()) {
                named(name, v.asText());
            } else {
                // a number is an id
                count++;
                unattributable(String.format(name.toLowerCase(Locale.ROOT).contains("issue") ? Endpoints.FIX_ISSUE_ID
                        : Endpoints.FIX_PROJECT_ID, exampleKey));
            }
        }
    }

    private static boolean isReferenceName(String name) {
        return name.equals("jql") || PROJECT_KEYS.contains(name) || PROJECT_KEYS_OR_IDS.contains(name)
                || PROJECT_IDS.contains(name) || ISSUE_KEYS_OR_IDS.contains(name) || ISSUE_IDS.contains(name);
    }

    /** {@code {"key": ..., "id": ...}}: every one given is judged; one of them must be. */
    private void reference(JsonNode object, Consumer<String> byKey, String idFix) {
        JsonNode key = object.get("key");
        JsonNode id = object.get("id");
        boolean named = false;
        if (key != null && !key.isNull()) {
            named = true;
            if (key.isTextual()) {
                byKey.accept(key.asText());
            } else {
                unattributable(Endpoints.FIX_BODY);
            }
        }
        if (id != null && !id.isNull()) {
            named = true;
            count++;
            unattributable(String.format(idFix, exampleKey));
        }
        if (!named) {
            unattributable(Endpoints.FIX_BODY);
        }
    }
}
