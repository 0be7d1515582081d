package io.jiraaccess.core.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Atlassian's npm {@code atlassian-jwt} (installed by the Maven build with {@code npm ci} in
 * {@code src/test/node}) once over a whole batch of requests: see {@code interop.js}.
 */
final class AtlassianJwtReference {
    static final Path NODE_DIR = Path.of("src/test/node");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request for the reference; {@code ourToken} may be null. */
    record Case(String method, String url, String site, String ourToken) {
    }

    /** What the reference said about one case; {@code error} is set when it could not canonicalize it. */
    record Answer(String canonical, String qsh, String token, String verdictOnOurToken, String error) {
    }

    record Batch(String nodeVersion, String libraryVersion, List<Answer> answers) {
    }

    private AtlassianJwtReference() {
    }

    static Batch run(String appKey, String secret, long now, List<Case> cases) throws IOException, InterruptedException {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/atlassian-jwt"))) {
            throw new IllegalStateException("atlassian-jwt is not installed: run `npm ci` in core/src/test/node "
                    + "(the Maven build does this in generate-test-resources)");
        }
        ObjectNode input = JSON.createObjectNode().put("appKey", appKey).put("secret", secret).put("now", now);
        ArrayNode list = input.putArray("cases");
        for (Case c : cases) {
            list.addObject().put("method", c.method()).put("url", c.url()).put("baseUrl", c.site()).put("token", c.ourToken());
        }
        Process node;
        try {
            node = new ProcessBuilder("node", "interop.js")
                    .directory(NODE_DIR.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Node.js 20 is needed for the atlassian-jwt interop tests: install nodejs", e);
        }
        try (OutputStream stdin = node.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        byte[] output = node.getInputStream().readAllBytes();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException("node interop.js did not finish within 60 s");
        }
        if (node.exitValue() != 0) {
            throw new IllegalStateException("node interop.js failed with exit code " + node.exitValue());
        }
        JsonNode result = JSON.readTree(output);
        List<Answer> answers = new ArrayList<>();
        for (JsonNode r : result.get("results")) {
            answers.add(new Answer(text(r, "canonical"), text(r, "qsh"), text(r, "token"), text(r, "ours"), text(r, "error")));
        }
        return new Batch(result.get("node").asText(), result.get("library").asText(), answers);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
