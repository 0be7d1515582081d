package io.jiraaccess.daemon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretForms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for secrets, in every form {@link SecretForms} lists (literal, Base64 at three alignments standard and
 * URL-safe, percent-encoded, JSON-escaped, and for user:secret pairs the Basic header value), in files, in every
 * document of Elasticsearch indices and in captured text.
 * <p>A hit names where (file, index and document, captured text), which secret by its number and length, and the
 * kind of form ({@code base64-offset-1}, {@code percent}, {@code basic}, ...): never the secret or the form itself,
 * because a failure message is output too. A location that itself holds a form (a file or document named after a
 * secret) is printed redacted.
 * <p>Files are read whole as bytes decoded as UTF-8 (malformed bytes replaced); symbolic links are not followed. A
 * file is skipped only by an explicit {@link Rule}: a name and the exact files it covers, listed by
 * {@link #excluded()}.
 */
public final class LeakScan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:([^}]+)}");
    private static final String REDACTED = "<redacted: the name holds a form of a secret>";

    /** One form of one secret. */
    private record Needle(int secret, int secretLength, String kind, String text) {
    }

    /**
     * A form of a secret found somewhere.
     *
     * @param location    where: {@code file <root>/<relative path>}, {@code elasticsearch <index>/<_id>}, {@code text <label>}
     * @param secret      the secret's number, in the order it was added (from 1)
     * @param secretLength its length in characters
     * @param kind        the form ({@code literal}, {@code base64-offset-2}, {@code json}, {@code basic}, ...)
     * @param occurrences how often that form occurs there
     */
    public record Hit(String location, int secret, int secretLength, String kind, int occurrences) {
        @Override
        public String toString() {
            return location + ": secret #" + secret + " (length " + secretLength + ") as " + kind
                    + (occurrences > 1 ? " (" + occurrences + " times)" : "");
        }
    }

    /**
     * Files the scan skips on purpose, by name: only the exact files listed (a rule cannot grow to cover others).
     *
     * @param name  why, e.g. "secret input a daemon.yaml references as ${file:}"
     * @param files absolute, normalized paths
     */
    public record Rule(String name, Set<Path> files) {
        public Rule {
            Objects.requireNonNull(name, "name");
            Set<Path> normalized = new LinkedHashSet<>();
            files.forEach(f -> normalized.add(f.toAbsolutePath().normalize()));
            files = Set.copyOf(normalized);
        }

        /**
         * The files a daemon configuration reads secrets from: every {@code ${file:PATH}} in it, relative paths
         * resolved against its directory as the daemon resolves them.
         */
        public static Rule secretInputsOf(Path daemonYaml) {
            try {
                Set<Path> files = new LinkedHashSet<>();
                Matcher m = FILE_REFERENCE.matcher(Files.readString(daemonYaml));
                Path base = daemonYaml.toAbsolutePath().getParent();
                while (m.find()) {
                    Path p = Path.of(m.group(1).trim());
                    files.add(p.isAbsolute() ? p : base.resolve(p));
                }
                return new Rule("secret input that " + daemonYaml.getFileName() + " references as ${file:}", files);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A file skipped by {@code rule}. */
    public record Exclusion(String rule, Path file) {
    }

    private final List<Needle> needles;
    /** Needles by a packed key of their first three characters. */
    private final Map<Long, List<Needle>> byPrefix = new HashMap<>();
    /** Pre-filter: hashes of the first two characters of some needle. */
    private final BitSet firstTwo = new BitSet(1 << 16);
    private final int secretCount;
    private final List<Hit> hits = new ArrayList<>();
    private final List<Exclusion> excluded = new ArrayList<>();
    private final List<Path> filesScanned = new ArrayList<>();
    private final Map<String, Long> documentsScanned = new TreeMap<>();
    private final List<String> textsScanned = new ArrayList<>();
    private long bytesScanned;

    private LeakScan(List<Needle> needles, int secretCount) {
        this.needles = List.copyOf(needles);
        this.secretCount = secretCount;
        for (Needle n : this.needles) {
            byPrefix.computeIfAbsent(key(n.text(), 0), k -> new ArrayList<>()).add(n);
            firstTwo.set(hash2(n.text(), 0));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The secrets to look for, in the order their numbers count. */
    public static final class Builder {
        private final List<Needle> needles = new ArrayList<>();
        private final Map<String, Integer> numbers = new LinkedHashMap<>();

        private Builder() {
        }

        /** A secret in all its forms; secrets shorter than {@link SecretForms#MIN_MASKED_LENGTH} have none. */
        public Builder secret(String secret) {
            add(secret, SecretForms.labelled(secret));
            return this;
        }

        public Builder secrets(Collection<String> secrets) {
            secrets.forEach(this::secret);
            return this;
        }

        /** A secret sent as HTTP Basic with {@code user}: its forms, and those of {@code user:secret} (the header). */
        public Builder basic(String user, String secret) {
            add(secret, SecretForms.labelledBasic(user, secret));
            return this;
        }

        public Builder basic(Map<String, String> pairs) {
            pairs.forEach(this::basic);
            return this;
        }

        private void add(String secret, List<SecretForms.Form> forms) {
            Objects.requireNonNull(secret, "secret");
            int number = numbers.computeIfAbsent(secret, s -> numbers.size() + 1);
            Set<String> known = new LinkedHashSet<>();
            needles.stream().filter(n -> n.secret() == number).forEach(n -> known.add(n.text()));
            for (SecretForms.Form f : forms) {
                if (known.add(f.text())) {
                    needles.add(new Needle(number, secret.length(), f.kind(), f.text()));
                }
            }
        }

        public LeakScan build() {
            if (needles.isEmpty()) {
                throw new IllegalStateException("no secret to look for: the scan would find nothing by construction");
            }
            return new LeakScan(needles, numbers.size());
        }
    }

    // ---- what to scan ----------------------------------------------------------------------------------------

    /**
     * Every regular file under {@code root} (a missing root is skipped and scans nothing), except the files of
     * {@code rules}. The file names count too: a file named after a secret is a hit.
     */
    public LeakScan files(Path root, Rule... rules) {
        Path base = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(base)) {
            if (Files.isRegularFile(base, LinkOption.NOFOLLOW_LINKS)) {
                file(base, base.getParent(), rules);
            }
            return this;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base, e);
        }
        for (Path f : files) {
            file(f, base, rules);
        }
        return this;
    }

    private void file(Path f, Path base, Rule... rules) {
        Path file = f.toAbsolutePath().normalize();
        for (Rule r : rules) {
            if (r.files().contains(file)) {
                excluded.add(new Exclusion(r.name(), file));
                return;
            }
        }
        String relative = base.getParent() == null ? file.toString()
                : base.getParent().relativize(file).toString();
        String location = "file " + safe(relative);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
        filesScanned.add(file);
        bytesScanned += bytes.length;
        scan(location + " (name)", relative);
        scan(location, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Captured output (stdout, stderr, a command's answer), named by {@code label}. */
    public LeakScan text(String label, String text) {
        textsScanned.add(label);
        bytesScanned += text.length();
        scan("text " + safe(label), text);
        return this;
    }

    /**
     * Every document of every index matching {@code indexPattern} (hidden ones included): its {@code _id}, its
     * {@code _source} as Elasticsearch returns it and every string in it decoded (so a secret is found literally even
     * where JSON escaped it), and the indices' mappings, settings and aliases.
     */
    public LeakScan elasticsearch(URI url, String indexPattern) {
        EsClient es = new EsClient(url);
        JsonNode indices = es.get("/_cat/indices/" + indexPattern + "?format=json&h=index&expand_wildcards=all");
        List<String> names = new ArrayList<>();
        indices.forEach(i -> names.add(i.path("index").asText()));
        names.sort(null);
        for (String index : names) {
            long docs = 0;
            JsonNode page = es.post("/" + index + "/_search?scroll=1m",
                    "{\"size\":500,\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
            String scrollId = page.path("_scroll_id").asText(null);
            try {
                while (page.path("hits").path("hits").size() > 0) {
                    for (JsonNode hit : page.path("hits").path("hits")) {
                        document(index, hit);
                        docs++;
                    }
                    page = es.post("/_search/scroll", JSON.createObjectNode().put("scroll", "1m")
                            .put("scroll_id", scrollId).toString());
                    scrollId = page.path("_scroll_id").asText(scrollId);
                }
            } finally {
                if (scrollId != null) {
                    es.delete("/_search/scroll", JSON.createObjectNode().put("scroll_id", scrollId).toString());
                }
            }
            documentsScanned.put(index, docs);
        }
        if (!names.isEmpty()) {
            for (String what : List.of("_mapping", "_settings", "_alias")) {
                JsonNode answer = es.get("/" + indexPattern + "/" + what + "?expand_wildcards=all");
                scanJson("elasticsearch " + safe(indexPattern) + "/" + what, answer);
            }
        }
        return this;
    }

    private void document(String index, JsonNode hit) {
        String id = hit.path("_id").asText();
        String location = "elasticsearch " + safe(index) + "/" + safe(id);
        scan(location + " (_id)", id);
        JsonNode source = hit.path("_source");
        bytesScanned += source.toString().length();
        scanJson(location, source);
    }

    /** The JSON as text (escaped) and every field name and string value in it, decoded. */
    private void scanJson(String location, JsonNode json) {
        StringBuilder decoded = new StringBuilder();
        strings(json, decoded);
        scan(location, json.toString() + "\u0000" + decoded);
    }

    private static void strings(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(e.getKey()).append('\u0000');
                strings(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> strings(n, out));
        } else if (node.isTextual()) {
            out.append(node.asText()).append('\u0000');
        }
    }

    // ---- results ----------------------------------------------------------------------------------------------

    /** Every form of every secret found, in scan order; empty when nothing leaked. */
    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The hits at locations starting with {@code prefix}. */
    public List<Hit> hitsAt(String prefix) {
        return hits.stream().filter(h -> h.location().startsWith(prefix)).toList();
    }

    /** Files skipped by a rule, with the rule's name. */
    public List<Exclusion> excluded() {
        return List.copyOf(excluded);
    }

    public List<Path> filesScanned() {
        return List.copyOf(filesScanned);
    }

    /** Documents read, by index. */
    public Map<String, Long> documentsScanned() {
        return Map.copyOf(documentsScanned);
    }

    public List<String> textsScanned() {
        return List.copyOf(textsScanned);
    }

    public long bytesScanned() {
        return bytesScanned;
    }

    /** How many secrets and forms the scan looks for. */
    public int secretCount() {
        return secretCount;
    }

    public int formCount() {
        return needles.size();
    }

    /** What was scanned, for failure messages and the build log (no secret in it). */
    public String summary() {
        long docs = documentsScanned.values().stream().mapToLong(Long::longValue).sum();
        return secretCount + " secrets in " + needles.size() + " forms; " + filesScanned.size() + " files, " + docs
                + " documents in " + documentsScanned.size() + " indices " + documentsScanned + ", " + textsScanned.size() + " captured texts ("
                + bytesScanned + " characters); " + excluded.size() + " files excluded by rule; " + hits.size() + " hits";
    }

    // ---- matching ---------------------------------------------------------------------------------------------

    private void scan(String location, String text) {
        Map<Needle, Integer> found = new LinkedHashMap<>();
        for (int i = 0, n = text.length() - SecretForms.MIN_MASKED_LENGTH; i <= n; i++) {
            if (!firstTwo.get(hash2(text, i))) {
                continue;
            }
            List<Needle> candidates = byPrefix.get(key(text, i));
            if (candidates == null) {
                continue;
            }
            for (Needle needle : candidates) {
                if (text.startsWith(needle.text(), i)) {
                    found.merge(needle, 1, Integer::sum);
                }
            }
        }
        found.forEach((needle, count) -> hits.add(new Hit(location, needle.secret(), needle.secretLength(),
                needle.kind(), count)));
    }

    /** {@code name} as a location, or a placeholder when it holds a form of a secret (it is printed in failures). */
    private String safe(String name) {
        for (Needle n : needles) {
            if (name.contains(n.text())) {
                return REDACTED;
            }
        }
        return name;
    }

    private static long key(String s, int i) {
        return ((long) s.charAt(i) << 32) | ((long) s.charAt(i + 1) << 16) | s.charAt(i + 2);
    }

    private static int hash2(String s, int i) {
        return (s.charAt(i) * 31 + s.charAt(i + 1)) & 0xFFFF;
    }

    /** Plain HTTP to Elasticsearch: the scan depends on nothing of the daemon's client. */
    private static final class EsClient {
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        EsClient(URI url) {
            String s = url.toString();
            this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }

        JsonNode get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        JsonNode post(String path, String body) {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        void delete(String path, String body) {
            send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString(body)));
        }

        private URI uri(String path) {
            return URI.create(base + path);
        }

        private JsonNode send(HttpRequest.Builder request) {
            HttpRequest r = request.timeout(Duration.ofSeconds(60)).build();
            try {
                HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (answer.statusCode() / 100 != 2) {
                    // the body is not quoted: an error may echo a document
                    throw new IllegalStateException(r.method() + " " + r.uri().getPath() + " answered "
                            + answer.statusCode());
                }
                return JSON.readTree(answer.body());
            } catch (IOException e) {
                throw new UncheckedIOException(r.method() + " " + r.uri().getPath() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
