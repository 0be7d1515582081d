package io.jiraaccess.core.http;

import io.jiraaccess.core.credential.Operation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Jira request does, judged from its method, its path as Jira's Tomcat reads it ({@link TomcatPath}, context
 * path removed, split into segments) and the references it carries ({@link ProjectReferences}): its
 * {@link Operation}, and for a credential with {@code allow.projects}, the projects it touches.
 * <p>Deny by default: a request is tied to projects only on the endpoints below; everything else is unattributable
 * and refused for a credential with {@code allow.projects}. Path segments compare case-sensitively, as Jira's REST
 * layer does (a path in another case is a 404 there, and unknown here).
 * <ul>
 *   <li>Project-free (no project is touched): {@code /rest/api/{2,3,latest}/} {@value #FREE_DOC}, and the
 *       personal access token API {@code /rest/pat/latest/tokens...} (the user's own tokens).</li>
 *   <li>Tied to projects: {@code issue/{key}/...}, {@code issue} (create: the body's {@code fields.project}),
 *       {@code issue/bulk}, {@code issue/bulkfetch}, {@code issue/createmeta} ({@code projectKeys}, or
 *       {@code createmeta/{key}/...}), {@code issueLink} (create: both issues), {@code search},
 *       {@code search/jql}, {@code search/approximate-count} (their JQL), {@code project/{key}/...}; Agile's
 *       {@code /rest/agile/{1.0,latest}/issue/{key}/...}; Service Management's
 *       {@code /rest/servicedeskapi/request/{key}/...}.</li>
 *   <li>Refused: everything else, among them project lists, boards, sprints, epics, ids instead of keys, the
 *       {@code /ex/jira/{cloudId}} gateway form below the site, {@code /browse}, {@code /si/...}.</li>
 * </ul>
 * Wherever a request names projects besides its path (query parameters, JQL, body), they are judged as well.
 */
final class Endpoints {
    static final String FREE_DOC = "myself, serverInfo, configuration, field, status, statuscategory, priority, "
            + "resolution, issuetype, issueLinkType (and the single item of the last six)";
    /** Project-free platform resources, the whole path below the version. */
    private static final Set<String> FREE = Set.of("myself", "serverInfo", "configuration", "field", "status",
            "statuscategory", "priority", "resolution", "issuetype", "issueLinkType");
    /** Project-free platform resources whose single item ({@code priority/3}) is project-free too. */
    private static final Set<String> FREE_ITEMS = Set.of("status", "statuscategory", "priority", "resolution",
            "issuetype", "issueLinkType");
    /** POST endpoints that only read (they take their criteria in the body). */
    private static final Set<String> READ_POSTS = Set.of("search", "search/jql", "search/approximate-count",
            "issue/bulkfetch", "comment/list", "worklog/list", "jql/match", "jql/parse");
    /** {@code project/<x>} resources that list projects rather than name one (in this case: PROJECT/SEARCH is a key). */
    private static final Set<String> PROJECT_LISTINGS = Set.of("search", "recent", "type");
    private static final Set<String> API_VERSIONS = Set.of("2", "3", "latest");
    private static final Set<String> AGILE_VERSIONS = Set.of("1.0", "latest");
    private static final Set<String> PAT_VERSIONS = Set.of("latest", "1.0");

    static final String FIX_SEARCH = "add a project clause such as project in (%s) to the JQL, joined to the rest with AND";
    static final String FIX_ISSUE_ID = "refer to the issue by its key (e.g. %s-123), not by its numeric id";
    static final String FIX_PROJECT_ID = "refer to the project by its key (e.g. %s), not by its numeric id";
    static final String FIX_BODY = "name the project (or issue) by key in the request body, as one JSON document "
            + "without repeated members";
    static final String FIX_ENDPOINT = "use an endpoint that names the issue or project key (see the guard's list "
            + "in the README), or a credential without allow.projects";
    static final String FIX_GATEWAY = "set the credential's site to https://api.atlassian.com/ex/jira/<cloudId> and "
            + "send paths below it";

    /** Which API a path belongs to. */
    enum Family { PLATFORM, AGILE, SERVICE_DESK, PAT, GATEWAY, OTHER }

    /** A path split into the family and the segments below its version. */
    record Api(Family family, List<String> rest) {
        String root() {
            return rest.isEmpty() ? "" : rest.get(0);
        }
    }

    private Endpoints() {
    }

    static boolean isSafeMethod(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    static Api api(List<String> s) {
        if (s.size() >= 3 && s.get(0).equals("rest") && s.get(1).equals("api") && API_VERSIONS.contains(s.get(2))) {
            return new Api(Family.PLATFORM, s.subList(3, s.size()));
        }
        if (s.size() >= 3 && s.get(0).equals("rest") && s.get(1).equals("agile") && AGILE_VERSIONS.contains(s.get(2))) {
            return new Api(Family.AGILE, s.subList(3, s.size()));
        }
        if (s.size() >= 2 && s.get(0).equals("rest") && s.get(1).equals("servicedeskapi")) {
            return new Api(Family.SERVICE_DESK, s.subList(2, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("rest") && s.get(1).equals("pat") && PAT_VERSIONS.contains(s.get(2))
                && s.get(3).equals("tokens")) {
            return new Api(Family.PAT, s.subList(3, s.size()));
        }
        if (s.size() >= 2 && s.get(0).equals("ex") && s.get(1).equals("jira")) {
            return new Api(Family.GATEWAY, s.subList(2, s.size()));
        }
        return new Api(Family.OTHER, s);
    }

    /** read = GET/HEAD/OPTIONS and the read-only POSTs such as search; write = issue changes; admin = the rest. */
    static Operation operation(String method, List<String> segments) {
        if (isSafeMethod(method)) {
            return Operation.READ;
        }
        Api api = api(segments);
        if (api.family() == Family.PLATFORM && method.equals("POST") && READ_POSTS.contains(String.join("/", api.rest()))) {
            return Operation.READ;
        }
        String root = api.root();
        boolean issueChange = switch (api.family()) {
            // comments, worklogs, transitions live under issue/{key}/..., so the issue roots cover them
            case PLATFORM -> root.equals("issue") || root.equals("issueLink");
            case AGILE -> root.equals("issue");
            case SERVICE_DESK -> root.equals("request");
            default -> false;
        };
        return issueChange ? Operation.WRITE : Operation.ADMIN;
    }

    /**
     * The projects the request touches, for a credential with {@code allow.projects}.
     *
     * @param refs everything the query and body name
     */
    static ProjectScope projects(String method, List<String> segments, ProjectReferences refs, String exampleKey) {
        Api api = api(segments);
        ProjectScope path = switch (api.family()) {
            case PAT -> ProjectScope.NONE;
            case PLATFORM -> platform(method, api.rest(), refs, exampleKey);
            case AGILE, SERVICE_DESK -> {
                String root = api.family() == Family.AGILE ? "issue" : "request";
                yield api.rest().size() >= 2 && api.root().equals(root)
                        ? issueKey(api.rest().get(1), exampleKey) : ProjectScope.unknown(FIX_ENDPOINT);
            }
            case GATEWAY -> ProjectScope.unknown(FIX_GATEWAY);
            case OTHER -> ProjectScope.unknown(FIX_ENDPOINT);
        };
        return withReferences(path, refs);
    }

    /** The path's scope joined with the references the query and body make. */
    private static ProjectScope withReferences(ProjectScope path, ProjectReferences refs) {
        if (path.kind() == ProjectScope.Kind.UNKNOWN) {
            return path;
        }
        if (refs.unattributable() != null) {
            return ProjectScope.unknown(refs.unattributable());
        }
        if (path.kind() == ProjectScope.Kind.NONE && refs.keys().isEmpty()) {
            return ProjectScope.NONE;
        }
        Set<String> all = new TreeSet<>(path.keys());
        all.addAll(refs.keys());
        return ProjectScope.known(all);
    }

    private static ProjectScope platform(String method, List<String> r, ProjectReferences refs, String exampleKey) {
        if (r.isEmpty()) {
            return ProjectScope.unknown(FIX_ENDPOINT);
        }
        String root = r.get(0);
        if ((r.size() == 1 && FREE.contains(root)) || (r.size() == 2 && FREE_ITEMS.contains(root))) {
            return ProjectScope.NONE;
        }
        switch (root) {
            case "issue":
                return issue(method, r, refs, exampleKey);
            case "issueLink":
                // creating a link: the body names both issues (judged as references)
                return r.size() == 1 && method.equals("POST") ? fromReferences(refs, 2) : ProjectScope.unknown(FIX_ENDPOINT);
            case "search":
                boolean search = r.size() == 1 || (r.size() == 2 && (r.get(1).equals("jql")
                        || r.get(1).equals("approximate-count")));
                if (!search) {
                    return ProjectScope.unknown(FIX_ENDPOINT);
                }
                return refs.jqls() == 0 ? ProjectScope.unknown(String.format(FIX_SEARCH, exampleKey))
                        : ProjectScope.known(Set.of());
            case "project":
                // a list of projects shows projects outside the policy; /project/{id} names none we can check
                return r.size() >= 2 && !PROJECT_LISTINGS.contains(r.get(1)) ? projectKey(r.get(1), exampleKey)
                        : ProjectScope.unknown(FIX_ENDPOINT);
            default:
                return ProjectScope.unknown(FIX_ENDPOINT);
        }
    }

    private static ProjectScope issue(String method, List<String> r, ProjectReferences refs, String exampleKey) {
        if (r.size() == 1) {
            // creating an issue: the body names the project
            return method.equals("POST") ? fromReferences(refs, 1) : ProjectScope.unknown(FIX_ENDPOINT);
        }
        String second = r.get(1);
        switch (second) {
            case "bulk":
            case "bulkfetch":
                return r.size() == 2 && method.equals("POST") ? fromReferences(refs, 1) : ProjectScope.unknown(FIX_ENDPOINT);
            case "createmeta":
                if (r.size() >= 3) {
                    return projectKey(r.get(2), exampleKey);
                }
                return refs.keys().isEmpty() && refs.unattributable() == null
                        ? ProjectScope.unknown("add projectKeys=" + exampleKey + " to the query")
                        : ProjectScope.known(Set.of());
            default:
                return issueKey(second, exampleKey);
        }
    }

    /** The request's scope is what its references name; it must make at least {@code min} references. */
    private static ProjectScope fromReferences(ProjectReferences refs, int min) {
        return refs.count() >= min ? ProjectScope.known(Set.of()) : ProjectScope.unknown(FIX_BODY);
    }

    static ProjectScope issueKey(String segment, String exampleKey) {
        var m = ProjectReferences.ISSUE_KEY.matcher(segment);
        if (m.matches()) {
            return ProjectScope.known(Set.of(m.group(1).toUpperCase(Locale.ROOT)));
        }
        return ProjectScope.unknown(segment.matches("[0-9]+") ? String.format(FIX_ISSUE_ID, exampleKey) : FIX_ENDPOINT);
    }

    static ProjectScope projectKey(String segment, String exampleKey) {
        return ProjectReferences.PROJECT_KEY.matcher(segment).matches()
                ? ProjectScope.known(Set.of(segment.toUpperCase(Locale.ROOT)))
                : ProjectScope.unknown(String.format(FIX_PROJECT_ID, exampleKey));
    }
}
