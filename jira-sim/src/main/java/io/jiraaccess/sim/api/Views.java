package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.model.Issue;
import io.jiraaccess.sim.model.Project;
import io.jiraaccess.sim.model.User;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON renderings of users, projects and issues in the Cloud shape (account ids, held to
 * {@code jira-cloud-platform.openapi.json}) or the Data Center shape (usernames and keys, held to
 * {@code jira-software-dc-10.3.openapi.json}).
 */
public final class Views {

    /** Issue types every simulated project offers, with Jira's usual ids. */
    public static final Map<String, String> ISSUE_TYPES = Map.of("Task", "10001", "Bug", "10002", "Story", "10003",
            "Epic", "10004");

    private Views() {
    }

    public static ObjectNode user(User user, boolean cloud, String base) {
        ObjectNode node = Json.object();
        if (cloud) {
            node.put("self", base + "/rest/api/3/user?accountId=" + user.accountId());
            node.put("accountId", user.accountId());
            node.put("accountType", user.accountType());
        } else {
            node.put("self", base + "/rest/api/2/user?username=" + user.name());
            node.put("key", user.key());
            node.put("name", user.name());
        }
        if (user.email() != null) {
            node.put("emailAddress", user.email());
        }
        node.set("avatarUrls", avatars(base, "useravatar?ownerId=" + user.accountId()));
        node.put("displayName", user.displayName());
        node.put("active", true);
        if (!cloud) {
            node.put("deleted", false);
        }
        node.put("timeZone", "Etc/UTC");
        node.put("locale", "en_US");
        node.putObject("groups").put("size", user.admin() ? 2 : 1).putArray("items");
        node.putObject("applicationRoles").put("size", 1).putArray("items");
        node.put("expand", "groups,applicationRoles");
        return node;
    }

    /** The short user form embedded in issues and projects. */
    public static ObjectNode userRef(User user, boolean cloud, String base) {
        ObjectNode node = Json.object();
        if (cloud) {
            node.put("self", base + "/rest/api/3/user?accountId=" + user.accountId());
            node.put("accountId", user.accountId());
            node.put("accountType", user.accountType());
        } else {
            node.put("self", base + "/rest/api/2/user?username=" + user.name());
            node.put("key", user.key());
            node.put("name", user.name());
        }
        node.set("avatarUrls", avatars(base, "useravatar?ownerId=" + user.accountId()));
        node.put("displayName", user.displayName());
        node.put("active", true);
        return node;
    }

    public static ObjectNode project(Project project, boolean cloud, String version, String base, User lead) {
        ObjectNode node = Json.object();
        node.put("expand", "description,lead,issueTypes,url,projectKeys,permissions,insight");
        node.put("self", base + "/rest/api/" + version + "/project/" + project.id());
        node.put("id", project.id());
        node.put("key", project.key());
        node.put("name", project.name());
        node.put("description", project.description());
        node.set("avatarUrls", avatars(base, "projectavatar?pid=" + project.id()));
        if (cloud) {
            if (lead != null) {
                node.set("lead", userRef(lead, true, base));
            }
            node.put("projectTypeKey", "software");
            node.put("simplified", false);
            node.put("style", "classic");
            node.put("isPrivate", false);
            node.putObject("properties");
            var types = node.putArray("issueTypes");
            ISSUE_TYPES.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(type -> types.addObject()
                    .put("self", base + "/rest/api/3/issuetype/" + type.getValue())
                    .put("id", type.getValue())
                    .put("name", type.getKey())
                    .put("description", type.getKey())
                    .put("subtask", false)
                    .put("hierarchyLevel", "Epic".equals(type.getKey()) ? 1 : 0));
        } else {
            node.put("archived", false);
        }
        return node;
    }

    /**
     * An issue; {@code fields} limits the fields as Jira's {@code fields} parameter does (null or "*all" or
     * "*navigable" = every field, an empty set = none).
     */
    public static ObjectNode issue(Issue issue, Project project, User reporter, boolean cloud, String version,
                                   String base, Set<String> fields) {
        ObjectNode node = Json.object();
        node.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        node.put("id", issue.id());
        node.put("self", base + "/rest/api/" + version + "/issue/" + issue.id());
        node.put("key", issue.key());
        if (fields != null && fields.isEmpty()) {
            return node;
        }
        ObjectNode f = Json.object();
        putIf(f, fields, "summary", Json.MAPPER.getNodeFactory().textNode(issue.summary()));
        JsonNode description = Adf.forVersion(issue.description(), "3".equals(version));
        putIf(f, fields, "description", description == null ? Json.MAPPER.getNodeFactory().nullNode() : description);
        ObjectNode projectRef = Json.object()
                .put("self", base + "/rest/api/" + version + "/project/" + project.id())
                .put("id", project.id())
                .put("key", project.key())
                .put("name", project.name());
        if (cloud) {
            projectRef.put("projectTypeKey", "software").put("simplified", false);
        }
        putIf(f, fields, "project", projectRef);
        String typeId = ISSUE_TYPES.getOrDefault(issue.issueTypeName(), "10001");
        putIf(f, fields, "issuetype", Json.object()
                .put("self", base + "/rest/api/" + version + "/issuetype/" + typeId)
                .put("id", typeId)
                .put("name", issue.issueTypeName())
                .put("subtask", false));
        ObjectNode status = Json.object()
                .put("self", base + "/rest/api/" + version + "/status/10000")
                .put("id", "10000")
                .put("name", issue.statusName());
        status.putObject("statusCategory").put("id", 2).put("key", "new").put("name", "To Do");
        putIf(f, fields, "status", status);
        putIf(f, fields, "created", Json.MAPPER.getNodeFactory().textNode(JiraTime.format(issue.created())));
        putIf(f, fields, "updated", Json.MAPPER.getNodeFactory().textNode(JiraTime.format(issue.created())));
        if (reporter != null) {
            putIf(f, fields, "reporter", userRef(reporter, cloud, base));
            putIf(f, fields, "creator", userRef(reporter, cloud, base));
        }
        node.set("fields", f);
        return node;
    }

    private static void putIf(ObjectNode fieldsNode, Set<String> wanted, String name, JsonNode value) {
        if (wanted == null || wanted.contains(name)) {
            fieldsNode.set(name, value);
        }
    }

    /** Parses Jira's {@code fields} parameter: null means all, "*all"/"*navigable" also all. */
    public static Set<String> fieldSelection(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String item : requested) {
            for (String name : item.split(",")) {
                String trimmed = name.trim();
                if (trimmed.equals("*all") || trimmed.equals("*navigable")) {
                    return null;
                }
                if (!trimmed.isEmpty() && !trimmed.startsWith("-")) {
                    names.add(trimmed);
                }
            }
        }
        return names;
    }

    private static ObjectNode avatars(String base, String path) {
        ObjectNode node = Json.object();
        for (String size : List.of("48x48", "24x24", "16x16", "32x32")) {
            node.put(size, base + "/secure/" + path + "&size=" + size.substring(0, size.indexOf('x')));
        }
        return node;
    }
}
