package io.jiraaccess.dashboards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data contract between the daemon (which writes) and Kibana (which reads): index names, the Elasticsearch
 * index and component templates, and the Kibana saved objects, all loaded from this jar.
 *
 * <p>Install order: every {@link #componentTemplates() component template} ({@code PUT _component_template/<name>})
 * before the {@link #indexTemplates() index templates} ({@code PUT _index_template/<name>}) that are composed of them.
 * A {@code PUT} replaces what is there, so installing at every start keeps a cluster on the current contract;
 * indices that already exist keep their mapping until the next daily index is created.
 */
public final class DataContract {
    /** Read alias over every daily events index; search it, never write to it. */
    public static final String EVENTS_ALIAS = "jira-access-events";
    /** Daily events indices are {@code jira-access-events-YYYY.MM.DD}, by the UTC day of the event's {@code @timestamp}. */
    public static final String EVENTS_INDEX_PREFIX = "jira-access-events-";
    /** One document per credential, its current state; {@code _id} is the stable credential key. */
    public static final String CREDENTIALS_INDEX = "jira-access-credentials";
    /** Documents Elasticsearch refused (mapping conflicts), with the reason and the original as a string. */
    public static final String DEAD_LETTER_INDEX = "jira-access-deadletter";

    public static final String EVENTS_TEMPLATE = "jira-access-events";
    public static final String CREDENTIALS_TEMPLATE = "jira-access-credentials";
    public static final String DEAD_LETTER_TEMPLATE = "jira-access-deadletter";

    /** Bumped with every change of a template; the templates carry it as {@code version}. */
    public static final int VERSION = 1;

    private static final String BASE = "/io/jiraaccess/dashboards/";
    private static final List<String> COMPONENT_TEMPLATES = List.of("jira-access-settings", "jira-access-ecs-common");
    private static final List<String> INDEX_TEMPLATES = List.of(EVENTS_TEMPLATE, CREDENTIALS_TEMPLATE, DEAD_LETTER_TEMPLATE);
    private static final List<String> KIBANA_FILES = List.of(
            "data-views.ndjson",
            "token-usage.ndjson",
            "credential-hygiene.ndjson",
            "basic-auth-migration.ndjson",
            "security.ndjson");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

    private DataContract() {
    }

    /** The daily index an event belongs in: by its own timestamp, so a re-ingested event lands on the same document. */
    public static String eventsIndex(Instant timestamp) {
        return EVENTS_INDEX_PREFIX + DAY.format(timestamp);
    }

    /** The UTC day of a daily events index ({@code jira-access-events-2025.03.14}), empty for any other name. */
    public static Optional<LocalDate> eventsIndexDay(String indexName) {
        if (indexName == null || !indexName.startsWith(EVENTS_INDEX_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(indexName.substring(EVENTS_INDEX_PREFIX.length()),
                    DateTimeFormatter.ofPattern("uuuu.MM.dd")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Component template name to body for {@code PUT _component_template/<name>}, in install order. */
    public static Map<String, String> componentTemplates() {
        Map<String, String> out = new LinkedHashMap<>();
        COMPONENT_TEMPLATES.forEach(n -> out.put(n, resource("elasticsearch/component-templates/" + n + ".json")));
        return out;
    }

    /** Index template name to body for {@code PUT _index_template/<name>}; install the component templates first. */
    public static Map<String, String> indexTemplates() {
        Map<String, String> out = new LinkedHashMap<>();
        INDEX_TEMPLATES.forEach(n -> out.put(n, resource("elasticsearch/index-templates/" + n + ".json")));
        return out;
    }

    /** The Kibana saved-object files (NDJSON, Kibana 8 import format), data views first. */
    public static List<String> kibanaSavedObjectFiles() {
        return KIBANA_FILES;
    }

    /** One saved-object file's NDJSON text, ready for {@code POST /api/saved_objects/_import}. */
    public static String kibanaSavedObjects(String file) {
        requireKibanaFile(file);
        return resource("kibana/" + file);
    }

    /** One saved-object file as a stream (the caller closes it). */
    public static InputStream openKibanaSavedObjects(String file) {
        requireKibanaFile(file);
        return open("kibana/" + file);
    }

    /** Every saved object of every file, concatenated in file order: one import brings the whole set. */
    public static String allKibanaSavedObjects() {
        StringBuilder sb = new StringBuilder();
        for (String f : KIBANA_FILES) {
            String text = kibanaSavedObjects(f);
            sb.append(text);
            if (!text.endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static void requireKibanaFile(String file) {
        if (!KIBANA_FILES.contains(file)) {
            throw new IllegalArgumentException("no Kibana saved-object file named '" + file + "'; the files are " + KIBANA_FILES);
        }
    }

    private static String resource(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BASE + path + " from the dashboards jar", e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = DataContract.class.getResourceAsStream(BASE + path);
        if (in == null) {
            // a packaging mistake, not a user error: the jar is incomplete
            throw new IllegalStateException(BASE + path + " is missing from the dashboards jar");
        }
        return in;
    }
}
