package io.jiraaccess.dashboards.kibana;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jiraaccess.dashboards.kibana.Lens.count;
import static io.jiraaccess.dashboards.kibana.Lens.countWhere;
import static io.jiraaccess.dashboards.kibana.Lens.dateHistogram;
import static io.jiraaccess.dashboards.kibana.Lens.filters;
import static io.jiraaccess.dashboards.kibana.Lens.named;
import static io.jiraaccess.dashboards.kibana.Lens.stat;
import static io.jiraaccess.dashboards.kibana.Lens.terms;
import static io.jiraaccess.dashboards.kibana.Lens.uniqueCount;

/**
 * The source of {@code dashboards/kibana/*.ndjson}: the two data views, the Lens visualizations and the four
 * dashboards of issue 6. {@link KibanaFilesTest} holds the committed files equal to what this renders.
 */
final class KibanaObjects {
    static final String EVENTS = "jira-access-events";
    static final String CREDENTIALS = "jira-access-credentials";

    private static final String USE = "event.action : \"token.used\"";
    private static final String AUTH_ACTIONS =
            "event.action : (\"token.issued\" or \"token.used\" or \"token.refreshed\" or \"basic_auth.used\")";
    private static final String FAILURE = "event.outcome : \"failure\"";
    private static final String BASIC = "event.action : \"basic_auth.used\"";
    private static final String VIOLATION = "event.action : \"policy.violation\"";
    private static final String FAILED_AUTH = "event.category : \"authentication\" and event.outcome : \"failure\"";
    private static final String ACTIVE = "jira_access.credential.status : \"active\"";

    private KibanaObjects() {
    }

    /** File name to the saved objects it holds, in import order. */
    static Map<String, List<ObjectNode>> files() {
        Map<String, List<ObjectNode>> files = new LinkedHashMap<>();
        files.put("data-views.ndjson", List.of(
                dataView(EVENTS, "jira-access-events*", "Jira Access events", "@timestamp"),
                dataView(CREDENTIALS, "jira-access-credentials", "Jira Access credentials", null)));
        files.put("token-usage.ndjson", objects(tokenUsage()));
        files.put("credential-hygiene.ndjson", objects(credentialHygiene()));
        files.put("basic-auth-migration.ndjson", objects(basicAuthMigration()));
        files.put("security.ndjson", objects(security()));
        return files;
    }

    /** Renders one file: one saved object a line, a line break after each. */
    static String render(List<ObjectNode> objects) {
        StringBuilder sb = new StringBuilder();
        objects.forEach(o -> sb.append(o).append('\n'));
        return sb.toString();
    }

    private static List<ObjectNode> objects(Dashboard d) {
        List<ObjectNode> out = new ArrayList<>();
        d.lenses().forEach(l -> out.add(l.toSavedObject()));
        out.add(d.toSavedObject());
        return out;
    }

    /**
     * The credentials data view has no time field on purpose: its documents are current state, and a dashboard's time
     * range would otherwise hide every credential not updated within it.
     */
    private static ObjectNode dataView(String id, String pattern, String name, String timeField) {
        ObjectNode so = Lens.JSON.createObjectNode();
        ObjectNode a = so.putObject("attributes");
        a.put("allowHidden", false);
        a.put("fieldAttrs", "{}");
        a.put("fieldFormatMap", "{}");
        a.put("fields", "[]");
        a.put("name", name);
        a.put("runtimeFieldMap", "{}");
        a.put("sourceFilters", "[]");
        if (timeField != null) {
            a.put("timeFieldName", timeField);
        }
        a.put("title", pattern);
        a.put("typeMeta", "{}");
        so.put("coreMigrationVersion", "8.8.0");
        so.put("id", id);
        so.put("managed", false);
        so.putArray("references");
        so.put("type", "index-pattern");
        so.put("typeMigrationVersion", "8.0.0");
        return so;
    }

