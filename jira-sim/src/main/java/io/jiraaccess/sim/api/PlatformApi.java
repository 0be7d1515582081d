package io.jiraaccess.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.sim.auth.Flavor;
import io.jiraaccess.sim.auth.Principal;
import io.jiraaccess.sim.auth.Scopes;
import io.jiraaccess.sim.http.ApiError;
import io.jiraaccess.sim.http.Json;
import io.jiraaccess.sim.http.JsonBody;
import io.jiraaccess.sim.http.Request;
import io.jiraaccess.sim.http.Response;
import io.jiraaccess.sim.http.Router;
import io.jiraaccess.sim.jql.ProjectQuery;
import io.jiraaccess.sim.model.Directory;
import io.jiraaccess.sim.model.Issue;
import io.jiraaccess.sim.model.Project;
import io.jiraaccess.sim.model.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Jira platform REST API subset this project uses, versions 2 and 3: myself, issue get/create, create metadata,
 * search (classic and {@code search/jql}), project; and the issue as Agile ({@code /rest/agile/1.0/issue/{key}}) and
 * Service Management ({@code /rest/servicedeskapi/request/{key}}) show it. Users see only their projects: an issue
 * or project outside them is a 403, a JQL search naming one is the 400 Jira gives for a project the caller cannot
 * see. Every handler {@link Request#touch touches} the projects it resolved, from a key or an id, before it checks
 * permissions: the request log then says what each request reached.
 */
public final class PlatformApi {

    private static final int MAX_RESULTS_LIMIT = 100;

    private final Directory directory;
    private final Clock clock;

    public PlatformApi(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public void register(Router router) {
        for (String v : List.of("2", "3", "latest")) {
            String base = "/rest/api/" + v;
            router.get(base + "/myself", Router.Access.USER, this::myself);
            // before issue/{key}, which would take "createmeta" for a key
            router.get(base + "/issue/createmeta", Router.Access.USER, this::createMeta);
            router.get(base + "/issue/createmeta/{project}/issuetypes", Router.Access.USER, this::createMetaTypes);
            router.get(base + "/issue/{key}", Router.Access.USER, this::getIssue);
            router.post(base + "/issue", Router.Access.USER, Router.Effect.ISSUE_CHANGE, this::createIssue);
            router.get(base + "/search", Router.Access.USER, this::searchGet);
            router.post(base + "/search", Router.Access.USER, Router.Effect.READ, this::searchPost);
            router.get(base + "/project/{key}", Router.Access.USER, this::getProject);
        }
        router.get("/rest/api/3/search/jql", Router.Access.USER, this::searchJqlGet);
        router.post("/rest/api/3/search/jql", Router.Access.USER, Router.Effect.READ, this::searchJqlPost);
        router.get("/rest/agile/1.0/issue/{key}", Router.Access.USER, this::getIssue);
        router.get("/rest/agile/latest/issue/{key}", Router.Access.USER, this::getIssue);
        router.get("/rest/servicedeskapi/request/{key}", Router.Access.USER, this::getIssue);
    }

    private Response myself(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.USER);
        return Response.ok(Views.user(principal.user(), cloudShape(request), request.baseUrl()));
    }

    private Response getIssue(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        String key = request.pathParam("key");
        Issue issue = directory.issue(key)
                .orElseThrow(() -> ApiError.notFound("Issue does not exist or you do not have permission to see it."));
        request.touch(issue.projectKey());
        if (!principal.user().canSee(issue.projectKey())) {
            throw ApiError.forbidden("You do not have the permission to see the specified issue.");
        }
        Set<String> fields = Views.fieldSelection(request.queryAll("fields"));
        return Response.ok(render(issue, request, fields));
    }

    private Response createIssue(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.WRITE);
        JsonBody body = request.json();
        JsonBody fields = body.optionalObject("fields")
                .orElseThrow(() -> ApiError.field("fields", "'fields' is required."));
        JsonBody projectRef = fields.optionalObject("project")
                .orElseThrow(() -> ApiError.field("project", "Specify a valid project ID or key"));
        // a project named by both: every one named is reached, and the id decides, as it would in Jira
        Optional<Project> byKey = projectRef.optionalText("key").flatMap(directory::project);
        Optional<Project> byId = projectRef.optionalText("id").flatMap(directory::project);
        byKey.ifPresent(p -> request.touch(p.key()));
        byId.ifPresent(p -> request.touch(p.key()));
        Project project = byId.or(() -> byKey)
                .orElseThrow(() -> ApiError.field("project", "Specify a valid project ID or key"));
        if (!principal.user().canSee(project.key())) {
            throw ApiError.forbidden("You do not have permission to create issues in this project.");
        }
        String summary = fields.optionalText("summary")
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> ApiError.field("summary", "You must specify a summary of the issue."));
        if (summary.length() > 255) {
            throw ApiError.field("summary", "Summary must be less than 255 characters.");
        }
        JsonBody type = fields.optionalObject("issuetype")
                .orElseThrow(() -> ApiError.field("issuetype", "Specify an issue type"));
        String typeName = type.optionalText("name").orElse(null);
        if (typeName == null) {
            String id = type.optionalText("id")
                    .orElseThrow(() -> ApiError.field("issuetype", "Specify an issue type"));
            typeName = Views.ISSUE_TYPES.entrySet().stream().filter(e -> e.getValue().equals(id))
                    .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
        }
        if (typeName == null || !Views.ISSUE_TYPES.containsKey(typeName)) {
            throw ApiError.field("issuetype", "Specify a valid issue type");
        }
        JsonNode description = fields.node().get("description");
        if (description != null && !description.isNull() && !description.isTextual() && !description.isObject()) {
            throw ApiError.field("description", "Operation value must be a string or an Atlassian Document.");
        }
        Issue issue = directory.addIssue(project.key(), summary, description, typeName,
                principal.user().accountId(), clock.instant());
        ObjectNode created = Json.object()
                .put("id", issue.id())
                .put("key", issue.key())
                .put("self", request.baseUrl() + "/rest/api/" + version(request) + "/issue/" + issue.id());
        return Response.json(201, created);
    }

    private Response searchGet(Request request) {
        return search(request, request.query("jql").orElse(null), request.queryInt("startAt", 0),
                request.queryInt("maxResults", 50), request.queryAll("fields"));
    }

    private Response searchPost(Request request) {
        JsonBody body = request.json();
        return search(request, body.optionalText("jql").orElse(null), intField(body, "startAt", 0),
                intField(body, "maxResults", 50), body.textList("fields"));
    }

    private Response search(Request request, String jql, int startAt, int maxResults, List<String> fieldParam) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        if (startAt < 0) {
            throw ApiError.badRequest("startAt must not be negative.");
        }
        int limit = Math.max(0, Math.min(maxResults, MAX_RESULTS_LIMIT));
        List<Issue> matches = matching(request, principal.user(), jql);
        ArrayNode issues = Json.array();
        Set<String> fields = Views.fieldSelection(fieldParam);
        for (int i = startAt; i < matches.size() && i < startAt + limit; i++) {
            issues.add(render(matches.get(i), request, fields));
        }
        ObjectNode result = Json.object()
                .put("expand", "schema,names")
                .put("startAt", startAt)
                .put("maxResults", limit)
                .put("total", matches.size());
        result.set("issues", issues);
        return Response.ok(result);
    }

    private Response searchJqlGet(Request request) {
        return searchJql(request, request.query("jql").orElse(null), request.query("nextPageToken").orElse(null),
                request.queryInt("maxResults", 50), request.queryAll("fields"));
    }

    private Response searchJqlPost(Request request) {
        JsonBody body = request.json();
        return searchJql(request, body.optionalText("jql").orElse(null), body.optionalText("nextPageToken").orElse(null),
                intField(body, "maxResults", 50), body.textList("fields"));
    }

    /**
     * The enhanced search: token paging, bounded queries only, and (as in Jira Cloud) only the issue id unless
     * {@code fields} asks for more.
     */
    private Response searchJql(Request request, String jql, String pageToken, int maxResults, List<String> fieldParam) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        if (ProjectQuery.projects(jql) == null) {
            throw ApiError.badRequest("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        int offset = decodePageToken(pageToken);
        int limit = Math.max(1, Math.min(maxResults, MAX_RESULTS_LIMIT));
        List<Issue> matches = matching(request, principal.user(), jql);
        Set<String> fields = fieldParam.isEmpty() ? Set.of() : Views.fieldSelection(fieldParam);
        ArrayNode issues = Json.array();
        for (int i = offset; i < matches.size() && i < offset + limit; i++) {
            ObjectNode issue = render(matches.get(i), request, fields);
            if (fields != null && fields.isEmpty()) {
                issue.remove(List.of("expand", "self", "key"));
            }
            issues.add(issue);
        }
        ObjectNode result = Json.object();
        result.set("issues", issues);
        boolean last = offset + limit >= matches.size();
        result.put("isLast", last);
        if (!last) {
            result.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + (offset + limit)).getBytes(StandardCharsets.UTF_8)));
        }
        return Response.ok(result);
    }

    /**
     * The projects a caller may create issues in, among those named by {@code projectKeys} and {@code projectIds}
     * (comma-separated or repeated): every project named is reached, as Jira reads both parameters.
     */
    private Response createMeta(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        Set<Project> named = new LinkedHashSet<>();
        for (String name : List.of("projectKeys", "projectIds")) {
            for (String value : request.queryAll(name)) {
                for (String one : value.split(",")) {
                    directory.project(one.trim()).ifPresent(named::add);
                }
            }
        }
        ArrayNode projects = Json.array();
        for (Project p : named) {
            request.touch(p.key());
            if (principal.user().canSee(p.key())) {
                ObjectNode view = projects.addObject().put("id", p.id()).put("key", p.key()).put("name", p.name());
                view.put("self", request.baseUrl() + "/rest/api/" + version(request) + "/project/" + p.id());
                view.set("issuetypes", issueTypes());
            }
        }
        ObjectNode result = Json.object();
        result.set("projects", projects);
        return Response.ok(result);
    }

    private Response createMetaTypes(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        String ref = request.pathParam("project");
        Project project = directory.project(ref)
                .orElseThrow(() -> ApiError.notFound("No project could be found with key '" + ref + "'."));
        request.touch(project.key());
        if (!principal.user().canSee(project.key())) {
            throw ApiError.forbidden("You do not have permission to view project '" + project.key() + "'.");
        }
        ArrayNode types = issueTypes();
        ObjectNode result = Json.object().put("maxResults", types.size()).put("startAt", 0).put("total", types.size())
                .put("isLast", true);
        result.set("values", types);
        return Response.ok(result);
    }

    private static ArrayNode issueTypes() {
        ArrayNode types = Json.array();
        Views.ISSUE_TYPES.forEach((name, id) -> types.addObject().put("id", id).put("name", name).put("subtask", false));
        return types;
    }

    private Response getProject(Request request) {
        Principal principal = request.principal();
        Scopes.require(principal, Scopes.Need.READ);
        String key = request.pathParam("key");
        Project project = directory.project(key)
                .orElseThrow(() -> ApiError.notFound("No project could be found with key '" + key + "'."));
        request.touch(project.key());
        if (!principal.user().canSee(project.key())) {
            throw ApiError.forbidden("You do not have permission to view project '" + project.key() + "'.");
        }
        User lead = directory.users().stream().filter(u -> u.canSee(project.key()) && !u.isApp()).findFirst()
                .orElse(null);
        return Response.ok(Views.project(project, cloudShape(request), version(request), request.baseUrl(), lead));
    }

    /** The issues a JQL query finds; a project value may be a key or an id, as in Jira. */
    private List<Issue> matching(Request request, User user, String jql) {
        Set<String> wanted = ProjectQuery.projects(jql);
        Set<String> projects = new LinkedHashSet<>();
        if (wanted == null) {
            projects.addAll(user.projects());
            projects.forEach(request::touch);
        } else {
            for (String value : wanted) {
                Optional<Project> project = directory.project(value);
                project.ifPresent(p -> request.touch(p.key()));
                if (project.isEmpty() || !user.canSee(project.get().key())) {
                    throw ApiError.badRequest("The value '" + value + "' does not exist for the field 'project'.");
                }
                projects.add(project.get().key());
            }
        }
        return new ArrayList<>(directory.issuesIn(projects));
    }

    private ObjectNode render(Issue issue, Request request, Set<String> fields) {
        Project project = directory.project(issue.projectKey()).orElseThrow();
        User reporter = directory.byAccountId(issue.reporterAccountId()).orElse(null);
        return Views.issue(issue, project, reporter, cloudShape(request), version(request), request.baseUrl(), fields);
    }

    /** v3 is Cloud-only; v2 answers in the flavour of the credential used. */
    private static boolean cloudShape(Request request) {
        return request.path().startsWith("/rest/api/3/") || request.principal().flavor() == Flavor.CLOUD;
    }

    private static String version(Request request) {
        return request.path().startsWith("/rest/api/3/") ? "3" : "2";
    }

    private static int intField(JsonBody body, String field, int defaultValue) {
        long value = body.optionalLong(field).orElse((long) defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw ApiError.field(field, "'" + field + "' is out of range.");
        }
        return (int) value;
    }

    private static int decodePageToken(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiError.badRequest("The nextPageToken is invalid or has expired.");
    }
}
