package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.daemon.report.ReportContent.Block;
import io.jiraaccess.daemon.report.ReportContent.Card;
import io.jiraaccess.daemon.report.ReportContent.Column;
import io.jiraaccess.daemon.report.ReportContent.Notice;
import io.jiraaccess.daemon.report.ReportContent.Paragraph;
import io.jiraaccess.daemon.report.ReportContent.Row;
import io.jiraaccess.daemon.report.ReportContent.Section;
import io.jiraaccess.daemon.report.ReportContent.Series;
import io.jiraaccess.daemon.report.ReportContent.Table;
import io.jiraaccess.daemon.report.ReportContent.TimeChart;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compliance report's content: runs every query of {@link ReportQueries} once and turns the answers into
 * headline numbers, tables and charts whose every value is {@link Bound} to its query and place in the response.
 */
public final class ComplianceReport {
    private static final DateTimeFormatter ES_MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    /**
     * Where the report comes from, for its header.
     *
     * @param elasticsearch the Elasticsearch URL (no credentials)
     * @param configFile    the configuration file, or null for defaults
     */
    public record Context(String elasticsearch, String configFile, Instant generatedAt, String generator) {
    }

    private final ReportQueries queries;
    private final Context context;
    private final Map<String, Answer> answers;
    private final List<Card> headline = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private ComplianceReport(ReportQueries queries, Context context, Map<String, Answer> answers) {
        this.queries = queries;
        this.context = context;
        this.answers = answers;
    }

