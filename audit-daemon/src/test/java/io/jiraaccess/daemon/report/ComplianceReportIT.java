package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.daemon.cli.DaemonCli;
import io.jiraaccess.daemon.testing.DemoData;
import io.jiraaccess.daemon.testing.HeadlessChromium;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report} on the demo workload's events as the daemon indexed them into a real Elasticsearch: the numbers are
 * what the printed queries answer and what the workload wrote, the page renders in headless Chromium without a
 * console message, and no secret of the workload appears in any form.
 */
class ComplianceReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoData demo;
    private static List<AuditEvent> events;
    private static Path dir;
    private static Path config;
    private static Path html;
    private static String text;
    private static ReportDocument doc;
    private static String from;
    private static String to;

    @BeforeAll
    static void writeTheReport() throws Exception {
        demo = DemoData.indexed();
        events = new ArrayList<>();
        for (Path f : SpoolFiles.list(demo.spool())) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    events.add(AuditEvent.fromJson(line));
                }
            }
        }
        from = events.stream().map(e -> LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC)).min(LocalDate::compareTo).orElseThrow().toString();
        to = events.stream().map(e -> LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC)).max(LocalDate::compareTo).orElseThrow().toString();
        dir = Path.of("target/it-report").toAbsolutePath();
        SharedElasticsearch.deleteTree(dir);
        Files.createDirectories(dir);
        config = Files.writeString(dir.resolve("daemon.yaml"), """
                elasticsearch: { url: "%s" }
                state: { dir: state }
                policy: { warnBeforeExpiryDays: 14, maxAgeDays: 90 }
                """.formatted(SharedElasticsearch.node().url()));
        html = dir.resolve("report.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DaemonCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", "--config",
                config.toString(), "--from", from, "--to", to, "--out", html.toString());
        assertEquals(0, code, out + "\n" + err);
        assertThat(out.toString()).startsWith("Wrote " + html + " (HTML, ");
        text = Files.readString(html);
        doc = ReportDocument.parse(text);
    }

    @Test
    void everyNumberShownIsWhatItsPrintedQueryAnswersWhenRunAgain() throws Exception {
        Map<String, ReportDocument.PrintedQuery> queries = doc.queries();
        assertEquals(List.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"), List.copyOf(queries.keySet()));
        Map<String, JsonNode> answers = new HashMap<>();
        for (ReportDocument.PrintedQuery q : queries.values()) {
            answers.put(q.id(), send(q.method(), q.path(), q.body()));
        }
        List<ReportDocument.Claim> claims = doc.claims();
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> perQuery = new HashMap<>();
        for (ReportDocument.Claim c : claims) {
            JsonNode answer = answers.get(c.queryId());
            JsonNode v = ReportDocument.at(answer, c.path());
            boolean same = v.isNumber() ? Long.toString(v.asLong()).equals(c.shown().replace(",", ""))
                    : v.isTextual() && v.asText().equals(c.shown());
            if (!same) {
                wrong.add(c.queryId() + " " + c.path() + ": shown '" + c.shown() + "', the query answers " + v);
            }
            perQuery.merge(c.queryId(), 1, Integer::sum);
        }
        assertEquals(List.of(), wrong);
        // the comparison means something only if the report really shows values from every query that found data
        for (String q : List.of("Q2", "Q3", "Q4", "Q5", "Q6", "Q7")) {
            assertTrue(perQuery.getOrDefault(q, 0) >= 3, q + " backs " + perQuery.get(q) + " values");
        }
        assertTrue(claims.size() > 200, "values traced: " + claims.size());
    }

    @Test
    void theHeadlineNumbersAreWhatTheWorkloadWrote() throws Exception {
        assertEquals(number(demo.summary().count("token.used")), doc.card("Token uses"));
        assertEquals(number(events.stream().filter(e -> "token.used".equals(e.action()) && "failure".equals(e.outcome())).count()),
                doc.card("Failed token uses"));
        assertEquals(number(demo.summary().count("credential.rotated")), doc.card("Rotations"));
        assertEquals(number(demo.summary().count("credential.revoked")), doc.card("Revocations"));
        assertEquals(number(demo.summary().count("policy.violation")), doc.card("Policy violations"));
        Set<String> basicCallers = events.stream().filter(e -> "basic_auth.used".equals(e.action()))
                .map(e -> e.getString("user.name")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("bob", "carol"), basicCallers);
        assertEquals(number(basicCallers.size()), doc.card("Basic-auth callers"));
        // the spool's events and what the Jira sources added, in the period (the inventory also dates the issue of
        // tokens created months ago, outside it)
        long inPeriod = send("POST", "/jira-access-events/_count", "{\"query\":{\"range\":{\"@timestamp\":{\"gte\":\""
                + from + "T00:00:00Z\",\"lt\":\"" + LocalDate.parse(to).plusDays(1) + "T00:00:00Z\"}}}}").path("count").asLong();
        assertEquals(List.of(number(inPeriod)),
                doc.elements("//tr[@class='total']/td[2]").stream().map(e -> e.getTextContent()).toList());
        assertTrue(inPeriod > demo.summary().total(), "the Jira audit source added events: " + inPeriod);
    }

    @Test
    void everyPipelineJobThatUsedATokenHasItsRowWithItsUseCount() throws Exception {
        Map<String, Long> perJob = events.stream().filter(e -> "token.used".equals(e.action()))
                .collect(Collectors.groupingBy(e -> e.getString("jira_access.pipeline.job") == null ? "(no pipeline)"
                        : e.getString("jira_access.pipeline.job"), Collectors.counting()));
        Map<String, Long> shown = new HashMap<>();
        for (var row : doc.elements("//section[@id='usage']//table[caption='Uses by pipeline job']/tbody/tr")) {
            var cells = row.getElementsByTagName("td");
            shown.put(cells.item(0).getTextContent(), Long.parseLong(cells.item(1).getTextContent().replace(",", "")));
        }
        assertEquals(perJob, shown);
    }

    @Test
    void theInventoryListsEveryCredentialDocumentWithItsIdAndTheSimulatorsTokens() throws Exception {
        var rows = doc.elements("//section[@id='inventory']//table[caption='Credentials, soonest expiry first']/tbody/tr");
        List<String> ids = rows.stream().map(r -> r.getElementsByTagName("td").item(0).getTextContent()).toList();
        assertEquals(SharedElasticsearch.count("jira-access-credentials"), ids.size());
        assertThat(ids).doesNotContain(Bound.NONE);
        // a document holding only a revocation (of a token the inventory never listed) shows its document _id
        for (var r : rows) {
            var cells = r.getElementsByTagName("td");
            if (cells.item(0).getTextContent().matches("[0-9a-f]{64}")) {
                assertEquals("revoked", cells.item(5).getTextContent());
            }
        }
        // every PAT the simulator holds, as the daemon's inventory source lists them (owner/name)
        for (var t : demo.simulator().tokens()) {
            if (t.revokedAt() == null) {
                assertThat(ids).anyMatch(id -> id.endsWith("/" + t.name()));
            }
        }
        // and the CI credentials the workload used, from the events
        assertThat(ids).contains("dc-ci-pat", "cloud-legacy-token", "dc-cleanup-pat");
    }

    @Test
    void noSecretOfTheDemoWorkloadAppearsInTheReportInAnyForm() throws Exception {
        assertTrue(demo.secrets().size() >= 10, "the demo world's secrets: " + demo.secrets().size());
        for (String secret : demo.secrets()) {
            for (String form : SecretForms.of(secret)) {
                assertThat(text).as("a printed form of a demo secret").doesNotContain(form);
            }
        }
    }

    @Test
    void thePageRendersInHeadlessChromiumWithoutConsoleMessagesAndIsNotBlank() {
        HeadlessChromium chromium = HeadlessChromium.require();
        HeadlessChromium.Rendering r = chromium.render(html, dir.resolve("report.png"), 2000);
        assertEquals(List.of(), r.consoleMessages());
        HeadlessChromium.PixelStats px = HeadlessChromium.PixelStats.of(r.screenshot());
        assertEquals(1280, px.width());
        assertEquals(2000, px.height());
        assertTrue(px.distinctColours() >= 50, "distinct colours: " + px.distinctColours());
        assertTrue(px.nonWhiteShare() > 0.15 && px.nonWhiteShare() < 0.95, "non-white share: " + px.nonWhiteShare());
        // the whole page, for people to look at
        chromium.render(html, dir.resolve("report-full.png"), 9000);
    }

    @Test
    void theBrowserCheckSeesConsoleMessagesWhenAPageHasThem() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path bad = Files.writeString(dir.resolve("control.html"), text.replace("</body>",
                "<img src=\"http://127.0.0.1:9/blocked.png\"/><script>console.log('x')</script></body>"));
        HeadlessChromium.Rendering r = chromium.render(bad, dir.resolve("control.png"), 600);
        assertEquals(2, r.consoleMessages().size(), String.join("\n", r.consoleMessages()));
        assertThat(r.consoleMessages().get(0)).contains("Content Security Policy");
    }

    @Test
    void thePdfFormatHoldsTheSameReportAndNoSecret() throws Exception {
        Path pdf = dir.resolve("report.pdf");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DaemonCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "report", "--config",
                config.toString(), "--from", from, "--to", to, "--out", pdf.toString(), "--format", "pdf");
        assertEquals(0, code, out + "\n" + err);
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF-", new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        String pdfText;
        int pages;
        try (PDDocument d = Loader.loadPDF(bytes)) {
            pdfText = new PDFTextStripper().getText(d);
            pages = d.getNumberOfPages();
        }
        assertTrue(pages >= 3, "pages: " + pages);
        assertThat(pdfText).contains("Credential compliance report").contains("Appendix: the queries")
                .contains("POST /jira-access-events/_search");
        for (String secret : demo.secrets()) {
            for (String form : SecretForms.of(secret)) {
                assertThat(pdfText).doesNotContain(form);
            }
        }
    }

    @Test
    void withoutAnElasticsearchUrlTheReportUsesTheLocalNodeAlreadyRunningOnTheStateDirectory() throws Exception {
        Path state = Files.createDirectories(dir.resolve("local/state"));
        // the state directory of a daemon whose local node is the shared test node
        Files.createSymbolicLink(state.resolve("elasticsearch"), SharedElasticsearch.node().runDir());
        Path localConfig = Files.writeString(dir.resolve("local/daemon.yaml"), "state: { dir: state }\n");
        Path out = dir.resolve("local/report.html");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = DaemonCli.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "report", "--config",
                localConfig.toString(), "--from", from, "--to", to, "--out", out.toString());

        assertEquals(0, code, stdout + "\n" + stderr);
        assertThat(stdout.toString()).endsWith(", 7 queries against " + SharedElasticsearch.node().url() + "\n");
        assertEquals(number(demo.summary().count("token.used")), ReportDocument.parse(Files.readString(out)).card("Token uses"));
        assertTrue(SharedElasticsearch.node().isRunning(), "the report leaves a node it did not start running");
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        URI es = SharedElasticsearch.node().url();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(es + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
