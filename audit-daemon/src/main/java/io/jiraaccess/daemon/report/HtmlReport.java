package io.jiraaccess.daemon.report;

import io.jiraaccess.daemon.report.ReportContent.Block;
import io.jiraaccess.daemon.report.ReportContent.Card;
import io.jiraaccess.daemon.report.ReportContent.Cards;
import io.jiraaccess.daemon.report.ReportContent.Column;
import io.jiraaccess.daemon.report.ReportContent.Notice;
import io.jiraaccess.daemon.report.ReportContent.Paragraph;
import io.jiraaccess.daemon.report.ReportContent.Row;
import io.jiraaccess.daemon.report.ReportContent.Section;
import io.jiraaccess.daemon.report.ReportContent.Table;
import io.jiraaccess.daemon.report.ReportContent.TimeChart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link ComplianceReport} as one self-contained XHTML file: inline CSS and SVG, no script, no external
 * resource (a Content-Security-Policy forbids both), every value from data escaped. Well-formed XML, so the same
 * text feeds the PDF renderer.
 */
public final class HtmlReport {
    /** How to read each query's response: which part of it feeds which part of the report. */
    private static final Map<String, String> READING = Map.of(
            ReportQueries.INVENTORY, "hits.total.value is the number of credentials; hits.hits[i].fields are the rows of "
                    + "the credentials table; aggregations.by_status and by_kind give the two small tables; "
                    + "aggregations.attention.buckets.<name>.doc_count give the headline numbers (active, "
                    + "expired_but_active, expiring_soon, rotation_overdue; no_expiry counts active credentials without "
                    + "an expiry date).",
            ReportQueries.LIFECYCLE, "aggregations.lifecycle.buckets.<rotated|revoked|revoked_by_enforcement|rotation_failed>"
                    + ".doc_count give the summary; aggregations.over_time.buckets[i].actions the chart; "
                    + "hits.hits[i].fields the events table.",
            ReportQueries.USAGE, "hits.total.value is the number of token uses; aggregations.failures.doc_count the failed "
                    + "ones; aggregations.jobs.buckets[i] one row of the jobs table (doc_count uses, failures.doc_count, "
                    + "builds.value and credentials.value distinct counts, controllers, last_use); "
                    + "aggregations.over_time.buckets[i] the chart.",
            ReportQueries.VIOLATIONS, "hits.total.value is the number of violations; aggregations.credentials.buckets the "
                    + "table by credential; hits.hits[i].fields the list (the rule is jira_access.policy.rule, or rule.name "
                    + "where the HTTP client wrote it).",
            ReportQueries.BASIC_AUTH, "aggregations.callers_count.value is the number of distinct callers; "
                    + "aggregations.callers.buckets[i] one caller (doc_count requests, sources, integrations, tokens, "
                    + "first_seen, last_seen).",
            ReportQueries.API_TOKENS, "aggregations.credentials.buckets[i] one API-token credential (doc_count uses, users, "
                    + "jobs, last_use).",
            ReportQueries.ACTIVITY, "aggregations.actions.buckets[i] one action (doc_count events, failures.doc_count); "
                    + "hits.total.value all events in the period.");

    private HtmlReport() {
    }