    /** Runs every query and builds the content. */
    public static ComplianceReport build(ReportQueries queries, ReportSearch search, Context context) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (ReportQuery q : queries.all()) {
            answers.put(q.id(), search.run(q));
        }
        ComplianceReport r = new ComplianceReport(queries, context, answers);
        r.assemble();
        return r;
    }

    public ReportPeriod period() {
        return queries.settings().period();
    }

    public ReportQueries.Settings settings() {
        return queries.settings();
    }

    public Context context() {
        return context;
    }

    public List<ReportQuery> queries() {
        return answers.values().stream().map(Answer::query).toList();
    }

    public Answer answer(String queryId) {
        return answers.get(queryId);
    }

    public List<Card> headline() {
        return List.copyOf(headline);
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    private void assemble() {
        Answer inv = answers.get(ReportQueries.INVENTORY);
        Answer life = answers.get(ReportQueries.LIFECYCLE);
        Answer use = answers.get(ReportQueries.USAGE);
        Answer viol = answers.get(ReportQueries.VIOLATIONS);
        Answer basic = answers.get(ReportQueries.BASIC_AUTH);
        int warn = settings().warnBeforeExpiryDays();
        int maxAge = settings().maxAgeDays();

        headline.add(card("Active credentials", inv, "aggregations.attention.buckets.active.doc_count",
                "in the inventory now", "neutral", "inventory"));
        headline.add(card("Expired, still active", inv, "aggregations.attention.buckets.expired_but_active.doc_count",
                "past their expiry date", "bad", "inventory"));
        headline.add(card("Expiring within " + warn + " days", inv, "aggregations.attention.buckets.expiring_soon.doc_count",
                "policy.warnBeforeExpiryDays", "warn", "inventory"));
        headline.add(card("Rotation overdue", inv, "aggregations.attention.buckets.rotation_overdue.doc_count",
                "not rotated for over " + maxAge + " days", "warn", "inventory"));
        headline.add(card("Token uses", use, "hits.total.value", "in the period", "neutral", "usage"));
        headline.add(card("Failed token uses", use, "aggregations.failures.doc_count", "outcome failure", "warn", "usage"));
        headline.add(card("Rotations", life, "aggregations.lifecycle.buckets.rotated.doc_count", "in the period",
                "neutral", "lifecycle"));
        headline.add(card("Revocations", life, "aggregations.lifecycle.buckets.revoked.doc_count", "in the period",
                "neutral", "lifecycle"));
        headline.add(card("Policy violations", viol, "hits.total.value", "requests refused", "bad", "violations"));
        headline.add(card("Basic-auth callers", basic, "aggregations.callers_count.value", "left to migrate", "warn",
                "basic-auth"));

        sections.add(inventorySection(inv));
        sections.add(lifecycleSection(life));
        sections.add(usageSection(use));
        sections.add(violationsSection(viol));
        sections.add(basicAuthSection(basic, answers.get(ReportQueries.API_TOKENS)));
        sections.add(activitySection(answers.get(ReportQueries.ACTIVITY)));
    }

    private static Card card(String label, Answer a, String path, String note, String toneWhenNonZero, String section) {
        Bound v = a.ran() ? a.number(ResponsePath.parse(path)) : Bound.none();
        String tone = v.isNone() || "neutral".equals(toneWhenNonZero) ? "neutral"
                : a.longAt(ResponsePath.parse(path)) == 0 ? "good" : toneWhenNonZero;
        return new Card(label, v, note, tone, section);
    }

    private Section inventorySection(Answer a) {
        List<Block> blocks = new ArrayList<>();
        int warn = settings().warnBeforeExpiryDays();
        blocks.add(new Paragraph("The current state of every credential the daemon knows (index jira-access-credentials: "
                + "Jira Data Center personal access tokens, Atlassian Cloud API tokens, Jenkins and CLI credentials), "
                + "soonest expiry first. This is the state when the report was made, "
                + ReportPeriod.show(context.generatedAt()) + ", not at the end of the period. A credential is expiring "
                + "when it is active and expires within " + warn + " days (policy.warnBeforeExpiryDays), and its rotation "
                + "is overdue when it is active and was last rotated, or if never rotated created, more than "
                + settings().maxAgeDays() + " days ago (policy.maxAgeDays). Rows in red have expired, in amber are "
                + "expiring or overdue for rotation, in grey are no longer active."));
        if (!a.ran()) {
            blocks.add(missing(a, "No credential inventory", "the daemon writes it from its token inventory sources "
                    + "(jira[] in the configuration: DC personal access tokens, Cloud organisation API tokens)"));
            return new Section("inventory", "Credential inventory", "", List.of(a.query().id()), blocks);
        }
        blocks.add(new Table("Credentials by status", List.of(Column.text("Status"), Column.number("Credentials")),
                buckets(a, "aggregations.by_status.buckets", b -> List.of(List.of(a.text(b.key("key"))),
                        List.of(a.number(b.key("doc_count"))))), "No credentials.", null));
        blocks.add(new Table("Credentials by kind", List.of(Column.text("Kind"), Column.number("Credentials")),
                buckets(a, "aggregations.by_kind.buckets", b -> List.of(List.of(a.text(b.key("key"))),
                        List.of(a.number(b.key("doc_count"))))), "No credentials.", null));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a.hitCount(); i++) {
            Bound expires = a.field(i, "jira_access.credential.expires_at");
            Bound status = a.field(i, "jira_access.credential.status");
            Bound rotated = a.field(i, "jira_access.credential.last_rotated_at");
            String tone = inventoryTone(status.text(), expires, rotated.isNone()
                    ? a.field(i, "jira_access.credential.created_at") : rotated);
            Bound id = a.field(i, "jira_access.credential.id");
            if (id.isNone()) {
                // a document that only records a revocation (the token was never listed): its _id still identifies it
                id = a.text(ResponsePath.root().keys("hits", "hits").index(i).key("_id"));
            }
            rows.add(Row.of(tone, id, a.field(i, "jira_access.credential.kind"),
                    a.field(i, "user.name"), a.field(i, "jira_access.jira.site"), a.field(i, "jira_access.inventory.source"),
                    status, a.field(i, "jira_access.credential.created_at"),
                    a.field(i, "jira_access.credential.last_rotated_at"), a.field(i, "jira_access.credential.last_used_at"),
                    expires, Bound.derived(expiresIn(expires))));
        }
        blocks.add(new Table("Credentials, soonest expiry first",
                List.of(Column.text("Credential"), Column.fixed("Kind"), Column.text("Owner"), Column.text("Jira site"),
                        Column.text("Source"), Column.text("Status"), Column.fixed("Created"),
                        Column.fixed("Last rotated"), Column.fixed("Last used"), Column.fixed("Expires (UTC)"),
                        Column.fixed("Expires in")),
                rows, "The inventory is empty.", shownOf(a, "credentials", "by expiry")));
        return new Section("inventory", "Credential inventory", "", List.of(a.query().id()), blocks);
    }

    /** Red: expired; amber: expiring soon or rotation overdue (to the day); grey: not active. */
    private String inventoryTone(String status, Bound expires, Bound lastRenewed) {
        if (!"active".equals(status)) {
            return "muted";
        }
        Instant at = parse(expires);
        if (at != null && at.isBefore(context.generatedAt())) {
            return "bad";
        }
        if (at != null && at.isBefore(context.generatedAt().plus(Duration.ofDays(settings().warnBeforeExpiryDays())))) {
            return "warn";
        }
        LocalDate renewed = day(lastRenewed);
        LocalDate due = LocalDate.ofInstant(context.generatedAt(), ZoneOffset.UTC).minusDays(settings().maxAgeDays());
        return renewed != null && renewed.isBefore(due) ? "warn" : "";
    }

    private static LocalDate day(Bound b) {
        try {
            return b.isNone() ? null : LocalDate.parse(b.text());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String expiresIn(Bound expires) {
        Instant at = parse(expires);
        if (at == null) {
            return Bound.NONE;
        }
        Duration d = Duration.between(context.generatedAt(), at);
        long days = Math.abs(d.toDays());
        String span = days >= 1 ? days + (days == 1 ? " day" : " days") : Math.abs(d.toHours()) + " h";
        return d.isNegative() ? "expired " + span + " ago" : span;
    }

    private static Instant parse(Bound b) {
        if (b.isNone()) {
            return null;
        }
        try {
            return LocalDateTime.parse(b.text(), ES_MINUTE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Section lifecycleSection(Answer a) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Every rotation, revocation and failed rotation in the period, from the events index. "
                + "A revocation by enforcement is one the daemon's policy job made (event.dataset jira_access.enforcement)."));
        if (!a.ran()) {
            blocks.add(missing(a, "No events", "the daemon has not indexed any event yet"));
            return new Section("lifecycle", "Rotations and revocations", "", List.of(a.query().id()), blocks);
        }
        blocks.add(chart(a, "Per " + unit() + " (UTC)", "aggregations.over_time.buckets", true,
                List.of(new String[] {"credential.rotated", "Rotated", "#2f7d4f"},
                        new String[] {"credential.revoked", "Revoked", "#b3261e"},
                        new String[] {"rotation.failed", "Rotation failed", "#c77700"})));
        String base = "aggregations.lifecycle.buckets.";
        blocks.add(new Table("Summary", List.of(Column.text("What"), Column.number("Events")), List.of(
                Row.of("", Bound.derived("Credentials rotated"), a.number(ResponsePath.parse(base + "rotated.doc_count"))),
                Row.of("", Bound.derived("Credentials revoked"), a.number(ResponsePath.parse(base + "revoked.doc_count"))),
                Row.of("", Bound.derived("\u2003of which by enforcement"),
                        a.number(ResponsePath.parse(base + "revoked_by_enforcement.doc_count"))),
                Row.of("", Bound.derived("Rotations failed"), a.number(ResponsePath.parse(base + "rotation_failed.doc_count")))),
                "", null));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a.hitCount(); i++) {
            Bound action = a.field(i, "event.action");
            Bound dataset = a.field(i, "event.dataset");
            // a revocation after a rotation is routine; one by enforcement (an incident, a policy breach) is not
            String tone = "rotation.failed".equals(action.text()) ? "warn"
                    : "credential.revoked".equals(action.text()) && "jira_access.enforcement".equals(dataset.text()) ? "bad" : "";
            rows.add(Row.of(tone, a.field(i, "@timestamp"), action, a.field(i, "jira_access.credential.id"),
                    a.field(i, "jira_access.credential.kind"), a.field(i, "user.name"), a.field(i, "service.name"),
                    dataset, a.field(i, "event.outcome"), a.field(i, "event.reason")));
        }
        blocks.add(new Table("Events, newest first", List.of(Column.fixed("Time (UTC)"), Column.fixed("Action"),
                Column.fixed("Credential"), Column.text("Kind"), Column.text("Owner"), Column.text("Service"),
                Column.text("Dataset"), Column.text("Outcome"), Column.text("Reason")), rows,
                "No rotation or revocation in the period.", shownOf(a, "events", "newest first")));
        return new Section("lifecycle", "Rotations and revocations", "", List.of(a.query().id()), blocks);
    }

    private Section usageSection(Answer a) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Every use of a managed credential in the period (event.action token.used), by the "
                + "pipeline job that used it (jira_access.pipeline.job). Uses outside a pipeline are grouped as "
                + "\u201c(no pipeline)\u201d. A failure is a request whose outcome was failure (refused by Jira, or not sent)."));
        if (!a.ran()) {
            blocks.add(missing(a, "No events", "the daemon has not indexed any event yet"));
            return new Section("usage", "Token use by pipeline", "", List.of(a.query().id()), blocks);
        }
        blocks.add(overlayChart(a, "Uses per " + unit() + " (UTC), failures in red", "aggregations.over_time.buckets"));
        List<Row> rows = new ArrayList<>();
        JsonNode jobs = a.at(ResponsePath.parse("aggregations.jobs.buckets"));
        for (int i = 0; i < jobs.size(); i++) {
            ResponsePath b = ResponsePath.parse("aggregations.jobs.buckets").index(i);
            List<Bound> controllers = keys(a, b.keys("controllers", "buckets"));
            long failures = a.longAt(b.keys("failures", "doc_count"));
            rows.add(new Row(List.of(List.of(a.text(b.key("key"))), List.of(a.number(b.key("doc_count"))),
                    List.of(a.number(b.keys("failures", "doc_count"))), List.of(a.number(b.keys("builds", "value"))),
                    List.of(a.number(b.keys("credentials", "value"))), controllers,
                    List.of(a.date(b.key("last_use")))), failures > 0 ? "warn" : ""));
        }
        long other = a.longAt(ResponsePath.parse("aggregations.jobs.sum_other_doc_count"));
        blocks.add(new Table("Uses by pipeline job", List.of(Column.fixed("Pipeline job"), Column.number("Uses"),
                Column.number("Failures"), Column.number("Builds"), Column.number("Credentials"),
                Column.text("Controllers"), Column.fixed("Last use (UTC)")), rows, "No token use in the period.",
                other > 0 ? String.format(Locale.ROOT, "%,d more uses in jobs beyond the %d shown "
                        + "(aggregations.jobs.sum_other_doc_count).", other, jobs.size()) : null));
        return new Section("usage", "Token use by pipeline", "", List.of(a.query().id()), blocks);
    }

    private Section violationsSection(Answer a) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Requests a credential's allow policy refused before they reached Jira (wrong host, "
                + "project or operation), in the period. Each one was blocked; none was sent."));
        if (!a.ran()) {
            blocks.add(missing(a, "No events", "the daemon has not indexed any event yet"));
            return new Section("violations", "Policy violations", "", List.of(a.query().id()), blocks);
        }
        blocks.add(new Table("By credential", List.of(Column.fixed("Credential"), Column.number("Violations"),
                Column.text("Pipeline jobs"), Column.fixed("Last (UTC)")),
                buckets(a, "aggregations.credentials.buckets", b -> List.of(List.of(a.text(b.key("key"))),
                        List.of(a.number(b.key("doc_count"))), keys(a, b.keys("jobs", "buckets")),
                        List.of(a.date(b.key("last"))))), "No policy violation in the period.",
                otherNote(a, "aggregations.credentials.sum_other_doc_count", "violations by other credentials",
                        a.at(ResponsePath.parse("aggregations.credentials.buckets")).size())));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a.hitCount(); i++) {
            Bound rule = a.field(i, "jira_access.policy.rule");
            rows.add(Row.of("", a.field(i, "@timestamp"), a.field(i, "jira_access.credential.id"),
                    a.field(i, "jira_access.pipeline.job"), a.field(i, "jira_access.pipeline.build"),
                    rule.isNone() ? a.field(i, "rule.name") : rule, a.field(i, "http.request.method"),
                    a.field(i, "url.domain"), a.field(i, "url.path"), a.field(i, "event.reason")));
        }
        blocks.add(new Table("Violations, newest first", List.of(Column.fixed("Time (UTC)"), Column.fixed("Credential"),
                Column.fixed("Pipeline job"), Column.number("Build"), Column.fixed("Rule"), Column.fixed("Method"),
                Column.fixed("Host"), Column.fixed("Path"), Column.text("Reason")), rows,
                "No policy violation in the period.", shownOf(a, "violations", "newest first")));
        return new Section("violations", "Policy violations", "", List.of(a.query().id()), blocks);
    }

    private Section basicAuthSection(Answer a, Answer tokens) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Identities Jira's audit log shows authenticating with Basic auth (an e-mail address "
                + "with an API token, or a password) in the period (event.action basic_auth.used): each is a caller to move "
                + "to a short-lived credential. Below them, this installation's own Atlassian Cloud API-token credentials "
                + "that pipelines used: they are sent as Basic auth too, and Atlassian cannot rotate them by API."));
        List<String> ids = List.of(a.query().id(), tokens.query().id());
        if (!a.ran()) {
            blocks.add(missing(a, "No events", "the daemon has not indexed any event yet"));
            return new Section("basic-auth", "Basic-auth callers left to migrate", "", ids, blocks);
        }
        List<Row> rows = new ArrayList<>();
        JsonNode callers = a.at(ResponsePath.parse("aggregations.callers.buckets"));
        for (int i = 0; i < callers.size(); i++) {
            ResponsePath b = ResponsePath.parse("aggregations.callers.buckets").index(i);
            rows.add(new Row(List.of(List.of(a.text(b.key("key"))), List.of(a.number(b.key("doc_count"))),
                    keys(a, b.keys("sources", "buckets")), keys(a, b.keys("integrations", "buckets")),
                    keys(a, b.keys("tokens", "buckets")), List.of(a.date(b.key("first_seen"))),
                    List.of(a.date(b.key("last_seen")))), "warn"));
        }
        blocks.add(new Table("Callers still on Basic auth (" + a.query().id() + ")", List.of(Column.text("User"),
                Column.number("Requests"), Column.fixed("Source addresses"), Column.text("Integrations"),
                Column.text("API tokens"), Column.fixed("First seen (UTC)"), Column.fixed("Last seen (UTC)")), rows,
                "No Basic-auth caller in the period: nothing left to migrate.",
                otherNote(a, "aggregations.callers.sum_other_doc_count", "requests from callers", callers.size())));
        if (tokens.ran()) {
            List<Row> tr = new ArrayList<>();
            JsonNode creds = tokens.at(ResponsePath.parse("aggregations.credentials.buckets"));
            for (int i = 0; i < creds.size(); i++) {
                ResponsePath b = ResponsePath.parse("aggregations.credentials.buckets").index(i);
                tr.add(new Row(List.of(List.of(tokens.text(b.key("key"))), List.of(tokens.number(b.key("doc_count"))),
                        keys(tokens, b.keys("users", "buckets")), keys(tokens, b.keys("jobs", "buckets")),
                        List.of(tokens.date(b.key("last_use")))), "warn"));
            }
            blocks.add(new Table("API-token credentials used by pipelines (" + tokens.query().id() + ")",
                    List.of(Column.text("Credential"), Column.number("Uses"), Column.text("Users"),
                            Column.text("Pipeline jobs"), Column.fixed("Last use (UTC)")), tr,
                    "No API-token credential was used in the period.",
                    otherNote(tokens, "aggregations.credentials.sum_other_doc_count", "uses of other credentials", creds.size())));
        }
        return new Section("basic-auth", "Basic-auth callers left to migrate", "", ids, blocks);
    }

    private Section activitySection(Answer a) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Every event in the period by action, the whole from which the sections above are taken."));
        if (!a.ran()) {
            blocks.add(missing(a, "No events", "the daemon has not indexed any event yet"));
            return new Section("activity", "All activity", "", List.of(a.query().id()), blocks);
        }
        List<Row> rows = buckets(a, "aggregations.actions.buckets", b -> List.of(List.of(a.text(b.key("key"))),
                List.of(a.number(b.key("doc_count"))), List.of(a.number(b.keys("failures", "doc_count")))));
        rows = new ArrayList<>(rows);
        rows.add(Row.of("total", Bound.derived("All events"), a.total(), Bound.derived("")));
        blocks.add(new Table("Events by action", List.of(Column.text("Action"), Column.number("Events"),
                Column.number("Failures")), rows, "No event in the period.", null));
        return new Section("activity", "All activity", "", List.of(a.query().id()), blocks);
    }

    private String unit() {
        return switch (queries.interval()) {
            case "1h" -> "hour";
            case "1d" -> "day";
            case "1w" -> "week";
            default -> "month";
        };
    }

    private static TimeChart chart(Answer a, String caption, String histogram, boolean stacked, List<String[]> series) {
        JsonNode buckets = a.at(ResponsePath.parse(histogram));
        List<String> labels = new ArrayList<>();
        for (JsonNode b : buckets) {
            labels.add(b.path("key_as_string").asText());
        }
        List<Series> out = new ArrayList<>();
        for (String[] s : series) {
            List<Bound> values = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) {
                ResponsePath inner = ResponsePath.parse(histogram).index(i).keys("actions", "buckets");
                JsonNode sub = a.at(inner);
                Bound v = Bound.derived("0");
                for (int j = 0; j < sub.size(); j++) {
                    if (s[0].equals(sub.get(j).path("key").asText())) {
                        v = a.number(inner.index(j).key("doc_count"));
                    }
                }
                values.add(v);
            }
            out.add(new Series(s[1], s[2], values));
        }
        return new TimeChart(caption, a.query().id(), labels, out, stacked);
    }

    /** Uses with failures drawn over them: the failures series is part of the uses series, not stacked on it. */
    private static TimeChart overlayChart(Answer a, String caption, String histogram) {
        JsonNode buckets = a.at(ResponsePath.parse(histogram));
        List<String> labels = new ArrayList<>();
        List<Bound> uses = new ArrayList<>();
        List<Bound> failures = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            ResponsePath b = ResponsePath.parse(histogram).index(i);
            labels.add(buckets.get(i).path("key_as_string").asText());
            uses.add(a.number(b.key("doc_count")));
            failures.add(a.number(b.keys("failures", "doc_count")));
        }
        return new TimeChart(caption, a.query().id(), labels,
                List.of(new Series("Uses", "#3b6fb6", uses), new Series("Failures", "#b3261e", failures)), false);
    }

    private interface BucketRow {
        List<List<Bound>> cells(ResponsePath bucket);
    }

    private static List<Row> buckets(Answer a, String path, BucketRow row) {
        List<Row> rows = new ArrayList<>();
        JsonNode buckets = a.at(ResponsePath.parse(path));
        for (int i = 0; i < buckets.size(); i++) {
            rows.add(new Row(row.cells(ResponsePath.parse(path).index(i)), ""));
        }
        return rows;
    }

    private static List<Bound> keys(Answer a, ResponsePath buckets) {
        List<Bound> out = new ArrayList<>();
        for (int i = 0; i < a.at(buckets).size(); i++) {
            out.add(a.text(buckets.index(i).key("key")));
        }
        return out.isEmpty() ? List.of(Bound.none()) : out;
    }

    private static String shownOf(Answer a, String what, String order) {
        long total = a.longAt(ResponsePath.parse("hits.total.value"));
        int shown = a.hitCount();
        if (total <= shown) {
            return null;
        }
        return String.format(Locale.ROOT, "Showing the first %,d of %,d %s (%s); run %s with \"from\" to page through "
                + "the rest.", shown, total, what, order, a.query().id());
    }

    private static String otherNote(Answer a, String path, String what, int shown) {
        long other = a.longAt(ResponsePath.parse(path));
        return other > 0 ? String.format(Locale.ROOT, "%,d more %s beyond the %d shown (%s).", other, what, shown, path)
                : null;
    }

    private static Notice missing(Answer a, String title, String why) {
        return new Notice("warn", title + ": index " + a.missingIndex() + " does not exist in this Elasticsearch, so "
                + a.query().id() + " found nothing; " + why + ".");
    }
}
