package io.jiraaccess.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the cluster tests: the machine's own binaries ({@code /usr/lib/postgresql/<version>/bin},
 * the newest; {@code .ci/run} installs Debian's {@code postgresql} where they are missing), a data directory made by
 * {@code initdb} under {@code target/}, listening on 127.0.0.1 only (no Unix socket) on a free port. PostgreSQL refuses
 * to run as root, so when this JVM is root it runs as {@code nobody} through {@code setpriv}, with the parent-death
 * signal, like {@code LocalElasticsearch}. Ready when a connection succeeds. {@link #stop()} and {@link #start()} take
 * it away and bring it back on the same port and data, mid-test. Also used by {@code ClusterBench} (benchmarks), through
 * this module's test jar.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String superPassword;
    private Process process;

    private LocalPostgres(Path dir) {
        this.bin = binaries();
        this.dir = dir.toAbsolutePath().normalize();
        this.port = freePort();
        this.superPassword = "pg-super-" + Long.toHexString(System.nanoTime());
    }

    /** Creates a fresh data directory in {@code dir} (anything there is deleted) and starts the server. */
    public static LocalPostgres start(Path dir) {
        LocalPostgres pg = new LocalPostgres(dir);
        pg.initdb();
        pg.start();
        return pg;
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>} */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server on the existing data directory and waits until it accepts a connection. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> cmd = asUnprivileged(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                // a test server: nothing to keep across a power loss, and less disk work on a shared machine
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "shared_buffers=32MB", "-c", "max_connections=200");
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.get(0), e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection c = superConnection("postgres")) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("PostgreSQL did not accept connections on port " + port
                            + " (exit " + (process.isAlive() ? "none" : process.exitValue()) + "); see " + dir.resolve("postgres.log"), e);
                }
                process.onExit().completeOnTimeout(process, 200, TimeUnit.MILLISECONDS).join();
            }
        }
    }

    /** Stops the server the fast way (SIGINT: sessions are cut, nothing is lost) and waits until it has exited. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).inheritIO().start().waitFor();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** Creates a login role with a password and a database it owns. */
    public void createDatabase(String database, String user, String password) {
        try (Connection c = superConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** A superuser connection, for tests that look into a database. */
    public Connection superConnection(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("password", superPassword);
        p.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    @Override
    public void close() {
        stop();
    }

    private void initdb() {
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            Path pwfile = dir.resolve("superuser-password");
            Files.writeString(pwfile, superPassword + "\n", StandardCharsets.UTF_8);
            Files.createDirectories(dir.resolve("data"));
            if (runsAsRoot()) {
                chownTree(dir);
            }
            Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwx------"));
            List<String> cmd = asUnprivileged(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("initdb.log").toFile())).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("initdb failed; see " + dir.resolve("initdb.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> asUnprivileged(String... command) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            cmd.add("/usr/bin/setpriv");
            if (runsAsRoot()) {
                cmd.addAll(List.of("--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups"));
            }
            cmd.addAll(List.of("--pdeathsig", "KILL"));
        } else if (runsAsRoot()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root and /usr/bin/setpriv is missing");
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with a server. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql; install it: "
                    + "apt-get install postgresql (.ci/run does)", e);
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chownTree(Path root) throws IOException {
        var lookup = root.getFileSystem().getUserPrincipalLookupService();
        var user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
        var group = lookup.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setOwner(p, user);
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For messages. */
    public URI address() {
        return URI.create("postgresql://127.0.0.1:" + port);
    }
}
