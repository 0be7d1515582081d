package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.dashboards.DataContract;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Elasticsearch queries behind the compliance report. Every time in them is absolute (the period's bounds, the
 * report's own time for expiry), so an auditor who runs them later on the same data gets the same numbers.
 */
public final class ReportQueries {
    /** How times are returned in {@code fields} and date aggregations: UTC, to the second. */
    public static final String TIME_FORMAT = "yyyy-MM-dd HH:mm:ss";
    /** Histogram bucket keys. */
    public static final String DAY_FORMAT = "yyyy-MM-dd";
    public static final String HOUR_FORMAT = "yyyy-MM-dd HH:mm";
    /** Credential expiry. */
    public static final String MINUTE_FORMAT = "yyyy-MM-dd HH:mm";

    public static final String INVENTORY = "Q1";
    public static final String LIFECYCLE = "Q2";
    public static final String USAGE = "Q3";
    public static final String VIOLATIONS = "Q4";
    public static final String BASIC_AUTH = "Q5";
    public static final String API_TOKENS = "Q6";
    public static final String ACTIVITY = "Q7";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectWriter PRETTY = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    /** Settings of a report: the period, the report's own time, the policy's windows and the table limits. */
    public record Settings(ReportPeriod period, Instant generatedAt, int warnBeforeExpiryDays, int maxAgeDays,
                           int inventoryRows, int eventRows, int termsSize) {
        public static Settings of(ReportPeriod period, Instant generatedAt, int warnBeforeExpiryDays, int maxAgeDays) {
            return new Settings(period, generatedAt, warnBeforeExpiryDays, maxAgeDays, 1000, 500, 100);
        }
    }

    private final Settings s;

    public ReportQueries(Settings settings) {
        this.s = settings;
    }

    public Settings settings() {
        return s;
    }

    /** Every query, in the order the report uses them. */
    public List<ReportQuery> all() {
        return List.of(inventory(), lifecycle(), usage(), violations(), basicAuth(), apiTokens(), activity());
    }

    /** The credential inventory: current state, so no time range; expiry judged against the report's own time. */
    public ReportQuery inventory() {
        ObjectNode b = F.objectNode();
        b.put("size", s.inventoryRows());
        b.put("track_total_hits", true);
        b.put("_source", false);
        fields(b, "jira_access.credential.id", "jira_access.credential.kind", "user.name", "jira_access.jira.site",
                "jira_access.inventory.source", "jira_access.credential.status", "jira_access.credential.managed");
        // the day is enough for the history of a credential; its expiry is given to the minute
        ArrayNode f = (ArrayNode) b.get("fields");
        for (String day : List.of("created_at", "last_rotated_at", "last_used_at")) {
            f.addObject().put("field", "jira_access.credential." + day).put("format", DAY_FORMAT);
        }
        f.addObject().put("field", "jira_access.credential.expires_at").put("format", MINUTE_FORMAT);
        ArrayNode sort = b.putArray("sort");
        sort.addObject().putObject("jira_access.credential.expires_at").put("order", "asc").put("missing", "_last");
        sort.addObject().put("jira_access.credential.id", "asc");
        ObjectNode aggs = b.putObject("aggs");
        aggs.set("by_status", terms("jira_access.credential.status", 20, "(none)"));
        aggs.set("by_kind", terms("jira_access.credential.kind", 20, "(none)"));
        String now = s.generatedAt().toString();
        String soon = s.generatedAt().plus(Duration.ofDays(s.warnBeforeExpiryDays())).toString();
        String stale = s.generatedAt().minus(Duration.ofDays(s.maxAgeDays())).toString();
        ObjectNode named = aggs.putObject("attention").putObject("filters").putObject("filters");
        named.set("active", bool(term("jira_access.credential.status", "active")));
        named.set("expired_but_active", bool(term("jira_access.credential.status", "active"),
                range("jira_access.credential.expires_at", "lt", now)));
        named.set("expiring_soon", bool(term("jira_access.credential.status", "active"),
                range("jira_access.credential.expires_at", "gte", now, "lt", soon)));
        named.set("no_expiry", boolNot(List.of(term("jira_access.credential.status", "active")),
                exists("jira_access.credential.expires_at")));
        ObjectNode neverRotatedAndOld = boolNot(List.of(range("jira_access.credential.created_at", "lt", stale)),
                exists("jira_access.credential.last_rotated_at"));
        ObjectNode either = F.objectNode();
        ObjectNode eitherBool = either.putObject("bool");
        ArrayNode should = eitherBool.putArray("should");
        should.add(range("jira_access.credential.last_rotated_at", "lt", stale));
        should.add(neverRotatedAndOld);
        eitherBool.put("minimum_should_match", 1);
        named.set("rotation_overdue", bool(term("jira_access.credential.status", "active"), either));
        return query(INVENTORY, "Credential inventory", DataContract.CREDENTIALS_INDEX, b);
    }

    /** Rotations, revocations and failed rotations in the period, per day and one by one. */
    public ReportQuery lifecycle() {
        ObjectNode b = eventSearch(s.eventRows(),
                termsQuery("event.action", "credential.rotated", "credential.revoked", "rotation.failed"));
        fields(b, "#@timestamp", "event.action", "jira_access.credential.id", "jira_access.credential.kind", "user.name",
                "event.dataset", "event.outcome", "event.reason", "service.name");
        sortByTime(b);
        ObjectNode aggs = b.putObject("aggs");
        ObjectNode named = aggs.putObject("lifecycle").putObject("filters").putObject("filters");
        named.set("rotated", term("event.action", "credential.rotated"));
        named.set("revoked", term("event.action", "credential.revoked"));
        named.set("revoked_by_enforcement", bool(term("event.action", "credential.revoked"),
                term("event.dataset", "jira_access.enforcement")));
        named.set("rotation_failed", term("event.action", "rotation.failed"));
        ObjectNode perPeriod = histogram();
        perPeriod.putObject("aggs").set("actions", terms("event.action", 10, null));
        aggs.set("over_time", perPeriod);
        return query(LIFECYCLE, "Rotations and revocations", DataContract.EVENTS_ALIAS, b);
    }

    /** Token use in the period by pipeline job, with failures, builds and credentials per job. */
    public ReportQuery usage() {
        ObjectNode b = eventSearch(0, term("event.action", "token.used"));
        ObjectNode aggs = b.putObject("aggs");
        aggs.set("failures", filter(term("event.outcome", "failure")));
        ObjectNode jobs = terms("jira_access.pipeline.job", s.termsSize(), "(no pipeline)");
        ObjectNode sub = jobs.putObject("aggs");
        sub.set("failures", filter(term("event.outcome", "failure")));
        sub.set("builds", cardinality("jira_access.pipeline.build"));
        sub.set("credentials", cardinality("jira_access.credential.id"));
        sub.set("controllers", terms("service.name", 3, null));
        sub.set("last_use", dateMetric("max", "@timestamp"));
        aggs.set("jobs", jobs);
        aggs.set("jobs_count", cardinality("jira_access.pipeline.job"));
        ObjectNode perPeriod = histogram();
        perPeriod.putObject("aggs").set("failures", filter(term("event.outcome", "failure")));
        aggs.set("over_time", perPeriod);
        return query(USAGE, "Token use by pipeline", DataContract.EVENTS_ALIAS, b);
    }

    /** Requests refused by a credential's allow policy in the period. */
    public ReportQuery violations() {
        ObjectNode b = eventSearch(s.eventRows(), term("event.action", "policy.violation"));
        fields(b, "#@timestamp", "jira_access.credential.id", "jira_access.pipeline.job", "jira_access.pipeline.build",
                "jira_access.policy.rule", "event.reason", "http.request.method", "url.domain", "url.path", "service.name");
        // core's HTTP client names the rule in ECS rule.name, which the index does not map: read it from the source
        ((ArrayNode) b.get("fields")).addObject().put("field", "rule.name").put("include_unmapped", true);
        sortByTime(b);
        ObjectNode aggs = b.putObject("aggs");
        ObjectNode creds = terms("jira_access.credential.id", s.termsSize(), "(no credential)");
        ObjectNode sub = creds.putObject("aggs");
        sub.set("jobs", terms("jira_access.pipeline.job", 5, null));
        sub.set("last", dateMetric("max", "@timestamp"));
        aggs.set("credentials", creds);
        return query(VIOLATIONS, "Policy violations", DataContract.EVENTS_ALIAS, b);
    }

    /** Callers Jira saw authenticating with Basic auth (API token or password) in the period: left to migrate. */
    public ReportQuery basicAuth() {
        ObjectNode b = eventSearch(0, term("event.action", "basic_auth.used"));
        ObjectNode aggs = b.putObject("aggs");
        aggs.set("callers_count", cardinality("user.name"));
        ObjectNode callers = terms("user.name", s.termsSize(), "(unknown user)");
        ObjectNode sub = callers.putObject("aggs");
        sub.set("sources", terms("source.ip", 5, null));
        sub.set("integrations", terms("service.name", 5, null));
        sub.set("tokens", terms("jira_access.jira_audit.auth.token_label", 5, null));
        sub.set("first_seen", dateMetric("min", "@timestamp"));
        sub.set("last_seen", dateMetric("max", "@timestamp"));
        aggs.set("callers", callers);
        return query(BASIC_AUTH, "Basic-auth callers", DataContract.EVENTS_ALIAS, b);
    }

    /** Our own Cloud API-token credentials used in the period: they are sent as Basic auth too. */
    public ReportQuery apiTokens() {
        ObjectNode b = eventSearch(0, term("event.action", "token.used"), term("jira_access.credential.kind", "api-token"));
        ObjectNode aggs = b.putObject("aggs");
        ObjectNode creds = terms("jira_access.credential.id", s.termsSize(), "(no id)");
        ObjectNode sub = creds.putObject("aggs");
        sub.set("users", terms("user.name", 3, null));
        sub.set("jobs", terms("jira_access.pipeline.job", 5, null));
        sub.set("last_use", dateMetric("max", "@timestamp"));
        aggs.set("credentials", creds);
        return query(API_TOKENS, "API-token credentials in use", DataContract.EVENTS_ALIAS, b);
    }

    /** Every event in the period by action and outcome: the whole picture the sections above are cut from. */
    public ReportQuery activity() {
        ObjectNode b = eventSearch(0);
        ObjectNode actions = terms("event.action", 50, "(none)");
        actions.putObject("aggs").set("failures", filter(term("event.outcome", "failure")));
        b.putObject("aggs").set("actions", actions);
        return query(ACTIVITY, "All activity by action", DataContract.EVENTS_ALIAS, b);
    }

    /** The histogram interval for the period: hours for two days or less, days up to a quarter, then weeks, months. */
    public String interval() {
        Duration d = Duration.between(s.period().from(), s.period().to());
        if (d.compareTo(Duration.ofDays(2)) <= 0) {
            return "1h";
        }
        if (d.compareTo(Duration.ofDays(92)) <= 0) {
            return "1d";
        }
        return d.compareTo(Duration.ofDays(730)) <= 0 ? "1w" : "1M";
    }

    private ObjectNode histogram() {
        String interval = interval();
        ObjectNode agg = F.objectNode();
        ObjectNode h = agg.putObject("date_histogram");
        h.put("field", "@timestamp");
        h.put("calendar_interval", interval);
        h.put("time_zone", "UTC");
        h.put("format", interval.equals("1h") ? HOUR_FORMAT : DAY_FORMAT);
        h.put("min_doc_count", 0);
        // epoch milliseconds: strings here would be parsed with the bucket key format above
        h.putObject("extended_bounds").put("min", s.period().from().toEpochMilli())
                .put("max", s.period().to().minusMillis(1).toEpochMilli());
        return agg;
    }

    private ObjectNode eventSearch(int size, ObjectNode... filters) {
        ObjectNode b = F.objectNode();
        b.put("size", size);
        b.put("track_total_hits", true);
        if (size > 0) {
            b.put("_source", false);
        }
        ArrayNode all = F.arrayNode();
        all.add(range("@timestamp", "gte", s.period().from().toString(), "lt", s.period().to().toString()));
        for (ObjectNode f : filters) {
            all.add(f);
        }
        b.putObject("query").putObject("bool").set("filter", all);
        return b;
    }

    private static void sortByTime(ObjectNode b) {
        ArrayNode sort = b.putArray("sort");
        sort.addObject().put("@timestamp", "desc");
        sort.addObject().put("event.id", "asc");
    }

    /** Fields to return; a leading {@code #} marks a date, returned in {@link #TIME_FORMAT}. */
    private static void fields(ObjectNode b, String... names) {
        ArrayNode fields = b.putArray("fields");
        for (String n : names) {
            if (n.startsWith("#")) {
                fields.addObject().put("field", n.substring(1)).put("format", TIME_FORMAT);
            } else {
                fields.add(n);
            }
        }
    }

    private static ObjectNode terms(String field, int size, String missing) {
        ObjectNode agg = F.objectNode();
        ObjectNode t = agg.putObject("terms");
        t.put("field", field);
        t.put("size", size);
        if (missing != null) {
            t.put("missing", missing);
        }
        // the default order: most documents first, ties by key ascending, so the order is stable between runs
        return agg;
    }

    private static ObjectNode termsQuery(String field, String... values) {
        ObjectNode q = F.objectNode();
        ArrayNode v = q.putObject("terms").putArray(field);
        for (String value : values) {
            v.add(value);
        }
        return q;
    }

    private static ObjectNode cardinality(String field) {
        ObjectNode agg = F.objectNode();
        // below the threshold the count is exact in practice; the report's tables are far below it
        agg.putObject("cardinality").put("field", field).put("precision_threshold", 40000);
        return agg;
    }

    private static ObjectNode dateMetric(String op, String field) {
        ObjectNode agg = F.objectNode();
        agg.putObject(op).put("field", field).put("format", TIME_FORMAT);
        return agg;
    }

    private static ObjectNode filter(ObjectNode query) {
        ObjectNode agg = F.objectNode();
        agg.set("filter", query);
        return agg;
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode q = F.objectNode();
        q.putObject("term").put(field, value);
        return q;
    }

    private static ObjectNode exists(String field) {
        ObjectNode q = F.objectNode();
        q.putObject("exists").put("field", field);
        return q;
    }

    private static ObjectNode range(String field, String op, String value) {
        ObjectNode q = F.objectNode();
        q.putObject("range").putObject(field).put(op, value);
        return q;
    }

    private static ObjectNode range(String field, String op1, String v1, String op2, String v2) {
        ObjectNode q = F.objectNode();
        q.putObject("range").putObject(field).put(op1, v1).put(op2, v2);
        return q;
    }

    private static ObjectNode bool(ObjectNode... filters) {
        ObjectNode q = F.objectNode();
        ArrayNode f = q.putObject("bool").putArray("filter");
        for (ObjectNode x : filters) {
            f.add(x);
        }
        return q;
    }

    private static ObjectNode boolNot(List<ObjectNode> filters, ObjectNode mustNot) {
        ObjectNode q = F.objectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode f = bool.putArray("filter");
        filters.forEach(f::add);
        bool.putArray("must_not").add(mustNot);
        return q;
    }

    private static ReportQuery query(String id, String title, String index, ObjectNode body) {
        try {
            return new ReportQuery(id, title, "POST", "/" + index + "/_search", PRETTY.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print query " + id, e);
        }
    }
}