    public static String render(ComplianceReport r) {
        StringBuilder sb = new StringBuilder(256 * 1024);
        String title = "Jira Access compliance report, " + r.period().describe();
        sb.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                // nothing in this file may run or load anything: it must read the same offline, years from now
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"generator\" content=\"").append(Html.escape(r.context().generator())).append("\"/>\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(css()).append("</style>\n</head>\n<body>\n");
        masthead(sb, r);
        toc(sb, r);
        sb.append("<section id=\"glance\" class=\"section\">\n<h2>At a glance</h2>\n");
        cards(sb, r.headline());
        sb.append("<p class=\"hint\">Every number links to the Elasticsearch query it comes from (Q1\u2013Q").append(r.queries().size())
                .append(", in the appendix); in the HTML, hovering over a number shows the place in the query's response it was "
                + "read from. Run a query in Kibana Dev Tools or with curl to reproduce the number.</p>\n</section>\n");
        int n = 1;
        for (Section s : r.sections()) {
            section(sb, n++, s);
        }
        appendix(sb, r);
        sb.append("<footer>Generated by ").append(Html.escape(r.context().generator())).append(" on ")
                .append(Html.escape(ReportPeriod.show(r.context().generatedAt())))
                .append(". Self-contained: no scripts and no external resources (Content-Security-Policy default-src 'none'). "
                        + "Secrets are never indexed; credentials appear by id and fingerprint only.</footer>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void masthead(StringBuilder sb, ComplianceReport r) {
        ReportQueries.Settings s = r.settings();
        sb.append("<header class=\"masthead\">\n<div class=\"brand\">Jira Access</div>\n")
                .append("<h1>Credential compliance report</h1>\n")
                .append("<p class=\"period\">").append(Html.escape(r.period().describe())).append("</p>\n")
                .append("<table class=\"meta\">\n");
        meta(sb, "Report made", ReportPeriod.show(r.context().generatedAt()));
        meta(sb, "Period", "from " + ReportPeriod.show(r.period().from()) + " up to, not including, "
                + ReportPeriod.show(r.period().to()));
        meta(sb, "Elasticsearch", r.context().elasticsearch());
        meta(sb, "Configuration", r.context().configFile() == null ? "built-in defaults" : r.context().configFile());
        meta(sb, "Policy", "warn " + s.warnBeforeExpiryDays() + " days before expiry; rotate at least every "
                + s.maxAgeDays() + " days");
        sb.append("</table>\n</header>\n");
    }

    private static void meta(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static void toc(StringBuilder sb, ComplianceReport r) {
        sb.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#glance\">At a glance</a></li>\n");
        for (Section s : r.sections()) {
            sb.append("<li><a href=\"#").append(s.anchor()).append("\">").append(Html.escape(s.title())).append("</a></li>\n");
        }
        sb.append("<li><a href=\"#queries\">Appendix: the queries</a></li>\n</ol>\n</nav>\n");
    }

    private static void cards(StringBuilder sb, List<Card> cards) {
        sb.append("<div class=\"cards\">\n");
        for (Card c : cards) {
            sb.append("<div class=\"card tone-").append(c.tone()).append("\">")
                    .append("<div class=\"label\">").append(Html.escape(c.label())).append("</div>")
                    .append("<div class=\"big\">").append(value(c.value())).append("</div>")
                    .append("<div class=\"note\">").append(Html.escape(c.note()));
            if (c.value().bound()) {
                sb.append(" <a class=\"ref\" href=\"#").append(c.value().queryId()).append("\">")
                        .append(c.value().queryId()).append("</a>");
            }
            // no whitespace between the inline blocks: it would widen the row past five cards
            sb.append("</div></div>");
        }
        sb.append("</div>\n");
    }

    private static void section(StringBuilder sb, int number, Section s) {
        sb.append("<section id=\"").append(s.anchor()).append("\" class=\"section\">\n<h2><span class=\"no\">")
                .append(number).append("</span>").append(Html.escape(s.title()));
        for (String q : s.queryIds()) {
            sb.append(" <a class=\"ref\" href=\"#").append(q).append("\">").append(q).append("</a>");
        }
        sb.append("</h2>\n");
        for (Block b : s.blocks()) {
            block(sb, b);
        }
        sb.append("</section>\n");
    }

    private static void block(StringBuilder sb, Block b) {
        if (b instanceof Paragraph p) {
            sb.append("<p class=\"lead\">").append(Html.escape(p.text())).append("</p>\n");
        } else if (b instanceof Notice n) {
            sb.append("<p class=\"notice ").append(Html.escape(n.level())).append("\">").append(Html.escape(n.text()))
                    .append("</p>\n");
        } else if (b instanceof Cards c) {
            cards(sb, c.cards());
        } else if (b instanceof Table t) {
            table(sb, t);
        } else if (b instanceof TimeChart c) {
            sb.append("<figure class=\"chart\">").append(SvgChart.render(c)).append("<figcaption>")
                    .append(Html.escape(c.caption())).append(" <a class=\"ref\" href=\"#").append(c.queryId()).append("\">")
                    .append(c.queryId()).append("</a></figcaption></figure>\n");
        }
    }

    private static void table(StringBuilder sb, Table t) {
        boolean small = t.columns().size() <= 3;
        sb.append("<div class=\"table").append(small ? " small" : "").append("\">\n<table class=\"data\">\n<caption>")
                .append(Html.escape(t.caption())).append("</caption>\n<thead><tr>");
        for (Column c : t.columns()) {
            sb.append("<th").append(cellClass(c)).append(">").append(Html.escape(c.header())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        if (t.rows().isEmpty()) {
            sb.append("<tr><td class=\"empty\" colspan=\"").append(t.columns().size()).append("\">")
                    .append(Html.escape(t.empty())).append("</td></tr>\n");
        }
        for (Row row : t.rows()) {
            sb.append("<tr").append(row.tone().isEmpty() ? "" : " class=\"" + Html.escape(row.tone()) + "\"").append(">");
            for (int i = 0; i < row.cells().size(); i++) {
                sb.append("<td").append(i < t.columns().size() ? cellClass(t.columns().get(i)) : "").append(">");
                List<Bound> values = row.cells().get(i);
                for (int j = 0; j < values.size(); j++) {
                    if (j > 0) {
                        sb.append("<br/>");
                    }
                    sb.append(value(values.get(j)));
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (t.footnote() != null) {
            sb.append("<p class=\"footnote\">").append(Html.escape(t.footnote())).append("</p>\n");
        }
        sb.append("</div>\n");
    }

    private static String cellClass(Column c) {
        return c.numeric() ? " class=\"n\"" : c.nowrap() ? " class=\"nw\"" : "";
    }

    /** A value; a bound one carries its query and response path for tracing. */
    private static String value(Bound b) {
        if (!b.bound()) {
            return "<span class=\"d\">" + Html.escape(b.text()) + "</span>";
        }
        boolean docId = b.path().endsWith("._id");
        // a document _id has no break opportunity: offer some (<wbr/> adds no character to the text) rather than
        // widen the table
        String text = docId ? String.join("<wbr/>", Html.escape(b.text()).split("(?<=\\G.{16})")) : Html.escape(b.text());
        return "<span class=\"" + (docId ? "v docid" : "v") + "\" data-q=\"" + Html.escape(b.queryId()) + "\" data-path=\""
                + Html.escape(b.path()) + "\" title=\"" + Html.escape(b.queryId() + ": " + b.path()) + "\">" + text + "</span>";
    }

    private static void appendix(StringBuilder sb, ComplianceReport r) {
        sb.append("<section id=\"queries\" class=\"section appendix\">\n<h2>Appendix: the queries</h2>\n")
                .append("<p class=\"lead\">Each query below ran once, exactly as printed, against ")
                .append(Html.escape(r.context().elasticsearch()))
                .append(". Every time in it is absolute, so it gives the same numbers on the same data whenever it runs. "
                        + "To reproduce a number: paste the query into Kibana Dev Tools, or save the JSON body as Q<i>n</i>.json "
                        + "and run the curl line (add -H \"Authorization: ApiKey $ES_API_KEY\" when Elasticsearch needs it). "
                        + "Positions are written like aggregations.jobs.buckets[2].doc_count: keys joined by dots, array "
                        + "positions counted from 0, and field names with dots quoted, as in fields['user.name'][0].</p>\n");
        for (ReportQuery q : r.queries()) {
            Answer a = r.answer(q.id());
            sb.append("<div class=\"query\" id=\"").append(q.id()).append("\">\n<h3><span class=\"qid\">").append(q.id())
                    .append("</span>").append(Html.escape(q.title())).append("</h3>\n");
            if (!a.ran()) {
                sb.append("<p class=\"notice warn\">Index ").append(Html.escape(a.missingIndex()))
                        .append(" does not exist: Elasticsearch answered 404 index_not_found_exception.</p>\n");
            }
            String reading = READING.get(q.id());
            if (reading != null) {
                sb.append("<p class=\"reading\"><b>Reading the response:</b> ").append(Html.escape(reading)).append("</p>\n");
            }
            sb.append("<pre class=\"devtools\" data-q=\"").append(q.id()).append("\"><span class=\"method\">")
                    .append(Html.escape(q.method())).append("</span> <span class=\"path\">").append(Html.escape(q.path()))
                    .append("</span>\n<span class=\"body\">").append(Html.escape(q.body())).append("</span></pre>\n")
                    .append("<p class=\"curl\"><code>curl -sS -X ").append(Html.escape(q.method())).append(" \"$ES_URL")
                    .append(Html.escape(q.path())).append("\" -H 'Content-Type: application/json' --data-binary @")
                    .append(q.id()).append(".json</code></p>\n</div>\n");
        }
        sb.append("</section>\n");
    }

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the audit-daemon jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
