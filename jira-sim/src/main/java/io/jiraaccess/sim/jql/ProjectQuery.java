package io.jiraaccess.sim.jql;

import io.jiraaccess.sim.http.ApiError;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JQL this project sends: {@code project = X}, {@code project in (X, "Y")}, optionally followed by
 * {@code ORDER BY ...} (ignored: results are in creation order). Anything else is a 400, as unparsable JQL is.
 */
public final class ProjectQuery {

    private static final Pattern ORDER_BY = Pattern.compile("(?i)\\s+order\\s+by\\s+.*$|^\\s*order\\s+by\\s+.*$");
    private static final Pattern EQUALS = Pattern.compile("(?i)^\\s*project\\s*=\\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_]+)\\s*$");
    private static final Pattern IN = Pattern.compile("(?i)^\\s*project\\s+in\\s*\\(([^)]*)\\)\\s*$");

    private ProjectQuery() {
    }

    /** The project keys the query restricts to, or null for a query without a restriction. */
    public static Set<String> projects(String jql) {
        if (jql == null) {
            return null;
        }
        String condition = ORDER_BY.matcher(jql).replaceAll("");
        if (condition.isBlank()) {
            return null;
        }
        Matcher eq = EQUALS.matcher(condition);
        if (eq.matches()) {
            return Set.of(unquote(eq.group(1)));
        }
        Matcher in = IN.matcher(condition);
        if (in.matches()) {
            Set<String> keys = new LinkedHashSet<>();
            for (String part : in.group(1).split(",")) {
                String key = unquote(part.trim());
                if (key.isEmpty()) {
                    throw unsupported();
                }
                keys.add(key);
            }
            if (keys.isEmpty()) {
                throw unsupported();
            }
            return keys;
        }
        throw unsupported();
    }

    private static String unquote(String text) {
        String trimmed = text.trim();
        if (trimmed.length() >= 2 && (trimmed.startsWith("\"") && trimmed.endsWith("\"")
                || trimmed.startsWith("'") && trimmed.endsWith("'"))) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed.toUpperCase(Locale.ROOT);
    }

    private static ApiError unsupported() {
        return ApiError.badRequest("Error in the JQL Query: the simulator understands only "
                + "'project = KEY' and 'project in (KEY, ...)', optionally followed by ORDER BY.");
    }
}
