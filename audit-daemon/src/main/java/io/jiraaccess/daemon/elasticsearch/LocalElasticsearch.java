package io.jiraaccess.daemon.elasticsearch;

import io.jiraaccess.core.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-node Elasticsearch on loopback, run as a child process from the distribution the build unpacked
 * ({@code integ-test-zip}): used by {@code run} without {@code elasticsearch.url}, by the tests and by the benchmarks.
 * Given seed hosts it is one node of a cluster on loopback instead (the cluster tests start three).
 * Security is off because it listens on 127.0.0.1 only. Elasticsearch refuses to run as root, so when this JVM is
 * root the node runs as {@code nobody} through {@code setpriv}; the node also gets the parent-death signal, so it does
 * not outlive this JVM even after a SIGKILL.
 */
public final class LocalElasticsearch implements AutoCloseable {
    public static final String HOME_PROPERTY = "jira-access.elasticsearch.home";
    public static final String HOME_ENV = "JIRA_ACCESS_ELASTICSEARCH_HOME";
    /** The version of the distribution the build unpacks; kept in step with the root POM. */
    public static final String VERSION = "8.19.21";

    private static final Logger LOG = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final String UNPRIVILEGED_USER = "nobody";
    /** In the run directory while the node runs: its URL, for other processes on the same state directory. */
    private static final String URL_FILE = "http.url";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final Path home;
    private final Path runDir;
    private final int heapMegabytes;
    private final Duration startTimeout;
    private final Path javaHome;
    private final int httpPort;
    private final int transportPort;
    private final String nodeName;
    private final String clusterName;
    private final List<String> seedHosts;
    private final List<String> initialMasterNodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /*
     * The parent-death signal fires when the thread that forked the child ends, not the process: start the node
     * from one long-lived thread so it dies with this JVM and not with whichever caller thread happened to start it.
     */
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "local-elasticsearch-launcher");
        t.setDaemon(true);
        return t;
    });
    private final Thread shutdownHook = new Thread(this::stopQuietly, "local-elasticsearch-shutdown");
    private Process process;
    private boolean closed;

    private LocalElasticsearch(Builder b) {
        this.home = b.home != null ? b.home : locateHome();
        this.runDir = b.runDir.toAbsolutePath().normalize();
        this.heapMegabytes = b.heapMegabytes;
        this.startTimeout = b.startTimeout;
        this.javaHome = b.javaHome != null ? b.javaHome : defaultJavaHome();
        this.httpPort = b.httpPort > 0 ? b.httpPort : freePort();
        this.transportPort = b.transportPort > 0 ? b.transportPort : freePort();
        this.nodeName = b.nodeName;
        this.clusterName = b.clusterName;
        this.seedHosts = List.copyOf(b.seedHosts);
        this.initialMasterNodes = List.copyOf(b.initialMasterNodes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public Path runDir() {
        return runDir;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the node (again, after {@link #stop()}: same data directory, same ports) and waits until it is ready. */
    public synchronized LocalElasticsearch start() {
        if (closed) {
            throw new IllegalStateException("this local Elasticsearch is closed");
        }
        if (isRunning()) {
            return this;
        }
        prepareDirectories();
        Instant began = Instant.now();
        process = launch();
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        LOG.info("Local Elasticsearch {} ready at {} after {} ms (data in {})", VERSION, url(),
                Duration.between(began, Instant.now()).toMillis(), runDir.resolve("data"));
        writeUrlFile();
        return this;
    }

    /**
     * The URL of a node another process (a running daemon) started on {@code runDir}, if it still answers as that
     * node: a second node cannot open the same data directory, so commands such as {@code report} use the running one.
     */
    public static Optional<URI> runningOn(Path runDir) {
        Path file = runDir.toAbsolutePath().normalize().resolve(URL_FILE);
        try {
            URI url = URI.create(Files.readString(file, StandardCharsets.UTF_8).strip());
            HttpRequest settings = HttpRequest.newBuilder(url.resolve("/_nodes/_local/settings?filter_path=nodes.*.settings.path.data"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(settings, HttpResponse.BodyHandlers.ofString());
            Path data = runDir.toAbsolutePath().normalize().resolve("data");
            // the port may have been reused by another node since: only this data directory's node counts
            boolean same = r.statusCode() == 200 && (names(r.body(), data) || names(r.body(), data.toRealPath()));
            return same ? Optional.of(url) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean names(String settingsJson, Path dataDir) {
        return settingsJson.contains("\"" + dataDir.toString().replace("\\", "\\\\") + "\"");
    }

    private void writeUrlFile() {
        try {
            Files.writeString(runDir.resolve(URL_FILE), url() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot record the local node's address in {} ({}); other commands will not find it", runDir, e.toString());
        }
    }

    /** Stops the node and keeps its data and ports, so {@link #start()} brings the same node back. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        try {
            Files.deleteIfExists(runDir.resolve(URL_FILE));
        } catch (IOException e) {
            // a stale file is harmless: runningOn checks that the node answers for this data directory
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy(); // SIGTERM: the launcher stops the server process gracefully
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("Local Elasticsearch did not stop within 30 s; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        for (ProcessHandle h : tree) {
            h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
        }
        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
    }

    /**
     * Kills the node with SIGKILL, as a crashed host would stop: no shutdown, nothing flushed. Its data and ports stay,
     * so {@link #start()} brings the same node back.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        for (ProcessHandle h : tree) {
            h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
        }
        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
    }

    /** Stops and starts the node on the same data directory and port. */
    public synchronized void restart() {
        stop();
        start();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        launcher.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping local Elasticsearch failed: {}", e.toString());
        }
    }

    private void prepareDirectories() {
        Path conf = runDir.resolve("config");
        try {
            Files.createDirectories(runDir.resolve("data"));
            Files.createDirectories(runDir.resolve("logs"));
            Files.createDirectories(runDir.resolve("tmp"));
            if (!Files.exists(conf.resolve("elasticsearch.yml"))) {
                copyTree(home.resolve("config"), conf);
            }
            if (runsAsRoot()) {
                requireTraversable(home, "the Elasticsearch distribution");
                requireTraversable(runDir, "the Elasticsearch run directory");
                chownTree(runDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDir + " for Elasticsearch", e);
        }
        ensureExecutable(home.resolve("bin"));
    }

    private Process launch() {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            cmd.add("/usr/bin/setpriv");
            if (runsAsRoot()) {
                cmd.add("--reuid=" + UNPRIVILEGED_USER);
                cmd.add("--regid=" + UNPRIVILEGED_GROUP);
                cmd.add("--clear-groups");
            }
            cmd.add("--pdeathsig");
            cmd.add("TERM");
        } else if (runsAsRoot()) {
            throw new IllegalStateException("Elasticsearch refuses to run as root and /usr/bin/setpriv is missing; "
                    + "install util-linux or set elasticsearch.url to a running Elasticsearch");
        }
        cmd.add(home.resolve("bin/elasticsearch").toString());
        settings().forEach((k, v) -> {
            cmd.add("-E");
            cmd.add(k + "=" + v);
        });
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(runDir.resolve("logs").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("logs/console.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = pb.environment();
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_PATH_CONF", runDir.resolve("config").toString());
        env.put("ES_TMPDIR", runDir.resolve("tmp").toString());
        env.put("ES_JAVA_OPTS", "-Xms" + heapMegabytes + "m -Xmx" + heapMegabytes + "m");
        env.remove("JAVA_HOME");
        env.remove("JAVA_TOOL_OPTIONS");
        Future<Process> started = launcher.submit(pb::start);
        try {
            Process p = started.get(30, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            return p;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + cmd.get(0) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("starting the Elasticsearch process took more than 30 s", e);
        }
    }

    private Map<String, String> settings() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("cluster.name", clusterName);
        s.put("node.name", nodeName);
        if (seedHosts.isEmpty()) {
            s.put("discovery.type", "single-node");
        } else {
            s.put("discovery.seed_hosts", String.join(",", seedHosts));
            s.put("cluster.initial_master_nodes", String.join(",", initialMasterNodes));
        }
        s.put("network.host", "127.0.0.1");
        s.put("http.port", String.valueOf(httpPort));
        s.put("transport.port", String.valueOf(transportPort));
        s.put("path.data", runDir.resolve("data").toString());
        s.put("path.logs", runDir.resolve("logs").toString());
        // loopback only, nothing crosses a network: no TLS, no users
        s.put("xpack.security.enabled", "false");
        // a nearly full disk must not turn the audit indices read-only under a developer's feet
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        return s;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(startTimeout);
        HttpRequest health = HttpRequest.newBuilder(url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Process p = process;
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with status " + p.exitValue()
                        + " before it was ready; its output ends with:\n" + consoleTail());
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
            // wait for the process to exit or 200 ms, whichever comes first
            p.onExit().completeOnTimeout(p, 200, TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException("Elasticsearch was not ready within " + startTimeout.toSeconds()
                + " s; its output ends with:\n" + consoleTail());
    }

    private String consoleTail() {
        Path log = runDir.resolve("logs/console.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no output in " + log + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path src : (Iterable<Path>) paths::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        }
    }

    private static void chownTree(Path root) throws IOException {
        var lookup = root.getFileSystem().getUserPrincipalLookupService();
        var user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
        var group = lookup.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setOwner(p, user);
                Files.getFileAttributeView(p, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    /** The unprivileged user must be able to reach {@code dir}: every ancestor needs the others' execute bit. */
    private static void requireTraversable(Path dir, String what) throws IOException {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                throw new ConfigurationException(what + " " + dir + " is below " + p + ", which user " + UNPRIVILEGED_USER
                        + " cannot enter (Elasticsearch refuses to run as root, so it runs as " + UNPRIVILEGED_USER
                        + "); move it elsewhere (e.g. state.dir under /var/lib) or chmod o+x " + p);
            }
        }
    }

    /** Archive unpacking may drop the executable bits of the launch scripts. */
    private static void ensureExecutable(Path bin) {
        try (var files = Files.list(bin)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.toString().endsWith(".bat") && !f.toString().endsWith(".exe") && !Files.isExecutable(f)) {
                    f.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bin, e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path defaultJavaHome() {
        String env = System.getenv("ES_JAVA_HOME");
        return Path.of(env != null && !env.isBlank() ? env : System.getProperty("java.home"));
    }

    /** Finds the unpacked distribution: system property, environment, or next to this code (target/elasticsearch). */
    public static Path locateHome() {
        String configured = System.getProperty(HOME_PROPERTY, System.getenv(HOME_ENV));
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else {
            try {
                Path code = Path.of(LocalElasticsearch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                // target/classes or target/audit-daemon.jar: the build unpacks into target/elasticsearch
                candidates.add(code.getParent().resolve("elasticsearch/elasticsearch-" + VERSION));
            } catch (Exception e) {
                // no code source (unusual class loader): rely on the working-directory guesses below
            }
            candidates.add(Path.of("audit-daemon/target/elasticsearch/elasticsearch-" + VERSION));
            candidates.add(Path.of("target/elasticsearch/elasticsearch-" + VERSION));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("bin/elasticsearch"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new ConfigurationException("no Elasticsearch distribution found (looked in " + candidates + "); build the "
                + "audit-daemon module (./mvnw -pl audit-daemon -am package), set " + HOME_ENV
                + ", or set elasticsearch.url to a running Elasticsearch");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** Options for a local node. */
    public static final class Builder {
        private Path home;
        private Path runDir;
        private int heapMegabytes = 512;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Path javaHome;
        private int httpPort;
        private int transportPort;
        private String nodeName = "local";
        private String clusterName = "jira-access-local";
        private List<String> seedHosts = List.of();
        private List<String> initialMasterNodes = List.of();

        private Builder() {
        }

        /** A fixed transport port (other nodes of a cluster find this one there); by default a free one. */
        public Builder transportPort(int port) {
            this.transportPort = port;
            return this;
        }

        /**
         * Makes this node one of a cluster on loopback: its name, the cluster's name, the transport addresses of the
         * nodes to discover ({@code 127.0.0.1:port}) and the names of the master-eligible nodes that form the cluster
         * the first time. Every node of the cluster must be started before any can be ready (a majority elects).
         */
        public Builder clusterNode(String nodeName, String clusterName, List<String> seedHosts,
                                   List<String> initialMasterNodes) {
            this.nodeName = nodeName;
            this.clusterName = clusterName;
            this.seedHosts = List.copyOf(seedHosts);
            this.initialMasterNodes = List.copyOf(initialMasterNodes);
            return this;
        }

        /** The unpacked distribution; by default found by {@link #locateHome()}. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Holds config (a copy), data, logs and tmp; reuse it to keep indices across runs. Required. */
        public Builder runDir(Path runDir) {
            this.runDir = runDir;
            return this;
        }

        public Builder heapMegabytes(int mb) {
            this.heapMegabytes = mb;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** A fixed HTTP port; by default a free one is chosen. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** Starts the node and waits until it answers {@code _cluster/health}. */
        public LocalElasticsearch start() {
            if (runDir == null) {
                throw new IllegalStateException("No run directory has been set: call runDir(Path) before start().");
            }
            if (heapMegabytes < 128) {
                throw new IllegalStateException("Elasticsearch needs at least 128 MB of heap; heapMegabytes is " + heapMegabytes);
            }
            return new LocalElasticsearch(this).start();
        }
    }
}
