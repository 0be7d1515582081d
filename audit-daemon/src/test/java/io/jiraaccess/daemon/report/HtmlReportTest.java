package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML from canned Elasticsearch answers: data is escaped, the file is well-formed XML, values are traceable. */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String HOSTILE_ID = "<script>alert('x')</script>";
    private static final String HOSTILE_JOB = "evil</td><td onclick=\"steal()\">&job\u0001";

    /** Answers from a map of query id to response JSON; ids not in the map have no index. */
    private static final class CannedSearch implements ReportSearch {
        private final Map<String, String> responses;
        private final List<ReportQuery> seen = new ArrayList<>();

        CannedSearch(Map<String, String> responses) {
            this.responses = responses;
        }

        @Override
        public Answer run(ReportQuery q) {
            seen.add(q);
            String r = responses.get(q.id());
            if (r == null) {
                return Answer.missingIndex(q, "jira-access-events");
            }
            try {
                return Answer.of(q, JSON.readTree(r));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public String describe() {
            return "http://es.example:9200";
        }
    }

    private static String inventory() throws Exception {
        Map<String, Object> fields = new HashMap<>();
        fields.put("jira_access.credential.id", List.of(HOSTILE_ID));
        fields.put("jira_access.credential.kind", List.of("pat"));
        fields.put("jira_access.credential.status", List.of("active"));
        fields.put("user.name", List.of("a&b \"quoted\""));
        fields.put("jira_access.credential.expires_at", List.of("2026-11-20 10:00"));
        return JSON.writeValueAsString(Map.of(
                "hits", Map.of("total", Map.of("value", 1), "hits", List.of(Map.of("fields", fields))),
                "aggregations", Map.of(
                        "by_status", Map.of("buckets", List.of(Map.of("key", "active", "doc_count", 1))),
                        "by_kind", Map.of("buckets", List.of(Map.of("key", "pat", "doc_count", 1))),
                        "attention", Map.of("buckets", Map.of("active", Map.of("doc_count", 1),
                                "expired_but_active", Map.of("doc_count", 1), "expiring_soon", Map.of("doc_count", 0),
                                "no_expiry", Map.of("doc_count", 0), "rotation_overdue", Map.of("doc_count", 1))))));
    }

    private static String usage() throws Exception {
        return JSON.writeValueAsString(Map.of(
                "hits", Map.of("total", Map.of("value", 1234), "hits", List.of()),
                "aggregations", Map.of(
                        "failures", Map.of("doc_count", 3),
                        "jobs_count", Map.of("value", 1),
                        "jobs", Map.of("sum_other_doc_count", 0, "buckets", List.of(Map.of("key", HOSTILE_JOB,
                                "doc_count", 1234, "failures", Map.of("doc_count", 3), "builds", Map.of("value", 7),
                                "credentials", Map.of("value", 2), "controllers", Map.of("buckets", List.of()),
                                "last_use", Map.of("value", 1.7e12, "value_as_string", "2026-11-28 09:00:00")))),
                        "over_time", Map.of("buckets", List.of(
                                Map.of("key_as_string", "2026-11-27", "doc_count", 34, "failures", Map.of("doc_count", 1)),
                                Map.of("key_as_string", "2026-11-28", "doc_count", 1200, "failures", Map.of("doc_count", 2)))))));
    }

    private static ComplianceReport report(CannedSearch search) {
        ReportQueries queries = new ReportQueries(ReportQueries.Settings.of(ReportPeriod.parse("2026-11-27", "2026-11-28"),
                NOW, 14, 90));
        return ComplianceReport.build(queries, search, new ComplianceReport.Context(search.describe(), "/etc/daemon.yaml",
                NOW, "test"));
    }

    @Test
    void valuesFromDataAreEscapedAndTheFileIsWellFormedXmlWithoutScript() throws Exception {
        String html = HtmlReport.render(report(new CannedSearch(Map.of("Q1", inventory(), "Q3", usage()))));

        ReportDocument doc = ReportDocument.parse(html);
        assertEquals(0, doc.elements("//script").size());
        assertEquals(0, doc.elements("//*[@onclick]").size());
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("a&amp;b &quot;quoted&quot;")
                .contains("evil&lt;/td&gt;&lt;td onclick=&quot;steal()&quot;&gt;&amp;job\uFFFD")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>");
        List<String> jobs = doc.elements("//section[@id='usage']//table[caption='Uses by pipeline job']/tbody/tr/td[1]").stream()
                .map(e -> e.getTextContent()).toList();
        assertEquals(List.of("evil</td><td onclick=\"steal()\">&job\uFFFD"), jobs);
    }

    @Test
    void everyShownValueNamesAPlaceInItsQuerysAnswerThatHoldsIt() throws Exception {
        Map<String, String> canned = Map.of("Q1", inventory(), "Q3", usage());
        String html = HtmlReport.render(report(new CannedSearch(canned)));

        ReportDocument doc = ReportDocument.parse(html);
        List<ReportDocument.Claim> claims = doc.claims();
        assertTrue(claims.size() >= 20, "claims: " + claims.size());
        for (ReportDocument.Claim c : claims) {
            JsonNode v = ReportDocument.at(JSON.readTree(canned.get(c.queryId())), c.path());
            String expected = v.isNumber() ? String.format(java.util.Locale.ROOT, "%,d", v.asLong()) : v.asText();
            if (c.element().equals("rect")) {
                expected = Long.toString(v.asLong());
            }
            assertEquals(expected.replace("\u0001", "\uFFFD"), c.shown(), c.queryId() + " " + c.path());
        }
        assertEquals("1,234", doc.card("Token uses"));
        assertEquals("1", doc.card("Expired, still active"));
        assertEquals("\u2014", doc.card("Rotations"));
    }

    @Test
    void anExpiredActiveCredentialIsMarkedAndItsExpiryCountedFromTheReportTime() throws Exception {
        String html = HtmlReport.render(report(new CannedSearch(Map.of("Q1", inventory(), "Q3", usage()))));

        ReportDocument doc = ReportDocument.parse(html);
        var rows = doc.elements("//section[@id='inventory']//table[caption='Credentials, soonest expiry first']/tbody/tr");
        assertEquals(1, rows.size());
        assertEquals("bad", rows.get(0).getAttribute("class"));
        var cells = rows.get(0).getElementsByTagName("td");
        assertEquals("expired 9 days ago", cells.item(cells.getLength() - 1).getTextContent());
    }

    @Test
    void aMissingIndexIsSaidPlainlyInTheSectionAndTheAppendix() throws Exception {
        String html = HtmlReport.render(report(new CannedSearch(Map.of("Q1", inventory()))));

        ReportDocument doc = ReportDocument.parse(html);
        assertEquals(List.of("No events: index jira-access-events does not exist in this Elasticsearch, so Q2 found nothing; "
                + "the daemon has not indexed any event yet."), doc.elements("//section[@id='lifecycle']/p[contains(@class,'notice')]")
                .stream().map(e -> e.getTextContent()).toList());
        assertEquals(6, doc.elements("//section[@id='queries']//p[contains(@class,'notice')]").size());
        assertEquals(7, doc.queries().size(), "every query is printed, found or not");
    }
}
