package io.jiraaccess.daemon.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.daemon.cli.DaemonCli;
import io.jiraaccess.dashboards.DataContract;
import io.jiraaccess.dashboards.SavedObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code import-dashboards} against a stand-in for Kibana 8.x's import API that checks the request shape exactly. */
class ImportDashboardsCommandTest {
    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
    private static final String PASSWORD = "kibana-admin-pw-5f2c9e71";

    private final KibanaStandIn kibana = new KibanaStandIn();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        kibana.close();
    }

    private int run(String... args) {
        return DaemonCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String printed() {
        return out + "\n" + err;
    }

    private static void assertNoSecret(String text, Set<String> forms) {
        for (String f : forms) {
            assertThat(text).as("a printed form of a secret").doesNotContain(f);
        }
    }

    /** The request Kibana's import API expects, checked field by field. */
    private static void assertImportRequest(KibanaStandIn.Received r, String path, String authorization) {
        assertEquals("POST", r.method());
        assertEquals(path, r.rawPath());
        assertEquals("overwrite=true", r.rawQuery());
        assertEquals(List.of("true"), r.all("kbn-xsrf"));
        assertEquals(authorization == null ? List.of() : List.of(authorization), r.all("Authorization"));
        List<MultipartCheck.Part> parts = MultipartCheck.parts(r);
        assertEquals(1, parts.size());
        assertEquals(List.of("Content-Disposition: form-data; name=\"file\"; filename=\"jira-access-saved-objects.ndjson\"",
                "Content-Type: application/ndjson"), parts.get(0).headers());
        assertEquals(DataContract.allKibanaSavedObjects(), parts.get(0).content());
    }

    private static List<SavedObjects.SavedObject> contract() {
        return SavedObjects.fromContract().all();
    }

    @Test
    void importsEveryContractObjectInOneMultipartRequestWithAnApiKeyAndReportsEachOne() {
        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY);

        assertEquals(0, code, printed());
        assertEquals(1, kibana.received().size());
        assertImportRequest(kibana.received().get(0), "/api/saved_objects/_import", "ApiKey " + API_KEY);
        List<String> lines = out.toString().lines().toList();
        List<SavedObjects.SavedObject> objects = contract();
        assertEquals(objects.size() + 1, lines.size(), out.toString());
        for (int i = 0; i < objects.size(); i++) {
            SavedObjects.SavedObject o = objects.get(i);
            assertEquals(String.format("%-7s %s/%s \"%s\"", "ok", o.type(), o.id(), o.title()), lines.get(i));
        }
        assertEquals("Imported " + objects.size() + " saved objects into Kibana at " + kibana.url() + ".",
                lines.get(objects.size()));
        assertEquals("", err.toString());
        assertNoSecret(printed(), SecretForms.of(API_KEY));
    }

    @Test
    void importingAgainSaysEachObjectWasOverwritten() {
        assertEquals(0, run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY));
        out.getBuffer().setLength(0);

        assertEquals(0, run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY));

        List<String> lines = out.toString().lines().toList();
        SavedObjects.SavedObject first = contract().get(0);
        assertEquals(String.format("%-7s %s/%s \"%s\" (overwritten)", "ok", first.type(), first.id(), first.title()),
                lines.get(0));
        assertEquals(contract().size(), lines.stream().filter(l -> l.endsWith("(overwritten)")).count());
    }

    @Test
    void basicAuthAndASpaceUnderABasePathGoToTheSpacesImportEndpoint() {
        int code = run("import-dashboards", "--kibana-url", kibana.url() + "/kibana/", "--user", "elastic",
                "--password", PASSWORD, "--space", "security-team");

        assertEquals(0, code, printed());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("elastic:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertImportRequest(kibana.received().get(0), "/kibana/s/security-team/api/saved_objects/_import", basic);
        assertThat(out.toString()).endsWith("into Kibana at " + kibana.url() + "/kibana/ (space security-team).\n");
        assertNoSecret(printed(), SecretForms.ofBasic("elastic", PASSWORD));
    }

    @Test
    void aPasswordCanComeFromAFileReference(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kibana-password"), PASSWORD + "\n");

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--user", "elastic",
                "--password", "${file:" + file + "}");

        assertEquals(0, code, printed());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("elastic:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                kibana.received().get(0).header("Authorization"));
        assertNoSecret(printed(), SecretForms.ofBasic("elastic", PASSWORD));
    }

    @Test
    void partialErrorsAreReportedPerObjectAndTheCommandFails() {
        SavedObjects.SavedObject lens = contract().stream().filter(o -> o.type().equals("lens")).findFirst().orElseThrow();
        SavedObjects.SavedObject dashboard = contract().stream().filter(o -> o.type().equals("dashboard")).findFirst().orElseThrow();
        kibana.answer(r -> {
            JsonNode ok = read(kibana.importLikeKibana(r).body());
            ObjectNode body = KibanaStandIn.JSON.createObjectNode();
            ArrayNode results = body.putArray("successResults");
            ok.path("successResults").forEach(s -> {
                if (!s.path("id").asText().equals(lens.id()) && !s.path("id").asText().equals(dashboard.id())) {
                    results.add(s);
                }
            });
            body.put("successCount", results.size());
            body.put("success", false);
            body.putArray("warnings");
            ArrayNode errors = body.putArray("errors");
            ObjectNode e1 = errors.addObject().put("id", lens.id()).put("type", "lens").put("title", lens.title());
            e1.putObject("meta").put("title", lens.title()).put("icon", "lensApp");
            ObjectNode missing = e1.putObject("error").put("type", "missing_references");
            missing.putArray("references").addObject().put("type", "index-pattern").put("id", "jira-access-events");
            ObjectNode e2 = errors.addObject().put("id", dashboard.id()).put("type", "dashboard").put("title", dashboard.title());
            e2.putObject("meta").put("title", dashboard.title()).put("icon", "dashboardApp");
            e2.putObject("error").put("type", "unknown").put("message", "Internal Server Error").put("statusCode", 500);
            return KibanaStandIn.Answer.json(200, body.toString());
        });

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY);

        assertEquals(1, code);
        assertThat(out.toString()).contains(String.format("%-7s lens/%s \"%s\": missing_references (index-pattern/jira-access-events "
                + "not found in Kibana or in the file)", "FAILED", lens.id(), lens.title()));
        assertThat(out.toString()).contains(String.format("%-7s dashboard/%s \"%s\": unknown: Internal Server Error (status 500)",
                "FAILED", dashboard.id(), dashboard.title()));
        assertEquals(contract().size() - 2, out.toString().lines().filter(l -> l.startsWith("ok ")).count());
        assertEquals("audit-daemon: Kibana at " + kibana.url() + " did not import 2 of " + contract().size()
                + " saved objects (listed above as FAILED); imported " + (contract().size() - 2)
                + ". Fix the cause and run import-dashboards again: it overwrites what is there.\n", err.toString());
    }

    @Test
    void anObjectKibanaDoesNotMentionCountsAsNotImported() {
        kibana.answer(r -> KibanaStandIn.Answer.json(200, "{\"successCount\":0,\"success\":true,\"warnings\":[]}"));

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString());

        assertEquals(1, code);
        assertEquals(contract().size(), out.toString().lines()
                .filter(l -> l.endsWith(": Kibana reported neither success nor an error for this object")).count());
        assertNull(kibana.received().get(0).header("Authorization"));
    }

    @Test
    void refusedCredentialsExitWithTheAuthenticationCodeAndKibanasMessage() {
        kibana.answer(r -> new KibanaStandIn.Answer(401, "{\"statusCode\":401,\"error\":\"Unauthorized\",\"message\":"
                + "\"[security_exception\\n\\tRoot causes:\\n\\t\\tsecurity_exception: unable to authenticate with provided "
                + "credentials and anonymous access is not allowed for this request]: unable to authenticate with provided "
                + "credentials and anonymous access is not allowed for this request\"}",
                Map.of("Content-Type", "application/json; charset=utf-8", "WWW-Authenticate", "Basic realm=\"security\"")));

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--user", "elastic", "--password", PASSWORD);

        assertEquals(3, code);
        assertEquals("", out.toString());
        assertThat(err.toString()).startsWith("audit-daemon: Kibana at " + kibana.url()
                + " refused the credentials as user elastic (401 Unauthorized: [security_exception Root causes: "
                + "security_exception: unable to authenticate").endsWith("); check --api-key, or --user and --password\n");
        assertNoSecret(printed(), SecretForms.ofBasic("elastic", PASSWORD));
    }

    @Test
    void aBadRequestQuotesKibanasErrorAndFails() {
        kibana.answer(r -> KibanaStandIn.Answer.json(400, "{\"statusCode\":400,\"error\":\"Bad Request\","
                + "\"message\":\"Invalid file extension .txt\"}"));

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY);

        assertEquals(5, code);
        assertEquals("audit-daemon: Kibana at " + kibana.url() + " refused the import with status 400 "
                + "(400 Bad Request: Invalid file extension .txt)\n", err.toString());
        assertNoSecret(printed(), SecretForms.of(API_KEY));
    }

    @Test
    void anUnknownSpaceIsNamedInTheError() {
        kibana.answer(r -> KibanaStandIn.Answer.json(404, "{\"statusCode\":404,\"error\":\"Not Found\",\"message\":\"Not Found\"}"));

        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--space", "audit");

        assertEquals(5, code);
        assertThat(err.toString()).contains("has no saved objects import API at /s/audit/api/saved_objects/_import")
                .contains("and that space 'audit' exists");
    }

    @Test
    void aKibanaThatIsNotRunningIsAClearConnectionError() {
        int port = kibana.port();
        kibana.close();

        int code = run("import-dashboards", "--kibana-url", "http://127.0.0.1:" + port, "--api-key", API_KEY);

        assertEquals(5, code);
        assertThat(err.toString()).startsWith("audit-daemon: cannot connect to Kibana at http://127.0.0.1:" + port)
                .endsWith("check --kibana-url and that Kibana is running and reachable from here\n")
                .doesNotContain("Exception\n\tat ");
        assertNoSecret(printed(), SecretForms.of(API_KEY));
    }

    @Test
    void anApiKeyTogetherWithAUserIsAUsageErrorAndNothingIsSent() {
        int code = run("import-dashboards", "--kibana-url", kibana.url().toString(), "--api-key", API_KEY,
                "--user", "elastic", "--password", PASSWORD);

        assertEquals(2, code);
        assertThat(err.toString()).startsWith("Conflicting Kibana credentials: provide either --api-key or --user with "
                + "--password, not both.\n");
        assertEquals(List.of(), kibana.received());
        assertNoSecret(printed(), SecretForms.of(API_KEY));
        assertNoSecret(printed(), SecretForms.ofBasic("elastic", PASSWORD));
    }

    @Test
    void aUserWithoutAPasswordAndABadSpaceAreUsageErrors() {
        assertEquals(2, run("import-dashboards", "--kibana-url", kibana.url().toString(), "--user", "elastic"));
        assertThat(err.toString()).startsWith("--user needs --password (or use --api-key)");
        err.getBuffer().setLength(0);

        assertEquals(2, run("import-dashboards", "--kibana-url", kibana.url().toString(), "--space", "Security Team"));
        assertThat(err.toString()).startsWith("audit-daemon: --space 'Security Team' is not a Kibana space id");
        assertEquals(List.of(), kibana.received());
    }

    private static JsonNode read(String json) {
        try {
            return KibanaStandIn.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
