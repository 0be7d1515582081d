package io.jiraaccess.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Keycloak (the distribution the core build unpacks into {@code target/keycloak-<version>}, located by the
 * {@code keycloak.home} system property) for integration tests: one instance per test JVM, shared by every IT class,
 * started on a free loopback port in dev mode with an in-memory database, so every run starts clean, and stopped with
 * its whole process tree when the JVM exits. Realms, clients and users are created through the admin REST API.
 */
public final class KeycloakServer {
    /** How long Keycloak may take to start: its first start re-augments the Quarkus build, slow on a busy machine. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Event types recorded in every realm this helper creates. */
    public static final List<String> EVENT_TYPES = List.of("CLIENT_LOGIN", "CLIENT_LOGIN_ERROR", "REFRESH_TOKEN",
            "REFRESH_TOKEN_ERROR", "CODE_TO_TOKEN", "CODE_TO_TOKEN_ERROR", "LOGIN", "LOGIN_ERROR");

    private static KeycloakServer shared;

    private final Process process;
    private final URI base;
    private final Path log;
    private final String adminPassword;
    private final Path pidFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String adminToken;
    private Instant adminTokenUntil = Instant.MIN;

    private KeycloakServer(Process process, URI base, Path log, String adminPassword, Path pidFile) {
        this.process = process;
        this.pidFile = pidFile;
        this.base = base;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** The JVM's Keycloak, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static KeycloakServer start() {
        String homeProperty = System.getProperty("keycloak.home");
        if (homeProperty == null) {
            throw new IllegalStateException("system property keycloak.home is not set; run the integration tests "
                    + "through Maven (failsafe), which unpacks Keycloak into target/ and sets it");
        }
        Path home = Path.of(homeProperty).toAbsolutePath();
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " does not exist; the build unpacks Keycloak in the "
                    + "pre-integration-test phase (run ./mvnw verify, not the test phase alone)");
        }
        Path pidFile = home.resolveSibling("keycloak-it.pid");
        stopLeftover(pidFile, home);
        int port = freePort();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Path log = home.resolveSibling("keycloak-it.log");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--health-enabled=true", "--db=dev-mem")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KEYCLOAK_ADMIN", "admin");
        env.put("KEYCLOAK_ADMIN_PASSWORD", password);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + script, e);
        }
        writePid(pidFile, p.pid());
        KeycloakServer server = new KeycloakServer(p, URI.create("http://127.0.0.1:" + port), log, password, pidFile);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        server.awaitReady();
        return server;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        URI ready = base.resolve("/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting; see "
                        + log + "\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && JSON.readTree(r.body()).path("status").asText().equals("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + "; see " + log + "\n" + tail());
    }

    /** Stops Keycloak and everything it started (the build step of kc.sh runs a JVM of its own). */
    public synchronized void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the process's command line before anything is stopped
        }
    }

    /**
     * Stops a Keycloak that an earlier test JVM started from this home and could not stop (it was killed):
     * otherwise it would keep running, and keep its memory, forever.
     */
    private static void stopLeftover(Path pidFile, Path home) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                    .ifPresent(h -> {
                        List<ProcessHandle> tree = new ArrayList<>(h.descendants().toList());
                        tree.add(h);
                        tree.forEach(ProcessHandle::destroyForcibly);
                        tree.forEach(t -> t.onExit().join());
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // unreadable: nothing we can safely stop
        }
    }

    private static void writePid(Path pidFile, long pid) {
        try {
            Files.writeString(pidFile, Long.toString(pid));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + pidFile, e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public URI baseUri() {
        return base;
    }

    public URI tokenEndpoint(String realm) {
        return base.resolve("/realms/" + realm + "/protocol/openid-connect/token");
    }

    public URI authorizationEndpoint(String realm) {
        return base.resolve("/realms/" + realm + "/protocol/openid-connect/auth");
    }

    /**
     * Creates a realm with events recorded ({@link #EVENT_TYPES}); {@code settings} adds or overrides fields of the
     * realm representation, e.g. {@code revokeRefreshToken}, {@code refreshTokenMaxReuse}, {@code accessTokenLifespan}.
     */
    public void createRealm(String realm, Map<String, Object> settings) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("realm", realm);
        rep.put("enabled", true);
        rep.put("eventsEnabled", true);
        rep.put("enabledEventTypes", EVENT_TYPES);
        rep.putAll(settings);
        admin("POST", "/admin/realms", rep);
    }

    /**
     * Creates a client from its representation ({@code clientId}, {@code secret}, {@code publicClient},
     * {@code serviceAccountsEnabled}, {@code redirectUris}, ...) and returns its internal id.
     */
    public String createClient(String realm, Map<String, Object> representation) {
        return idFromLocation(adminResponse("POST", "/admin/realms/" + realm + "/clients", representation));
    }

    /** Creates a client scope that appears in the token's {@code scope}; returns its id. */
    public String createClientScope(String realm, String scopeName) {
        return idFromLocation(adminResponse("POST", "/admin/realms/" + realm + "/client-scopes", Map.of(
                "name", scopeName, "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "true"))));
    }

    /** Offers a client scope to the client as optional: granted when the client requests it with {@code scope}. */
    public void addOptionalScope(String realm, String clientInternalId, String scopeId) {
        admin("PUT", "/admin/realms/" + realm + "/clients/" + clientInternalId + "/optional-client-scopes/" + scopeId, null);
    }

    /** Creates a user with a permanent password and a complete profile (no required actions at login); returns its id. */
    public String createUser(String realm, String username, String password) {
        return idFromLocation(adminResponse("POST", "/admin/realms/" + realm + "/users", Map.of(
                "username", username, "enabled", true, "email", username + "@example.com", "emailVerified", true,
                "firstName", username, "lastName", "Tester",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
    }

    /** Ends every session of the user: their refresh tokens stop working, as after a revoked consent. */
    public void logoutUser(String realm, String userId) {
        admin("POST", "/admin/realms/" + realm + "/users/" + userId + "/logout", null);
    }

    /** The realm's recorded events for one client, newest first; {@code types} empty means all types. */
    public List<JsonNode> events(String realm, String clientId, String... types) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.add("client=" + enc(clientId)).add("max=10000");
        for (String t : types) {
            q.add("type=" + enc(t));
        }
        List<JsonNode> out = new ArrayList<>();
        admin("GET", "/admin/realms/" + realm + "/events" + q, null).forEach(out::add);
        return out;
    }

    public int countEvents(String realm, String clientId, String type) {
        return events(realm, clientId, type).size();
    }

    /** Posts a form to the realm's token endpoint and returns status and JSON body, for setting up and probing. */
    public TokenAnswer tokenRequest(String realm, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(tokenEndpoint(realm))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        return new TokenAnswer(r.statusCode(), readJson(r.body()));
    }

    /** A refresh token for a user by the password grant (the client needs {@code directAccessGrantsEnabled}). */
    public String passwordGrantRefreshToken(String realm, String clientId, String clientSecret, String user,
                                            String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("username", user);
        form.put("password", password);
        TokenAnswer a = tokenRequest(realm, form);
        if (a.status() != 200) {
            throw new IllegalStateException("password grant failed with " + a.status() + ": " + a.json().path("error"));
        }
        return a.json().path("refresh_token").asText();
    }

    /**
     * Plays the browser in an authorization code flow: opens {@code authorizeUrl} with a cookie-keeping client, fills
     * in Keycloak's login form and returns where Keycloak redirects to (the client's redirect URI with code and state).
     */
    public URI browserLogin(URI authorizeUrl, String user, String password) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = send(browser, HttpRequest.newBuilder(authorizeUrl).GET().build());
        Matcher form = Pattern
                .compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            throw new IllegalStateException("Keycloak did not show its login form (HTTP " + page.statusCode() + ")");
        }
        String action = form.group(1).replace("&amp;", "&");
        String body = "username=" + enc(user) + "&password=" + enc(password) + "&credentialId=";
        HttpResponse<String> answer = send(browser, HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("Keycloak did not accept the login (HTTP " + answer.statusCode() + ")");
        }
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    /** A token endpoint answer. */
    public record TokenAnswer(int status, JsonNode json) {
        public String error() {
            return json.path("error").asText(null);
        }
    }

    /** Calls the admin REST API and returns the JSON answer (an empty object when there is none). */
    public JsonNode admin(String method, String path, Object body) {
        return readJson(adminResponse(method, path, body).body());
    }

    private HttpResponse<String> adminResponse(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken());
        try {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = send(b.build());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return r;
    }

    private synchronized String adminToken() {
        if (Instant.now().isBefore(adminTokenUntil)) {
            return adminToken;
        }
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + enc(adminPassword);
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin login failed with " + r.statusCode());
        }
        JsonNode json = readJson(r.body());
        adminToken = json.path("access_token").asText();
        // renew well before expiry: the master realm's admin tokens live one minute
        adminTokenUntil = Instant.now().plusSeconds(Math.max(5, json.path("expires_in").asLong(60) - 20));
        return adminToken;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(http, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak request " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak answered with something that is not JSON", e);
        }
    }

    private static String idFromLocation(HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("Keycloak created something without saying where"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
