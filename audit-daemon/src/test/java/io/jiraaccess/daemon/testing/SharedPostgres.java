package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.config.DaemonConfig;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server per test JVM (see {@link LocalPostgres}); each test takes a database of its own, so no test
 * sees another's Quartz tables.
 */
public final class SharedPostgres {
    public static final String PASSWORD = "cluster-db-Password-3f8a1d";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres server;

    private SharedPostgres() {
    }

    public static synchronized LocalPostgres server() {
        if (server == null) {
            server = LocalPostgres.start(Path.of("target/it-postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
        }
        return server;
    }

    /** A new database with its own owner, whose password is {@link #PASSWORD}; returns its name (also the user's). */
    public static String newDatabase() {
        String name = "cluster_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        server().createDatabase(name, name, PASSWORD);
        return name;
    }

    /** The cluster section of daemon {@code instance} on database {@code name}. */
    public static DaemonConfig.Cluster cluster(String instance, String name) {
        return new DaemonConfig.Cluster(instance, server().jdbcUrl(name), name, SecretValue.of(PASSWORD));
    }
}
