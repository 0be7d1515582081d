package io.jiraaccess.bench.ingest;

import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A daemon configuration for a bench: Elasticsearch at a URL, the spool directory and one Jenkins journal source,
 * each on its own Quartz schedule, everything else at the defaults {@code run} uses. The Jenkins API token and the
 * admin token are read from files ({@code ${file:}}), as an operator would configure them.
 */
public final class DaemonSetup {
    public static final String JENKINS_USER = "bench-reader";
    public static final String JENKINS_NAME = "bench";

    private final Path dir;
    private final Path config;
    private final String jenkinsToken;
    private final int adminPort;

    private DaemonSetup(Path dir, Path config, String jenkinsToken, int adminPort) {
        this.dir = dir;
        this.config = config;
        this.jenkinsToken = jenkinsToken;
        this.adminPort = adminPort;
    }

    /**
     * Writes {@code dir/daemon.yaml}; the spool is {@code dir/spool}, the state {@code dir/state}.
     *
     * @param jenkinsToken the API token the journal endpoint expects
     * @param spoolCron   Quartz schedule of the spool source
     * @param journalCron Quartz schedule of the Jenkins journal source
     */
    public static DaemonSetup write(Path dir, URI elasticsearch, URI journal, String jenkinsToken, String spoolCron,
                                    String journalCron) {
        try {
            Files.createDirectories(dir);
            Path tokenFile = Files.writeString(dir.resolve("jenkins-token"), jenkinsToken + "\n");
            Path adminFile = Files.writeString(dir.resolve("admin-token"), "bench-admin-" + Long.toHexString(System.nanoTime()) + "\n");
            int adminPort = freePort();
            String yaml = """
                    elasticsearch: { url: "%s" }
                    state: { dir: "%s" }
                    spool: { dir: "%s", poll: "%s" }
                    admin: { listen: "127.0.0.1:%d", token: "${file:%s}" }
                    jenkins:
                      - { name: %s, url: "%s", user: %s, apiToken: "${file:%s}", poll: "%s" }
                    """.formatted(elasticsearch, dir.resolve("state"), dir.resolve("spool"), spoolCron, adminPort, adminFile,
                    JENKINS_NAME, journal, JENKINS_USER, tokenFile, journalCron);
            Path config = Files.writeString(dir.resolve("daemon.yaml"), yaml);
            return new DaemonSetup(dir, config, jenkinsToken, adminPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the daemon configuration in " + dir, e);
        }
    }

    /** A fresh Jenkins API token for the journal endpoint and the daemon's configuration. */
    public static String newJenkinsToken() {
        return "bench-jenkins-token-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    }

    public Path config() {
        return config;
    }

    public Path spoolDir() {
        return dir.resolve("spool");
    }

    public String jenkinsToken() {
        return jenkinsToken;
    }

    public int adminPort() {
        return adminPort;
    }

    /** Starts the daemon in this JVM with the options {@code run} uses. */
    public DaemonApplication startInProcess() throws Exception {
        DaemonConfig c = new DaemonConfigParser(SecretReferences.fromMap(Map.of())).parse(config);
        return DaemonApplication.start(c, new DaemonApplication.Options());
    }

    /** A Quartz schedule firing every {@code seconds} seconds (1 to 59). */
    public static String everySeconds(int seconds) {
        if (seconds < 1 || seconds > 59) {
            throw new IllegalArgumentException("a poll interval must be 1 to 59 seconds, not " + seconds);
        }
        return seconds == 1 ? "* * * * * ?" : "0/" + seconds + " * * * * ?";
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
