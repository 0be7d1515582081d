package io.jiraaccess.core.connect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The path and the raw query of a request, split the way atlassian-jwt splits them (Node's legacy
 * {@code url.parse}), because the canonical URI uses the path exactly as written, without decoding:
 * <ul>
 *   <li>surrounding whitespace is trimmed and backslashes before the query become {@code /};</li>
 *   <li>a fragment ({@code #...}) is dropped;</li>
 *   <li>a plain path (starting with one or two slashes, no whitespace, no {@code #}, no {@code @} before the query)
 *       is taken as is; anything else first has space, quotes, angle brackets, backslash, caret, backtick and
 *       braces percent-encoded ({@code url.parse}'s auto-escaping), which is why {@code /a b} and {@code /a%20b}
 *       share a qsh;</li>
 *   <li>an absolute {@code http(s)} URL loses its scheme and authority.</li>
 * </ul>
 * Inputs that {@code url.parse} would read as some other URL form (another scheme, user info, {@code //user@host},
 * characters that are not allowed in a host) are refused rather than guessed at.
 *
 * @param pathname the raw path, or null when there is none
 * @param query    the raw query without {@code ?}, or null when there is none
 */
record RequestTarget(String pathname, String query) {
    private static final Pattern PROTOCOL = Pattern.compile("^[A-Za-z0-9.+-]+:");
    private static final Pattern HOST_WITH_AUTH = Pattern.compile("^//[^@/]+@[^@/]+");
    private static final Pattern AUTHORITY = Pattern.compile("([A-Za-z0-9._-]*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]*)?");

    static RequestTarget parse(String url) {
        String rest = trim(url);
        // what url.parse looks at: the first ? or #, and #, @ and \ before it, and whitespace anywhere
        int question = rest.indexOf('?');
        int firstHash = rest.indexOf('#');
        int split = question < 0 ? firstHash : firstHash < 0 ? question : Math.min(question, firstHash);
        int beforeSplit = split < 0 ? rest.length() : split;
        boolean hasHash = firstHash >= 0;
        int at = rest.indexOf('@');
        boolean hasAt = at >= 0 && at < beforeSplit;
        int backslash = rest.indexOf('\\');
        boolean hasBackslash = backslash >= 0 && backslash < beforeSplit;
        boolean hasWhitespace = false;
        for (int i = 0; i < rest.length() && !hasWhitespace; i++) {
            char c = rest.charAt(i);
            hasWhitespace = (c <= ' ' || c >= 0x7F) && isJsWhitespace(c);
        }
        if (hasBackslash) {
            rest = rest.substring(0, beforeSplit).replace('\\', '/') + rest.substring(beforeSplit);
        }
        if (!hasHash && !hasAt && !hasWhitespace && isSimplePath(rest)) {
            return split < 0 ? new RequestTarget(rest, null)
                    : new RequestTarget(rest.substring(0, split), rest.substring(split + 1));
        }
        boolean hostful = false;
        var protocol = PROTOCOL.matcher(rest);
        if (protocol.find()) {
            String scheme = protocol.group().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http:") || scheme.equals("https:")) || !rest.startsWith("//", protocol.end())) {
                throw new IllegalArgumentException("expected a path starting with / or an http(s) URL");
            }
            int start = protocol.end() + 2;
            int end = indexOfAny(rest, start, '/', '?', '#');
            end = end < 0 ? rest.length() : end;
            if (!AUTHORITY.matcher(rest.substring(start, end)).matches()) {
                throw new IllegalArgumentException("the URL's authority is not a plain host[:port]; write the path without scheme and host");
            }
            rest = rest.substring(end);
            hostful = true;
        } else if (HOST_WITH_AUTH.matcher(rest).find()) {
            throw new IllegalArgumentException("a path starting with //user@host is read as a host by atlassian-jwt; "
                    + "write the path without the leading //");
        }
        rest = autoEscape(rest);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? null : rest.substring(q + 1);
        if (path.isEmpty()) {
            path = hostful ? "/" : null;
        }
        return new RequestTarget(path, query);
    }

    /**
     * {@code url.parse}'s fast path, {@code ^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$} with JavaScript's {@code \s}, for a
     * string already known to hold no whitespace.
     */
    private static boolean isSimplePath(String s) {
        return !s.isEmpty() && s.charAt(0) == '/' && !s.startsWith("///");
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTrimmed(s.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c < 33 || c == '\u00A0' || c == '\uFEFF';
    }

    private static boolean isJsWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
    }

    private static String autoEscape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String escaped = autoEscaped(s.charAt(i));
            if (escaped != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(s.charAt(i));
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String autoEscaped(char c) {
        switch (c) {
            case '\t': return "%09";
            case '\n': return "%0A";
            case '\r': return "%0D";
            case ' ': return "%20";
            case '"': return "%22";
            case '\'': return "%27";
            case '<': return "%3C";
            case '>': return "%3E";
            case '\\': return "%5C";
            case '^': return "%5E";
            case '`': return "%60";
            case '{': return "%7B";
            case '|': return "%7C";
            case '}': return "%7D";
            default: return null;
        }
    }

    private static int indexOfAny(String s, int from, char a, char b, char c) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == a || ch == b || ch == c) {
                return i;
            }
        }
        return -1;
    }
}