    private static Dashboard tokenUsage() {
        Lens summary = Lens.on(EVENTS, "jira-access-usage-summary", "Token uses and failures",
                        "Requests made with Jira Access credentials in the period, and how many failed.")
                .query(USE)
                .metric(count("uses", "Token uses"), countWhere("failed", "Failed", FAILURE));
        Lens byAction = Lens.on(EVENTS, "jira-access-uses-by-action", "Credential activity over time by action",
                        "Issuance, refresh and use of tokens, and Basic-auth calls seen in Jira's audit log.")
                .query(AUTH_ACTIONS)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("action", "event.action", "string", "Action", 10, "events", "desc"),
                        count("events", "Events"));
        Lens byOutcome = Lens.on(EVENTS, "jira-access-uses-by-outcome", "Credential activity over time by outcome",
                        "The same activity split by success and failure.")
                .query(AUTH_ACTIONS)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("outcome", "event.outcome", "string", "Outcome", 5, "events", "desc"),
                        count("events", "Events"));
        Lens pipelines = Lens.on(EVENTS, "jira-access-top-pipelines", "Top pipelines",
                        "Jobs using Jira Access credentials the most, with how many builds and credentials.")
                .query(USE + " and jira_access.pipeline.job : *")
                .table(terms("job", "jira_access.pipeline.job", "string", "Job", 20, "uses", "desc"),
                        count("uses", "Uses"),
                        uniqueCount("builds", "jira_access.pipeline.build", "Builds"),
                        uniqueCount("credentials", "jira_access.credential.id", "Credentials"),
                        stat("max", "last", "@timestamp", "date", "Last use"));
        Lens credentials = Lens.on(EVENTS, "jira-access-top-credentials", "Top credentials",
                        "Most used credentials by id and by fingerprint: a rotated credential shows one fingerprint per secret.")
                .query(USE)
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 20, "uses", "desc"),
                        terms("fingerprint", "jira_access.credential.fingerprint", "string", "Fingerprint", 10, "uses", "desc"),
                        terms("kind", "jira_access.credential.kind", "string", "Kind", 3, "uses", "desc"),
                        count("uses", "Uses"),
                        stat("max", "last", "@timestamp", "date", "Last use"));
        Lens bySite = Lens.on(EVENTS, "jira-access-uses-by-site-and-controller", "Uses by Jira site and CI controller",
                        "Which Jira sites are called, and from which Jenkins controller or CI service.")
                .query(USE)
                .xy("bar_horizontal_stacked",
                        terms("site", "jira_access.jira.site", "string", "Jira site", 10, "uses", "desc"),
                        terms("controller", "service.name", "string", "Controller", 10, "uses", "desc"),
                        count("uses", "Uses"));
        Lens failures = Lens.on(EVENTS, "jira-access-usage-failures", "Failures over time by HTTP status",
                        "Failed credential activity; a missing status means the request never reached Jira.")
                .query(FAILURE)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("status", "http.response.status_code", "number", "HTTP status", 10, "events", "desc"),
                        count("events", "Failures"));
        Lens reasons = Lens.on(EVENTS, "jira-access-failure-reasons", "Failures by reason and credential",
                        "Why credential activity failed.")
                .query(FAILURE)
                .table(terms("reason", "event.reason", "string", "Reason", 20, "events", "desc"),
                        terms("credential", "jira_access.credential.id", "string", "Credential", 10, "events", "desc"),
                        count("events", "Failures"),
                        stat("max", "last", "@timestamp", "date", "Last failure"));
        return new Dashboard("jira-access-token-usage", "Jira Access: token usage",
                "Use of Jira credentials by pipelines: over time, by action and outcome, by pipeline, credential, "
                        + "Jira site and CI controller, and failures.", "now-7d")
                .row(8, summary)
                .row(14, byAction, byOutcome)
                .row(15, pipelines, credentials)
                .row(14, bySite, failures)
                .row(14, reasons);
    }

    private static Dashboard credentialHygiene() {
        String expiring = ACTIVE + " and jira_access.credential.expires_at <= \"now+14d\"";
        String overdue = ACTIVE + " and (jira_access.credential.last_rotated_at < \"now-90d\" or "
                + "(not jira_access.credential.last_rotated_at : * and jira_access.credential.created_at < \"now-90d\"))";
        Lens byKind = Lens.on(CREDENTIALS, "jira-access-credentials-by-kind", "Active credentials by kind",
                        "Current inventory: active credentials of each kind.")
                .query(ACTIVE)
                .donut(terms("kind", "jira_access.credential.kind", "string", "Kind", 10, "credentials", "desc"),
                        count("credentials", "Credentials"));
        Lens byStatus = Lens.on(CREDENTIALS, "jira-access-credentials-by-status", "Credentials by status and inventory source",
                        "Active, revoked, expired and stopped credentials, by where the inventory found them.")
                .xy("bar_horizontal_stacked",
                        terms("status", "jira_access.credential.status", "string", "Status", 4, "credentials", "desc"),
                        terms("source", "jira_access.inventory.source", "string", "Inventory source", 4, "credentials", "desc"),
                        count("credentials", "Credentials"));
        Lens expiringCount = Lens.on(CREDENTIALS, "jira-access-expiring-count", "Expiring within 14 days",
                        "Active credentials whose expiry falls within the warning window (policy warnBeforeExpiryDays: 14), "
                                + "and those already past it.")
                .query(expiring)
                .metric(count("expiring", "Expiring within 14 days"),
                        countWhere("expired", "Already past expiry", "jira_access.credential.expires_at < \"now\""));
        Lens expiringList = Lens.on(CREDENTIALS, "jira-access-credentials-expiring", "Credentials expiring soon",
                        "Active credentials expiring within 14 days, soonest first.")
                .query(expiring)
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 100, "expires", "asc"),
                        terms("owner", "user.name", "string", "Owner", 3, "expires", "asc"),
                        terms("site", "jira_access.jira.site", "string", "Jira site", 3, "expires", "asc"),
                        stat("min", "expires", "jira_access.credential.expires_at", "date", "Expires"));
        Lens overdueList = Lens.on(CREDENTIALS, "jira-access-overdue-rotations", "Overdue rotations",
                        "Active credentials not rotated (or, never rotated, created) within maxAgeDays: 90, oldest first.")
                .query(overdue)
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 100, "created", "asc"),
                        terms("kind", "jira_access.credential.kind", "string", "Kind", 3, "created", "asc"),
                        terms("managed", "jira_access.credential.managed", "boolean", "Managed by Jira Access", 2, "created", "asc"),
                        stat("min", "created", "jira_access.credential.created_at", "date", "Created"),
                        stat("max", "rotated", "jira_access.credential.last_rotated_at", "date", "Last rotated"));
        Lens revocations = Lens.on(EVENTS, "jira-access-revocations", "Revocations over time",
                        "Credentials revoked, by dataset: enforcement (policy) or CI (rotation, manual).")
                .query("event.action : \"credential.revoked\"")
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("dataset", "event.dataset", "string", "Dataset", 5, "revocations", "desc"),
                        count("revocations", "Revocations"));
        Lens legacy = Lens.on(EVENTS, "jira-access-legacy-api-tokens-in-use", "Legacy Cloud API tokens still in use",
                        "Atlassian Cloud API tokens (Basic auth) that pipelines used in the period: migrate them.")
                .query(USE + " and jira_access.credential.kind : \"api-token\"")
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 50, "uses", "desc"),
                        terms("owner", "user.name", "string", "Owner", 3, "uses", "desc"),
                        count("uses", "Uses"),
                        stat("max", "last", "@timestamp", "date", "Last use"),
                        stat("min", "expires", "jira_access.credential.expires_at", "date", "Expires"));
        return new Dashboard("jira-access-credential-hygiene", "Jira Access: credential hygiene",
                "Credentials by kind, expiring within the warning window, overdue rotations, revocations, and legacy "
                        + "Cloud API tokens still in use. Inventory panels show current state regardless of the time range.",
                "now-30d")
                .row(12, byKind, byStatus, expiringCount)
                .row(15, expiringList, overdueList)
                .row(14, revocations, legacy);
    }

    private static Dashboard basicAuthMigration() {
        Lens overTime = Lens.on(EVENTS, "jira-access-basic-auth-over-time", "Basic-auth calls over time",
                        "basic_auth.used events: calls authenticated with a password or API token in a Basic header.")
                .query(BASIC)
                .xy("line", dateHistogram("time", "@timestamp"), null, count("calls", "Basic-auth calls"));
        Lens schemes = Lens.on(EVENTS, "jira-access-auth-schemes-over-time", "Basic auth versus tokens",
                        "Share of calls still on Basic auth against Bearer and JWT: the migration's progress.")
                .query("event.action : (\"basic_auth.used\" or \"token.used\")")
                .xy("bar_percentage_stacked", dateHistogram("time", "@timestamp"),
                        filters("scheme", "Scheme", named(
                                "Basic auth", BASIC + " or (" + USE + " and jira_access.credential.kind : \"api-token\")",
                                "Bearer or JWT", USE + " and not jira_access.credential.kind : \"api-token\"")),
                        count("calls", "Calls"));
        Lens byUser = Lens.on(EVENTS, "jira-access-basic-auth-by-user", "Basic auth by user",
                        "The Jira identities whose credentials are still sent as Basic auth.")
                .query(BASIC)
                .xy("bar_horizontal", terms("user", "user.name", "string", "User", 20, "calls", "desc"), null,
                        count("calls", "Basic-auth calls"));
        Lens byIntegration = Lens.on(EVENTS, "jira-access-basic-auth-by-integration", "Basic auth by integration",
                        "The integration behind each call (credential id, or the API token's label from Jira's audit log), "
                                + "by CI controller.")
                .query(BASIC)
                .xy("bar_horizontal_stacked",
                        terms("integration", "jira_access.credential.id", "string", "Integration", 20, "calls", "desc"),
                        terms("controller", "service.name", "string", "Controller", 5, "calls", "desc"),
                        count("calls", "Basic-auth calls"));
        Lens callers = Lens.on(EVENTS, "jira-access-basic-auth-callers", "Callers still on Basic auth",
                        "Who still calls with Basic auth and from where, most recent first: this list should shrink.")
                .query(BASIC)
                .table(terms("user", "user.name", "string", "User", 100, "last", "desc"),
                        terms("source", "source.ip", "ip", "Source address", 10, "last", "desc"),
                        count("calls", "Calls"),
                        stat("min", "first", "@timestamp", "date", "First seen"),
                        stat("max", "last", "@timestamp", "date", "Last seen"));
        Lens callerCount = Lens.on(EVENTS, "jira-access-basic-auth-caller-count", "Callers on Basic auth",
                        "Distinct users and source addresses still on Basic auth in the period.")
                .query(BASIC)
                .metric(uniqueCount("users", "user.name", "Users on Basic auth"),
                        uniqueCount("sources", "source.ip", "Source addresses"));
        return new Dashboard("jira-access-basic-auth-migration", "Jira Access: migration off Basic auth",
                "basic_auth.used over time, by user and integration, and the shrinking list of callers still on Basic auth.",
                "now-30d")
                .row(10, callerCount, overTime)
                .row(14, schemes)
                .row(14, byUser, byIntegration)
                .row(16, callers);
    }

    private static Dashboard security() {
        Lens summary = Lens.on(EVENTS, "jira-access-security-summary", "Policy violations and failed authentication",
                        "Requests refused by a credential's allow policy, and authentications that failed.")
                .metric(countWhere("violations", "Policy violations", VIOLATION),
                        countWhere("failed", "Failed authentications", FAILED_AUTH));
        Lens violationsOverTime = Lens.on(EVENTS, "jira-access-policy-violations-over-time", "Policy violations over time",
                        "Requests refused locally (host, project or operation not allowed), by reason.")
                .query(VIOLATION)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("reason", "event.reason", "string", "Reason", 10, "violations", "desc"),
                        count("violations", "Violations"));
        Lens violations = Lens.on(EVENTS, "jira-access-policy-violations", "Policy violations by credential and job",
                        "Which credential, in which job, tried what it is not allowed to.")
                .query(VIOLATION)
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 50, "violations", "desc"),
                        terms("job", "jira_access.pipeline.job", "string", "Job", 10, "violations", "desc"),
                        terms("reason", "event.reason", "string", "Reason", 10, "violations", "desc"),
                        count("violations", "Violations"),
                        stat("max", "last", "@timestamp", "date", "Last seen"));
        Lens failedAuth = Lens.on(EVENTS, "jira-access-failed-authentication", "Failed authentication over time",
                        "Token issuance, refresh or use that failed, by credential kind.")
                .query(FAILED_AUTH)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("kind", "jira_access.credential.kind", "string", "Kind", 5, "failures", "desc"),
                        count("failures", "Failures"));
        Lens failedBySource = Lens.on(EVENTS, "jira-access-failed-authentication-by-source", "Failed authentication by source",
                        "Where failed authentications come from, and for whom.")
                .query(FAILED_AUTH)
                .table(terms("source", "source.ip", "ip", "Source address", 20, "failures", "desc"),
                        terms("user", "user.name", "string", "User", 5, "failures", "desc"),
                        count("failures", "Failures"),
                        uniqueCount("credentials", "jira_access.credential.id", "Credentials"));
        Lens unusual = Lens.on(EVENTS, "jira-access-unusual-source-addresses", "Unusual source addresses",
                        "Source addresses seen least often, rarest first, with the identities that used them.")
                .existsFilter("source.ip")
                .phraseFilter("event.dataset", "jira_access.inventory", true)
                .table(terms("source", "source.ip", "ip", "Source address", 20, "events", "asc"),
                        count("events", "Events"),
                        uniqueCount("identities", "user.name", "Identities"),
                        stat("min", "first", "@timestamp", "date", "First seen"),
                        stat("max", "last", "@timestamp", "date", "Last seen"));
        Lens enforced = Lens.on(EVENTS, "jira-access-enforcement-revocations", "Revocations by enforcement",
                        "Credentials the daemon's policy enforcement revoked, by reason.")
                .query("event.action : \"credential.revoked\"")
                .phraseFilter("event.dataset", "jira_access.enforcement", false)
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("reason", "event.reason", "string", "Reason", 10, "revocations", "desc"),
                        count("revocations", "Revocations"));
        return new Dashboard("jira-access-security", "Jira Access: security",
                "Policy violations, failed authentication, unusual source addresses and revocations by enforcement.",
                "now-7d")
                .row(8, summary)
                .row(14, violationsOverTime, violations)
                .row(14, failedAuth, failedBySource)
                .row(14, unusual, enforced);
    }
}
