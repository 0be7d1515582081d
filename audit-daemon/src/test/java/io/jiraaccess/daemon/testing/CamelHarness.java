package io.jiraaccess.daemon.testing;

import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.daemon.admin.AdminAuthorizer;
import io.jiraaccess.daemon.admin.AdminRevoke;
import io.jiraaccess.daemon.admin.AdminToken;
import io.jiraaccess.daemon.admin.DaemonStatus;
import io.jiraaccess.daemon.admin.HealthReport;
import io.jiraaccess.daemon.admin.MetricsReport;
import io.jiraaccess.daemon.camel.DaemonCamel;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.enforcement.Enforcer;
import io.jiraaccess.daemon.index.IndexRetention;
import io.jiraaccess.daemon.inventory.ManagedTokens;
import io.jiraaccess.daemon.revoke.BulkRevoker;
import io.jiraaccess.daemon.runner.SourceStatus;
import io.jiraaccess.daemon.spool.SpoolDrop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The daemon's real Camel wiring (packaged routes, templates, admin server) around beans a test chooses. */
public final class CamelHarness implements AutoCloseable {
    public static final String ADMIN_TOKEN = "route-test-admin-token-5f1e2d3c";

    public final int port = freePort();
    public final Map<String, Object> beans = new HashMap<>();
    public final Map<String, String> properties = new HashMap<>();
    private DaemonCamel camel;

    /** The admin and maintenance beans every route file needs, with no sources. */
    public CamelHarness(List<SourceStatus> statuses) {
        DaemonStatus status = new DaemonStatus(statuses, URI.create("http://127.0.0.1:9"), () -> true, () -> 3, () -> 1,
                Clock.systemUTC());
        beans.put("adminAuthorizer", new AdminAuthorizer(AdminToken.of(SecretValue.of(ADMIN_TOKEN))));
        beans.put("healthReport", new HealthReport(status));
        beans.put("metricsReport", new MetricsReport(status));
        beans.put("indexRetention", new IndexRetention(null, 30, Clock.systemUTC()));
        Path spool;
        try {
            spool = Files.createTempDirectory("harness-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedTokens managed = new ManagedTokens(ManagedTokens.DEFAULT_PREFIXES, Set::of);
        beans.put("enforcement", new Enforcer(new DaemonConfig.Policy(90, 14, 30, false, false, "0 0 * * * ?"),
                List.of(), managed, new SpoolDrop(spool, "enforcement", Clock.systemUTC()), Clock.systemUTC()));
        beans.put("adminRevoke", new AdminRevoke(new BulkRevoker(List.of(),
                new SpoolDrop(spool, "revocation", Clock.systemUTC()), Clock.systemUTC(), "admin-api")));
        properties.put("jira-access.retention.schedule", "0 0 3 * * ?");
        properties.put("jira-access.policy.schedule", "0 0 4 * * ?");
        properties.put("jira-access.errors.redeliveryDelay", "10");
    }

    public DaemonCamel start(List<DaemonCamel.SourceRoute> sources) throws Exception {
        camel = new DaemonCamel(beans, properties, sources, null, "127.0.0.1", port, null);
        camel.start();
        return camel;
    }

    public URI admin(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        if (camel != null) {
            camel.close();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
