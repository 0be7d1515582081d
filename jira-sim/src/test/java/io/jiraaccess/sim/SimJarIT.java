package io.jiraaccess.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The executable jar as a user runs it: {@code java -jar jira-sim.jar --port 0 --seed demo}. */
class SimJarIT {

    @Test
    void jarStartsWithTheDemoWorldAndServesItsUsers() throws Exception {
        Path jar = Path.of(System.getProperty("jira.sim.jar", "target/jira-sim.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0", "--seed", "demo",
                "--host", "127.0.0.1").redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            String base = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                Matcher listening = Pattern.compile("jira-sim listening on (http://\\S+)").matcher(line);
                if (listening.find()) {
                    base = listening.group(1);
                    break;
                }
            }
            assertNotNull(base, "no readiness line in: " + lines);
            String bobToken = value(lines, "bob@example.com API token (Cloud):");
            String alicePassword = value(lines, "alice password (Data Center Basic):");
            String alicePat = value(lines, "alice PAT demo-rotation (Bearer):");

            SimHttp http = new SimHttp(base);
            assertEquals("Bob Builder", http.get("/rest/api/3/myself", SimHttp.basic("bob@example.com", bobToken))
                    .json().get("displayName").asText());
            assertEquals("alice", http.get("/rest/api/2/myself", SimHttp.basic("alice", alicePassword))
                    .json().get("name").asText());
            assertEquals(200, http.get("/rest/pat/latest/tokens", SimHttp.bearer(alicePat)).status());
            assertEquals(3, http.get("/rest/api/2/search?jql=project%20in%20(DEMO,OPS)", SimHttp.basic("alice", alicePassword))
                    .json().get("total").asInt());

            // secrets are printed only inside the demo-only block
            int start = lines.indexOf("---- DEMO ONLY: throwaway credentials of this simulator run, never real ones ----");
            int end = lines.indexOf("---- END DEMO ONLY ----");
            assertTrue(start >= 0 && end > start);
            List<String> outside = new ArrayList<>(lines.subList(0, start));
            outside.addAll(lines.subList(end + 1, lines.size()));
            Secrecy.assertAbsent(String.join("\n", outside), bobToken, alicePassword, alicePat);
            assertThat(String.join("\n", lines)).contains("jira-sim demo world:");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertTrue(!process.isAlive());
    }

    private static String value(List<String> lines, String label) {
        return lines.stream().filter(l -> l.trim().startsWith(label)).findFirst()
                .map(l -> l.trim().substring(label.length()).trim())
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in " + lines));
    }
}
