package io.jiraaccess.sim.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method + path template ({@code /rest/api/{version}/issue/{key}}) to handlers. */
public final class Router {

    /** Handles one request. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    /** Whether the simulator authenticates the caller as a Jira user before the handler runs. */
    public enum Access {
        /** Jira user authentication (Basic, Bearer PAT/OAuth, JWT); anonymous callers get 401. */
        USER,
        /** The handler authenticates on its own terms (OAuth clients, org admin keys) or not at all. */
        OPEN
    }

    /**
     * What a route does when it succeeds, in the simulator's own terms (the other side of the wire from the request
     * guard's operations): it only reads, it changes issues (create, edit, comment), or it changes something else
     * (tokens, users, the site).
     */
    public enum Effect {
        READ,
        ISSUE_CHANGE,
        OTHER_CHANGE
    }

    /** A matched route. */
    public record Match(Route route, Map<String, String> params) {
    }

    /** A registered route. */
    public record Route(String method, String template, Access access, Effect effect, Handler handler, Pattern pattern,
                        List<String> names) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String template, Access access, Handler handler) {
        return add("GET", template, access, Effect.READ, handler);
    }

    /** A POST that changes something other than issues; see {@link #post(String, Access, Effect, Handler)}. */
    public Router post(String template, Access access, Handler handler) {
        return add("POST", template, access, Effect.OTHER_CHANGE, handler);
    }

    public Router post(String template, Access access, Effect effect, Handler handler) {
        return add("POST", template, access, effect, handler);
    }

    public Router delete(String template, Access access, Handler handler) {
        return add("DELETE", template, access, Effect.OTHER_CHANGE, handler);
    }

    public Router add(String method, String template, Access access, Effect effect, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, access, effect, handler, Pattern.compile(regex.toString()), names));
        return this;
    }

    /**
     * Finds the route; a path that exists under another method is a 405, an unknown path a 404,
     * both with Jira's error shape.
     */
    public Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.names().size(); i++) {
                    params.put(route.names().get(i), m.group(i + 1));
                }
                return new Match(route, params);
            }
        }
        if (pathKnown) {
            throw ApiError.of(405, "Method " + method + " is not allowed on this resource.");
        }
        throw ApiError.notFound("null for uri: " + path);
    }
}
