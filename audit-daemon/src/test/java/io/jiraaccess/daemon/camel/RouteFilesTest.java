package io.jiraaccess.daemon.camel;

import io.jiraaccess.daemon.testing.CamelHarness;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build-time check of camel-routes: every packaged route file parses, every route starts, every bean a route
 * calls exists with that method, and routes use only components the daemon jar ships.
 */
class RouteFilesTest {
    /** Components in the daemon's runtime (compile) scope; test scope adds more, which routes must not rely on. */
    private static final Set<String> SHIPPED_SCHEMES = Set.of("quartz", "quartz-local", "platform-http");

    private final CamelHarness harness = new CamelHarness(List.of());

    /** A plain bean like the source runners: Camel calls poll(). */
    public static final class Poller {
        public void poll() {
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private CamelContext startWithSources() throws Exception {
        harness.beans.put("source-spool", new Poller());
        harness.beans.put("source-jenkins-ci-main", new Poller());
        return harness.start(List.of(new DaemonCamel.SourceRoute("spool", "0 0 0 1 1 ? 2099", true),
                new DaemonCamel.SourceRoute("jenkins-ci-main", "0 0 0 1 1 ? 2099"))).context();
    }

    @Test
    void everyPackagedRouteFileIsFoundAndEveryRouteStarts() throws Exception {
        CamelContext ctx = startWithSources();
        Collection<Resource> files = PluginHelper.getPackageScanResourceResolver(ctx).findResources(DaemonCamel.PACKAGED_ROUTES);
        Set<String> names = new TreeSet<>();
        files.forEach(r -> names.add(r.getLocation().replaceAll(".*/", "")));
        assertEquals(Set.of("admin.camel.yaml", "errors.camel.yaml", "maintenance.camel.yaml", "sources.camel.yaml"), names);

        Set<String> routeIds = new TreeSet<>();
        ctx.getRoutes().forEach(r -> routeIds.add(r.getRouteId()));
        assertEquals(new TreeSet<>(List.of("admin-health", "admin-metrics", "admin-revoke", "enforcement", "retention",
                "source-spool", "source-jenkins-ci-main")), routeIds);
        for (String id : routeIds) {
            assertTrue(ctx.getRouteController().getRouteStatus(id).isStarted(), id + " started");
        }
    }

    @Test
    void everyBeanARouteCallsExistsWithThatMethod() throws Exception {
        CamelContext ctx = startWithSources();
        List<String> checked = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) ctx).getRouteDefinitions()) {
            Map<String, Object> params = route.getTemplateParameters() == null ? Map.of() : route.getTemplateParameters();
            for (BeanDefinition b : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), BeanDefinition.class)) {
                String ref = b.getRef();
                for (Map.Entry<String, Object> p : params.entrySet()) {
                    ref = ref.replace("{{" + p.getKey() + "}}", String.valueOf(p.getValue()));
                }
                Object bean = ctx.getRegistry().lookupByName(ref);
                assertNotNull(bean, route.getRouteId() + " calls bean '" + ref + "', which is not registered");
                String method = b.getMethod().replaceAll("\\(.*", "");
                boolean found = Arrays.stream(bean.getClass().getMethods())
                        .anyMatch(m -> m.getName().equals(method) && Modifier.isPublic(m.getModifiers()));
                assertTrue(found, route.getRouteId() + " calls " + ref + "." + method + "(), which "
                        + bean.getClass().getName() + " does not have");
                assertThat(bean.getClass().getPackageName()).doesNotStartWith("org.apache.camel");
                for (Method m : bean.getClass().getMethods()) {
                    for (Class<?> t : m.getParameterTypes()) {
                        assertThat(t.getName()).as("bean parameters are plain types").doesNotStartWith("org.apache.camel");
                    }
                }
                checked.add(route.getRouteId() + ":" + ref + "." + method);
            }
        }
        assertEquals(List.of("admin-health:adminAuthorizer.authorize", "admin-health:healthReport.json",
                "admin-metrics:adminAuthorizer.authorize", "admin-metrics:metricsReport.text",
                "admin-revoke:adminAuthorizer.authorize", "admin-revoke:adminRevoke.revoke", "enforcement:enforcement.run",
                "retention:indexRetention.run", "source-jenkins-ci-main:source-jenkins-ci-main.poll",
                "source-spool:source-spool.poll"), checked.stream().sorted().toList());
    }

    @Test
    void routesUseOnlyComponentsTheDaemonJarShips() throws Exception {
        CamelContext ctx = startWithSources();
        Set<String> schemes = new TreeSet<>();
        for (Endpoint e : ctx.getEndpoints()) {
            schemes.add(e.getEndpointUri().replaceAll(":.*", ""));
        }
        assertThat(SHIPPED_SCHEMES).containsAll(schemes);
        assertEquals(SHIPPED_SCHEMES, schemes);
    }

    @Test
    void routesComeFromRoutesDirWhenOneIsConfigured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (String name : List.of("admin", "errors", "maintenance", "sources")) {
            try (var in = getClass().getResourceAsStream("/camel/" + name + ".camel.yaml")) {
                String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                // an operator's change: the retention route renamed
                java.nio.file.Files.writeString(dir.resolve(name + ".camel.yaml"), yaml.replace("id: retention", "id: housekeeping"));
            }
        }
        DaemonCamel camel = new DaemonCamel(harness.beans, harness.properties, List.of(), dir, "127.0.0.1",
                CamelHarness.freePort(), null);
        try {
            camel.start();
            Set<String> ids = new TreeSet<>();
            camel.context().getRoutes().forEach(r -> ids.add(r.getRouteId()));
            assertEquals(new TreeSet<>(List.of("admin-health", "admin-metrics", "admin-revoke", "enforcement",
                    "housekeeping")), ids);
        } finally {
            camel.close();
        }
    }

    @Test
    void everyAdminRouteAuthorizesBeforeAnythingElse() throws Exception {
        CamelContext ctx = startWithSources();
        int adminRoutes = 0;
        for (RouteDefinition route : ((ModelCamelContext) ctx).getRouteDefinitions()) {
            if (!route.getInput().getEndpointUri().startsWith("platform-http:")) {
                continue;
            }
            adminRoutes++;
            // the route configuration's onException clauses are merged into the outputs; skip them
            ProcessorDefinition<?> first = route.getOutputs().stream()
                    .filter(o -> !(o instanceof OnExceptionDefinition)).findFirst().orElseThrow();
            assertTrue(first instanceof BeanDefinition b && b.getRef().equals("adminAuthorizer")
                    && b.getMethod().startsWith("authorize("), route.getRouteId() + " must start with adminAuthorizer.authorize");
            assertEquals("admin-errors", route.getRouteConfigurationId());
        }
        assertEquals(3, adminRoutes);
    }
}
