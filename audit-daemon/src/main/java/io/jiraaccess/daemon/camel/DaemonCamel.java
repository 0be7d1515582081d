package io.jiraaccess.daemon.camel;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.config.ConfigDocuments;
import io.jiraaccess.daemon.admin.AdminAuthorizer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Camel side of the daemon (with {@link QuartzSchedulers}, the only code that knows Camel): a Camel Main with the
 * YAML routes (packaged in {@code camel-routes} under {@code camel/}, or from {@code routes.dir}), the beans the routes
 * call (plain classes), one route per source made from the {@code source-poll} template (a host's own source from
 * {@code local-source-poll}, on the local scheduler: see {@link QuartzSchedulers}), and the embedded HTTP server for
 * the admin API, with the admin API's admission handler ({@link AdminGateHandler}) in front of its routes.
 */
public final class DaemonCamel implements AutoCloseable {
    /** The classpath location of the packaged routes. */
    public static final String PACKAGED_ROUTES = "classpath:camel/*.camel.yaml";
    public static final String SOURCE_TEMPLATE = "source-poll";
    public static final String LOCAL_SOURCE_TEMPLATE = "local-source-poll";

    /**
     * A source route: the source id (its runner bean is {@code source-<id>}), its Quartz cron, and whether the source
     * belongs to this host alone (its spool), scheduled on the local scheduler rather than the shared one.
     */
    public record SourceRoute(String sourceId, String cron, boolean hostLocal) {
        /** A source every daemon of a cluster shares. */
        public SourceRoute(String sourceId, String cron) {
            this(sourceId, cron, false);
        }

        public String routeId() {
            return "source-" + sourceId;
        }

        public String beanName() {
            return "source-" + sourceId;
        }
    }

    private static final int MAX_ROUTE_FILE_BYTES = 1024 * 1024;

    private final Main main = new Main();
    private final Set<VertxPlatformHttpRouter> gated = ConcurrentHashMap.newKeySet();
    private final QuartzSchedulers quartz;

    /**
     * @param beans      the beans the routes refer to, by name
     * @param properties property placeholders the routes use (schedules, error-handling settings)
     * @param sources    the source routes to create from the template
     * @param routesDir  a directory of {@code *.camel.yaml} replacing the packaged routes, or null
     * @param adminHost  where the admin API listens
     * @param adminPort  its port
     * @param quartz     the shared and local schedulers; null: a daemon alone with the packaged Quartz properties
     */
    public DaemonCamel(Map<String, Object> beans, Map<String, String> properties, List<SourceRoute> sources,
                       Path routesDir, String adminHost, int adminPort, QuartzSchedulers quartz) {
        if (routesDir != null) {
            checkRouteFiles(routesDir);
        }
        this.quartz = quartz != null ? quartz : QuartzSchedulers.standalone(null);
        main.configure()
                .withName("jira-access-daemon")
                .withRoutesIncludePattern(routesDir == null ? PACKAGED_ROUTES
                        : "file:" + routesDir.toAbsolutePath() + "/*.camel.yaml")
                .withJmxEnabled(false)
                .withShutdownTimeout(15)
                .withRoutesReloadEnabled(false);
        // bodies without a declared length are cut at the largest any admin endpoint takes
        main.configure().httpServer().withEnabled(true).withHost(adminHost).withPort(adminPort).withPath("/")
                .withMaxBodySize(AdminAuthorizer.MAX_BODY);
        // the daemon owns the JVM's shutdown (stop sources, flush, stop Elasticsearch in order): no Camel hook
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        main.bind(QuartzSchedulers.SHARED, this.quartz.shared());
        main.bind(QuartzSchedulers.LOCAL, this.quartz.local());
        properties.forEach(main::addInitialProperty);
        beans.forEach(main::bind);
        AdminAuthorizer authorizer = beans.get("adminAuthorizer") instanceof AdminAuthorizer a ? a : null;
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                CamelContext ctx = m.getCamelContext();
                if (authorizer != null) {
                    // the HTTP server exists once services have started, before the routes (and their consumers) do
                    ctx.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
                        @Override
                        public void notify(CamelEvent event) {
                            gate(ctx, authorizer);
                        }

                        @Override
                        public boolean isEnabled(CamelEvent event) {
                            return event.getType() == CamelEvent.Type.RoutesStarting;
                        }
                    });
                }
                for (SourceRoute s : sources) {
                    TemplatedRouteBuilder.builder(ctx, s.hostLocal() ? LOCAL_SOURCE_TEMPLATE : SOURCE_TEMPLATE)
                            .routeId(s.routeId())
                            .parameter("sourceId", s.sourceId())
                            .parameter("cron", s.cron())
                            .add();
                }
            }
        });
    }

    /** Starts Camel: routes, Quartz triggers, the admin HTTP server. */
    public void start() throws Exception {
        main.start();
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw new IllegalStateException("Camel did not start; see the log above");
        }
        if (gated.isEmpty() && main.getCamelContext().getRegistry().findByType(AdminAuthorizer.class).size() == 1) {
            throw new IllegalStateException("the admin API's gate could not be put in front of its HTTP server");
        }
    }

    /**
     * An operator's route files are read by Camel's YAML parser, where a repeated key silently replaces the first;
     * core's configuration reader checks them first, so a repeated key is refused naming the file, key and lines.
     */
    private static void checkRouteFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList()) {
                ConfigDocuments.checkKeys(f.toString(), BoundedFiles.utf8(BoundedFiles.read(f, MAX_ROUTE_FILE_BYTES)));
            }
        } catch (BoundedFiles.TooLarge e) {
            throw new ConfigurationException(dir + ": a route file is larger than " + MAX_ROUTE_FILE_BYTES
                    + " bytes; routes.dir holds *.camel.yaml route files only");
        } catch (IOException e) {
            throw new ConfigurationException(dir + ": the route files cannot be read (" + e.getClass().getSimpleName()
                    + "); check routes.dir and its permissions");
        }
    }

    /** Puts {@link AdminGateHandler} first on every router of the embedded HTTP server, once. */
    private void gate(CamelContext ctx, AdminAuthorizer authorizer) {
        for (VertxPlatformHttpRouter router : ctx.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (gated.add(router)) {
                router.route().order(Integer.MIN_VALUE).handler(new AdminGateHandler(authorizer));
            }
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        quartz.standby();
        try {
            main.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with it
        }
    }
}
