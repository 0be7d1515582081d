package io.jiraaccess.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.event.AuditEvent;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.core.journal.SpoolFiles;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.cli.DaemonCli;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.testing.DemoData;
import io.jiraaccess.daemon.testing.LeakScan;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import io.jiraaccess.daemon.testing.TestDaemon;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.sim.model.Secrets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof that no secret leaks: after the end-to-end path (the demo workload against the simulator with every
 * credential kind, rotations and an incident revocation; a real daemon indexing it into Elasticsearch; the compliance
 * report in HTML and PDF), every secret the tests created is looked for, in every form masking covers, in every file
 * the path left (spool, the daemon's state and cursors, configuration, the console log of this JVM, the reports,
 * Elasticsearch's logs, this module's surefire and failsafe reports), in every document, mapping and setting of every
 * {@code jira-access-*} index, and in what the report command printed: zero hits.
 * <p>Skipped, by named rules that list their exact files: the secret files a daemon configuration reads through
 * {@code ${file:}} and each daemon's {@code installation.key}. Holding a secret is their job; the test checks that
 * each does hold one and that nothing else is skipped.
 */
class SecretLeakScanIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALLATION_KEY_RULE = "a daemon's installation key (state directory): it holds the fingerprint key";

    @Test
    void noSecretOfTheEndToEndRunAppearsInAnyFileDocumentOrOutputInAnyForm() throws Exception {
        DemoData demo = DemoData.indexed();
        Path target = Path.of("target").toAbsolutePath();
        Report report = writeReports(demo, target.resolve("it-leak"));

        // every daemon configuration the run left: its ${file:} inputs, and its state directory's installation key
        List<Path> runConfigs = find(demo.dir(), "daemon.yaml");
        List<Path> configs = new ArrayList<>(runConfigs);
        configs.addAll(find(report.dir(), "daemon.yaml"));
        List<LeakScan.Rule> rules = new ArrayList<>();
        List<String> installationKeys = new ArrayList<>();
        Set<Path> keyFiles = new TreeSet<>();
        for (Path config : configs) {
            rules.add(LeakScan.Rule.secretInputsOf(config));
            Path key = new DaemonConfigParser(SecretReferences.fromMap(Map.of())).parse(config).state().dir()
                    .resolve(InstallationKey.FILE_NAME);
            if (Files.exists(key)) {
                keyFiles.add(key);
                installationKeys.add(Files.readString(key).trim());
            }
        }
        rules.add(new LeakScan.Rule(INSTALLATION_KEY_RULE, keyFiles));
        LeakScan.Rule[] skip = rules.toArray(LeakScan.Rule[]::new);

        List<String> secrets = new ArrayList<>(demo.everySecret());
        secrets.addAll(installationKeys);
        secrets.add(TestDaemon.JENKINS_TOKEN);
        LeakScan scan = LeakScan.builder().secrets(secrets).basic(demo.basicPairs()).build();
        Path esLogs = SharedElasticsearch.node().runDir().resolve("logs");
        scan.files(demo.dir(), skip)
                .files(report.dir(), skip)
                .files(esLogs)
                .files(target.resolve("surefire-reports"))
                .files(target.resolve("failsafe-reports"))
                .text("report command output (HTML)", report.htmlOutput())
                .text("report command output (PDF)", report.pdfOutput())
                .text("report.pdf text layer", report.pdfText())
                .elasticsearch(SharedElasticsearch.node().url(), "jira-access-*");
        System.out.println("secret leak scan: " + scan.summary() + "; secrets: " + demo.secrets().size()
                + " the demo credentials reference, " + demo.everySecret().size() + " in all with the unreferenced ones, "
                + "those the workload obtained and the admin API token, " + installationKeys.size() + " installation keys");

        assertEquals(List.of(), scan.hits(), scan.summary());

        // --- the scan looked for what the run created ---
        int runs = runConfigs.size();
        assertTrue(runs >= 1, "daemon runs of the demo data: " + runs);
        assertTrue(demo.everySecret().size() >= demo.secrets().size() + 5 + 4,
                "secrets: the world's " + demo.secrets().size() + ", with the unreferenced ones and those the workload "
                        + "obtained (rotated PATs, OAuth tokens) " + demo.everySecret().size());
        for (Path config : runConfigs) {
            assertTrue(keyFiles.contains(config.resolveSibling("state").resolve(InstallationKey.FILE_NAME)),
                    "the daemon of " + config.getParent().getFileName() + " created its installation key");
        }
        // every PAT and API token the simulator ever held (seeded, minted by rotation) is among them
        Set<String> hashes = secrets.stream().map(Secrets::hash).collect(Collectors.toSet());
        long rotations = demo.summary().count("credential.rotated");
        assertThat(rotations).isGreaterThanOrEqualTo(3);
        assertThat(demo.simulator().tokens()).hasSizeGreaterThanOrEqualTo(6 + (int) rotations)
                .allSatisfy(t -> assertTrue(hashes.contains(t.tokenHash()), "the PAT " + t.name() + " is looked for"));
        assertThat(demo.simulator().apiTokens()).hasSize(5)
                .allSatisfy(t -> assertTrue(hashes.contains(t.tokenHash()), "the API token " + t.label() + " is looked for"));
        assertThat(scan.secretCount()).isGreaterThan(25);
        assertThat(scan.formCount()).isGreaterThanOrEqualTo(scan.secretCount() * 4);

        // --- the scan read what the run left: it cannot pass by reading nothing ---
        assertTrue(demo.console().isRecording(), "the console log still receives System.out and System.err");
        Set<Path> scanned = Set.copyOf(scan.filesScanned());
        Path consoleLog = demo.console().file();
        assertTrue(scanned.contains(consoleLog), "the console log is scanned");
        String console = Files.readString(consoleLog);
        assertThat(console).as("the console log holds the daemon's log").contains("[INFO]").contains("DaemonApplication");
        List<Path> spool = SpoolFiles.list(demo.spool());
        assertThat(spool).hasSizeGreaterThan(50);
        assertThat(scanned).containsAll(spool.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        try (Stream<Path> runSpools = Files.list(demo.dir()).filter(p -> p.getFileName().toString().startsWith("run-"))) {
            for (Path run : runSpools.toList()) {
                assertThat(scanned).as("the spool copy and state of " + run.getFileName())
                        .anyMatch(p -> p.startsWith(run.resolve("spool")))
                        .anyMatch(p -> p.startsWith(run.resolve("state")));
            }
        }
        assertThat(scanned).contains(report.html(), report.pdf());
        assertThat(scanned).anyMatch(p -> p.startsWith(esLogs));
        assertThat(scan.filesScanned()).hasSizeGreaterThan(2 * spool.size());

        // every document of every jira-access index, as many as each index holds
        Map<String, Long> docs = scan.documentsScanned();
        for (Map.Entry<String, Long> e : docs.entrySet()) {
            assertEquals(count(e.getKey()), e.getValue(), "documents scanned in " + e.getKey());
        }
        long events = docs.entrySet().stream().filter(e -> e.getKey().startsWith(DataContract.EVENTS_INDEX_PREFIX))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(count(DataContract.EVENTS_ALIAS), events, "every event behind the alias");
        assertTrue(events > demo.summary().total(), "events scanned " + events + ", the workload wrote "
                + demo.summary().total() + " and the Jira sources added more");
        assertThat(docs.getOrDefault(DataContract.CREDENTIALS_INDEX, 0L)).isPositive();

        // --- only the named rules skipped files, only secret-holding inputs, and each does hold a secret ---
        Map<String, Set<String>> skippedByRule = new TreeMap<>();
        scan.excluded().forEach(x -> skippedByRule.computeIfAbsent(x.rule().equals(INSTALLATION_KEY_RULE) ? "key" : "input",
                k -> new TreeSet<>()).add(x.file().getFileName().toString()));
        assertEquals(Map.of("input", Set.of("admin-pat", "admin-token"), "key", Set.of(InstallationKey.FILE_NAME)),
                skippedByRule);
        assertEquals(2 * runs + keyFiles.size(), scan.excluded().size(),
                "admin-pat and admin-token of each run, and the installation keys");
        for (LeakScan.Exclusion x : scan.excluded()) {
            LeakScan input = LeakScan.builder().secrets(secrets).build().files(x.file());
            assertThat(input.hits()).as("a skipped file holds a secret of the run: " + x).isNotEmpty();
        }
    }

    @Test
    void theScanFindsASecretPlantedInAnElasticsearchDocumentInEachForm() throws Exception {
        String secret = "Le\"ak\\s/e c+r\u0001et?>~~?>9";
        String user = "ci-bot@example.com";
        String index = "leakscan-selftest";
        URI es = SharedElasticsearch.node().url();
        send("DELETE", es, "/" + index + "?ignore_unavailable=true", null);
        try {
            byte[] prefixed = ("x" + secret + "tail").getBytes(StandardCharsets.UTF_8);
            Map<String, String> planted = new TreeMap<>(Map.of(
                    "literal", secret,
                    "base64", Base64.getEncoder().encodeToString(prefixed),
                    "base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(("xx" + secret).getBytes(StandardCharsets.UTF_8)),
                    "percent", "https://jira.example.com/login?password=" + URLEncoder.encode(secret, StandardCharsets.UTF_8),
                    "basic", "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)),
                    "clean", "nothing secret here"));
            for (Map.Entry<String, String> e : planted.entrySet()) {
                send("PUT", es, "/" + index + "/_doc/" + e.getKey() + "?refresh=true",
                        JSON.writeValueAsString(Map.of("event", Map.of("reason", e.getValue()))));
            }

            LeakScan scan = LeakScan.builder().secret("an-unrelated-secret-0c9d").basic(user, secret).build()
                    .elasticsearch(es, index);

            assertEquals(Map.of(index, 6L), scan.documentsScanned());
            Map<String, Set<String>> kinds = new TreeMap<>();
            scan.hits().forEach(h -> kinds.computeIfAbsent(h.location(), k -> new TreeSet<>()).add(h.kind()));
            String at = "elasticsearch " + index + "/";
            assertEquals(Set.of(at + "base64", at + "base64url", at + "basic", at + "literal", at + "percent"),
                    kinds.keySet(), "every planted document, the clean one not");
            // the _source holds the secret JSON-escaped; its decoded strings hold it literally
            assertThat(kinds.get(at + "literal")).contains("json", "literal");
            assertThat(kinds.get(at + "base64")).contains("base64-offset-1");
            assertThat(kinds.get(at + "base64url")).contains("base64url-offset-2");
            assertThat(kinds.get(at + "percent")).contains("percent");
            assertThat(kinds.get(at + "basic")).contains("basic");
            assertThat(scan.hits().toString()).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } finally {
            send("DELETE", es, "/" + index + "?ignore_unavailable=true", null);
        }
    }

    /** The compliance report of the demo data, as ComplianceReportIT writes it, in HTML and in PDF. */
    private static Report writeReports(DemoData demo, Path dir) throws Exception {
        List<LocalDate> days = new ArrayList<>();
        for (Path f : SpoolFiles.list(demo.spool())) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    days.add(LocalDate.ofInstant(AuditEvent.fromJson(line).timestamp(), ZoneOffset.UTC));
                }
            }
        }
        String from = days.stream().min(LocalDate::compareTo).orElseThrow().toString();
        String to = days.stream().max(LocalDate::compareTo).orElseThrow().toString();
        SharedElasticsearch.deleteTree(dir);
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("daemon.yaml"), """
                elasticsearch: { url: "%s" }
                state: { dir: state }
                policy: { warnBeforeExpiryDays: 14, maxAgeDays: 90 }
                """.formatted(SharedElasticsearch.node().url()));
        Path html = dir.resolve("report.html");
        Path pdf = dir.resolve("report.pdf");
        String htmlOutput = report(config, from, to, html, "html");
        String pdfOutput = report(config, from, to, pdf, "pdf");
        String pdfText;
        try (PDDocument d = Loader.loadPDF(Files.readAllBytes(pdf))) {
            pdfText = new PDFTextStripper().getText(d);
        }
        assertThat(pdfText).contains("Credential compliance report");
        assertThat(Files.readString(html)).contains("Credential compliance report");
        return new Report(dir, html.toAbsolutePath().normalize(), pdf.toAbsolutePath().normalize(), htmlOutput,
                pdfOutput, pdfText);
    }

    private static String report(Path config, String from, String to, Path out, String format) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = DaemonCli.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true), "report", "--config",
                config.toString(), "--from", from, "--to", to, "--out", out.toString(), "--format", format);
        assertEquals(0, code, stdout + "\n" + stderr);
        return stdout + "\n" + stderr;
    }

    private record Report(Path dir, Path html, Path pdf, String htmlOutput, String pdfOutput, String pdfText) {
    }

    private static List<Path> find(Path root, String name) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().equals(name)).sorted().collect(Collectors.toList());
        }
    }

    private static long count(String index) throws Exception {
        SharedElasticsearch.refresh();
        return JSON.readTree(send("GET", SharedElasticsearch.node().url(), "/" + index + "/_count", null))
                .path("count").asLong();
    }

    private static String send(String method, URI es, String path, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(es.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() / 100 == 2 || answer.statusCode() == 404, method + " " + path + " answered "
                + answer.statusCode());
        return answer.body();
    }
}
