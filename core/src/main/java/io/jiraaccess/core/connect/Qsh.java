package io.jiraaccess.core.connect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Atlassian Connect query string hash: lowercase hex SHA-256 of the UTF-8 canonical request
 * {@code METHOD&canonicalURI&canonicalQuery}.
 * <ul>
 *   <li>method in upper case;</li>
 *   <li>URI: the raw path (not decoded) without scheme, host, port, context path and query; empty becomes {@code /};
 *       one trailing {@code /} is dropped unless the path is {@code /}; {@code &} becomes {@code %26};</li>
 *   <li>query: parameters decoded, {@code jwt} left out, sorted by name, repeated values sorted and joined with
 *       {@code ,}, names and values percent-encoded per RFC 3986 ({@code %20} for space and {@code +},
 *       {@code %2A} for {@code *}, {@code ~} kept), pairs joined with {@code &}; no query gives
 *       {@code METHOD&/path&}.</li>
 * </ul>
 * The reference is npm {@code atlassian-jwt} 2.0.3 and this class matches it on every input it accepts, including
 * how it parses URLs and decodes queries (see {@link RequestTarget} and {@link QueryString}). One documented
 * difference between Atlassian's own implementations: atlassian-jwt (npm) sorts parameter names as decoded
 * strings, Atlassian's Java library (and Atlassian's written description) by their percent-encoded form. The two
 * orders differ only for names that differ first at a character that needs encoding, e.g. {@code ids[]} and
 * {@code ids2}. {@link #canonicalRequest} uses the npm order; {@link JwtVerifier} accepts either, because both
 * commit to exactly the same parameters.
 */
public final class Qsh {
    /** The qsh value of Connect context tokens, which are not bound to a request. */
    public static final String CONTEXT_QSH = "context-qsh";

    /** How parameter names are ordered in the canonical query. */
    enum NameOrder {
        /** By decoded name, UTF-16 code units: npm atlassian-jwt. */
        DECODED(Comparator.naturalOrder()),
        /** By percent-encoded name: Atlassian's Java atlassian-jwt and its documentation. */
        ENCODED(Comparator.comparing(Rfc3986::encode));

        final Comparator<String> comparator;

        NameOrder(Comparator<String> comparator) {
            this.comparator = comparator;
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest SHA256 = newSha256();

    private Qsh() {
    }

    /** The canonical request for a path (and query) relative to the site root, e.g. {@code /rest/api/2/myself?expand=groups}. */
    public static String canonicalRequest(String method, String pathAndQuery) {
        return canonicalRequest(method, pathAndQuery, "");
    }

    /**
     * The canonical request for a path that still carries the site's context path, e.g. {@code /jira/rest/api/2/myself}
     * with context path {@code /jira} for the site {@code https://jira.example.com/jira}.
     *
     * @param pathAndQuery a path starting with {@code /} (query optional), or an absolute http(s) URL
     * @param contextPath  the site's path, removed from the front of the request path when it starts with it, as a
     *                     plain string prefix exactly as given (atlassian-jwt does the same with the site URL's path);
     *                     {@code ""} or null for a site at the root; {@link #contextPathOf(URI)} derives it from a site
     * @throws IllegalArgumentException when the input is neither a path nor an http(s) URL, or has more than 1000
     *                                  query parameters
     */
    public static String canonicalRequest(String method, String pathAndQuery, String contextPath) {
        return canonicalRequest(method, pathAndQuery, contextPath, NameOrder.DECODED);
    }

    /** {@link #canonicalRequest(String, String)} hashed. */
    public static String qsh(String method, String pathAndQuery) {
        return hash(canonicalRequest(method, pathAndQuery));
    }

    /** {@link #canonicalRequest(String, String, String)} hashed. */
    public static String qsh(String method, String pathAndQuery, String contextPath) {
        return hash(canonicalRequest(method, pathAndQuery, contextPath));
    }

    /** The context path of a site URL: {@code https://jira.example.com/jira/} gives {@code /jira}, a root site {@code ""}. */
    public static String contextPathOf(URI site) {
        String path = site.getRawPath();
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of a canonical request. */
    public static String hash(String canonicalRequest) {
        return HEX.formatHex(sha256().digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    static String canonicalRequest(String method, String pathAndQuery, String contextPath, NameOrder order) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        RequestTarget target = RequestTarget.parse(pathAndQuery);
        List<QueryString.Param> params = QueryString.parse(target.query());
        return method.toUpperCase(Locale.ROOT) + '&' + canonicalUri(target.pathname(), contextPath) + '&'
                + canonicalQuery(params, order);
    }

    /** True when the two name orders give different canonical queries for this request. */
    static boolean ordersDiffer(String pathAndQuery) {
        List<String> names = new ArrayList<>();
        for (QueryString.Param p : QueryString.parse(RequestTarget.parse(pathAndQuery).query())) {
            names.add(p.name());
        }
        List<String> encodedOrder = new ArrayList<>(names);
        names.sort(NameOrder.DECODED.comparator);
        encodedOrder.sort(NameOrder.ENCODED.comparator);
        return !names.equals(encodedOrder);
    }

    private static String canonicalUri(String pathname, String contextPath) {
        String path = pathname;
        // atlassian-jwt removes the site path as a plain string prefix, not segment by segment; so do we
        if (path != null && contextPath != null && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        // an unencoded & in the path would be read as the separator of the canonical request's parts
        path = path.replace("&", "%26");
        if (path.charAt(0) != '/') {
            path = "/" + path;
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static String canonicalQuery(List<QueryString.Param> params, NameOrder order) {
        List<QueryString.Param> kept = new ArrayList<>(params.size());
        for (QueryString.Param p : params) {
            // atlassian-jwt copies the parsed query into a plain JavaScript object, where __proto__ is not a parameter
            if (!p.name().equals("jwt") && !p.name().equals("__proto__")) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            return "";
        }
        // sorting pairs by name, then value, groups each name's values and sorts them, as the reference does
        kept.sort(Comparator.comparing(QueryString.Param::name, order.comparator).thenComparing(QueryString.Param::value));
        StringBuilder out = new StringBuilder(64);
        String previous = null;
        for (QueryString.Param p : kept) {
            if (p.name().equals(previous)) {
                out.append(',');
            } else {
                if (previous != null) {
                    out.append('&');
                }
                out.append(Rfc3986.encode(p.name())).append('=');
                previous = p.name();
            }
            out.append(Rfc3986.encode(p.value()));
        }
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            // cloning a prepared digest skips the provider lookup that getInstance does on every call
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
