package io.jiraaccess.daemon.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretForms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leak scan can fail: a secret planted in each form it covers, in files and captured text, is reported at the
 * right place with the right kind, a clean tree reports nothing, and no report prints a secret. (The same for an
 * Elasticsearch document: {@code SecretLeakScanIT}.)
 */
class LeakScanTest {
    /** Every character JSON and percent-encoding escape: {@code "}, {@code \}, {@code /}, {@code +}, a space, a control char. */
    static final String SECRET = "Le\"ak\\s/e c+r\u0001et?>~~?>9";
    static final String USER = "ci-bot@example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Base64 of {@code prefixBytes} bytes, the secret and a suffix: the secret at alignment prefixBytes % 3. */
    static String embeddedBase64(int prefixBytes, Base64.Encoder encoder) {
        byte[] prefix = "0123456789".substring(0, prefixBytes).getBytes(StandardCharsets.UTF_8);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] suffix = " and more".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + secret.length + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(secret, 0, all, prefix.length, secret.length);
        System.arraycopy(suffix, 0, all, prefix.length + secret.length, suffix.length);
        return encoder.encodeToString(all);
    }

    /** What each planted file holds, by name, and the kind of form the scan must name for it. */
    static Map<String, String[]> planted() throws Exception {
        Map<String, String[]> p = new TreeMap<>();
        p.put("literal.log", new String[] {"literal", "2025-01-01 INFO token is " + SECRET + " (oops)\n"});
        p.put("b64-offset-0.txt", new String[] {"base64-offset-0", "blob=" + embeddedBase64(3, Base64.getEncoder())});
        p.put("b64-offset-1.txt", new String[] {"base64-offset-1", "blob=" + embeddedBase64(4, Base64.getEncoder())});
        p.put("b64-offset-2.txt", new String[] {"base64-offset-2", "blob=" + embeddedBase64(5, Base64.getEncoder())});
        p.put("nested/deeper/b64url-offset-0.txt", new String[] {"base64url-offset-0",
                embeddedBase64(6, Base64.getUrlEncoder().withoutPadding())});
        p.put("b64url-offset-1.txt", new String[] {"base64url-offset-1", embeddedBase64(1, Base64.getUrlEncoder())});
        p.put("b64url-offset-2.txt", new String[] {"base64url-offset-2",
                embeddedBase64(2, Base64.getUrlEncoder().withoutPadding())});
        p.put("percent.log", new String[] {"percent", "GET /login?user=x&password="
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "&next=%2F\n"});
        p.put("percent-20.log", new String[] {"percent-%20", "GET /p/"
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20") + " HTTP/1.1\n"});
        p.put("event.json", new String[] {"json", JSON.writeValueAsString(Map.of("detail", "secret: " + SECRET)) + "\n"});
        p.put("request.log", new String[] {"basic", "> Authorization: Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + SECRET).getBytes(StandardCharsets.UTF_8)) + "\n"});
        return p;
    }

    static LeakScan.Builder scanner() {
        return LeakScan.builder().secret("an-unrelated-secret-0c9d").basic(USER, SECRET);
    }

    @Test
    void theTestSecretHasEveryKindOfFormSoEachPlantedFileTestsOne() {
        Set<String> kinds = SecretForms.labelled(SECRET).stream().map(SecretForms.Form::kind).collect(Collectors.toSet());
        assertThat(kinds).contains("literal", "base64-offset-0", "base64-offset-1", "base64-offset-2",
                "base64url-offset-0", "base64url-offset-1", "base64url-offset-2", "percent", "percent-%20", "json");
    }

    @Test
    void aSecretPlantedInEachFormIsReportedInItsFileWithItsKind() throws Exception {
        Map<String, String[]> planted = planted();
        for (var e : planted.entrySet()) {
            Path f = dir.resolve("tree").resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue()[1]);
        }
        Files.writeString(dir.resolve("tree/clean.log"), "2025-01-01 INFO nothing to see: Basic ***, token ****\n");

        LeakScan scan = scanner().build().files(dir.resolve("tree"));

        assertEquals(planted.size() + 1, scan.filesScanned().size());
        Map<String, Set<String>> kindsByFile = new TreeMap<>();
        scan.hits().forEach(h -> kindsByFile.computeIfAbsent(h.location(), k -> new TreeSet<>()).add(h.kind()));
        // every planted file, and nothing else
        assertEquals(planted.keySet().stream().map(n -> "file tree/" + n).collect(Collectors.toCollection(TreeSet::new)),
                kindsByFile.keySet());
        for (var e : planted.entrySet()) {
            Set<String> kinds = kindsByFile.get("file tree/" + e.getKey());
            assertThat(kinds).as(e.getKey()).contains(e.getValue()[0]);
            if (!e.getKey().equals("request.log")) {
                // one form only: the scan tells the encodings apart
                assertEquals(Set.of(e.getValue()[0]), kinds, e.getKey());
            }
        }
        // the Basic header also holds the secret's own Base64 at the alignment user + ':' gives it
        assertThat(kindsByFile.get("file tree/request.log"))
                .contains("basic", "base64-offset-" + ((USER.length() + 1) % 3));
        assertTrue(scan.hits().stream().allMatch(h -> h.secret() == 2 && h.secretLength() == SECRET.length()));
        assertNoFormIn(scan.hits().toString() + scan.summary());
    }

    @Test
    void aCleanTreeReportsNothingButCountsWhatItRead() throws Exception {
        Files.createDirectories(dir.resolve("clean/sub"));
        Files.writeString(dir.resolve("clean/a.log"), "2025-01-01 INFO started, credential dc-ci-pat (fingerprint 4f2a)\n");
        Files.writeString(dir.resolve("clean/sub/b.json"), "{\"token\":\"****\",\"user\":\"" + USER + "\"}\n");
        Files.write(dir.resolve("clean/sub/c.bin"), new byte[] {0, (byte) 0xff, (byte) 0xfe, 1, 2, 3});

        LeakScan scan = scanner().build().files(dir.resolve("clean")).text("stdout", "Wrote report.html (HTML, 7 queries)\n");

        assertEquals(List.of(), scan.hits());
        assertEquals(3, scan.filesScanned().size());
        assertEquals(List.of("stdout"), scan.textsScanned());
        assertTrue(scan.bytesScanned() > 100, scan.summary());
    }

    @Test
    void aMissingRootScansNothing() {
        LeakScan scan = scanner().build().files(dir.resolve("absent"));
        assertEquals(List.of(), scan.filesScanned());
        assertEquals(List.of(), scan.hits());
    }

    @Test
    void capturedTextIsScannedToo() {
        LeakScan scan = scanner().build().text("stderr of the report command", "ERROR login failed for "
                + URLEncoder.encode(SECRET, StandardCharsets.UTF_8));
        assertEquals(List.of("text stderr of the report command: secret #2 (length " + SECRET.length() + ") as percent"),
                scan.hits().stream().map(Object::toString).toList());
    }

    @Test
    void aFileNamedAfterASecretIsAHitAndItsNameIsNotPrinted() throws Exception {
        String token = "tok3n-ABCDEF0123456789";
        Files.createDirectories(dir.resolve("named"));
        Files.writeString(dir.resolve("named/" + token + ".txt"), "harmless\n");

        LeakScan scan = LeakScan.builder().secret(token).build().files(dir.resolve("named"));

        assertEquals(1, scan.hits().size());
        assertThat(scan.hits().get(0).location()).endsWith("(name)").doesNotContain(token);
        assertThat(scan.hits().toString()).doesNotContain(token);
    }

    @Test
    void onlyTheExactFilesOfANamedRuleAreSkippedAndEachIsListed() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path secretFile = Files.writeString(run.resolve("admin-pat"), SECRET + "\n");
        Files.writeString(run.resolve("admin-pat.bak"), SECRET + "\n");
        Path yaml = Files.writeString(run.resolve("daemon.yaml"), "admin: { token: \"${file:admin-pat}\" }\n");

        LeakScan.Rule rule = LeakScan.Rule.secretInputsOf(yaml);
        LeakScan scan = scanner().build().files(run, rule);

        assertEquals(Set.of(secretFile.toAbsolutePath().normalize()), rule.files());
        assertEquals(List.of(new LeakScan.Exclusion(rule.name(), secretFile.toAbsolutePath().normalize())), scan.excluded());
        // the copy next to it is no input of the configuration: a leak
        assertEquals(List.of("file run/admin-pat.bak: secret #2 (length " + SECRET.length() + ") as literal"),
                scan.hits().stream().map(Object::toString).toList());
    }

    @Test
    void aScanWithoutSecretsIsRefusedRatherThanPassingVacuously() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> LeakScan.builder().secret("ab").build());
    }

    private static void assertNoFormIn(String printed) {
        for (String form : SecretForms.ofBasic(USER, SECRET)) {
            assertThat(printed).as("a report of the scan").doesNotContain(form);
        }
    }
}
