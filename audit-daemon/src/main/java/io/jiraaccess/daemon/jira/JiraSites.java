package io.jiraaccess.daemon.jira;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.inventory.CloudOrgInventory;
import io.jiraaccess.daemon.inventory.DcPatInventory;
import io.jiraaccess.daemon.inventory.TokenInventory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured Jira sites ({@code jira:}) with their clients: core's {@link JiraClient} with the site's
 * administrator credential (audit log, Data Center PATs), and for Cloud with an org the org admin API client (API
 * tokens). Shared by the sources, enforcement and bulk revocation.
 */
public final class JiraSites {
    /** {@code service.name} of the daemon's own Jira requests. */
    public static final String SERVICE = "jira-access-daemon";
    /** Three tries per request, 0.5 s doubling to 10 s between them: the source's own back-off handles outages. */
    public static final HttpSettings HTTP = HttpSettings.DEFAULT.withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(10));

    /** One site: its configuration, its audit calls, and its token inventory (null for Cloud without an org). */
    public record Site(DaemonConfig.JiraSource config, JiraCalls audit, TokenInventory inventory) {
        public String name() {
            return config.name();
        }
    }

    private final List<Site> sites;

    private JiraSites(List<Site> sites) {
        this.sites = List.copyOf(sites);
    }

    /**
     * @param http the retry and back-off settings; each site's {@code timeoutSeconds} bounds every answer
     */
    public static JiraSites open(List<DaemonConfig.JiraSource> config, Fingerprinter fingerprinter, HttpSettings http,
                                 Clock clock) {
        List<Site> out = new ArrayList<>();
        AuthContext ctx = new AuthContext(new InMemoryCredentialStore(), new TokenBroker(), EventSink.NONE,
                fingerprinter, clock, SERVICE);
        for (DaemonConfig.JiraSource j : config) {
            HttpSettings settings = http.withTimeouts(shorter(Duration.ofSeconds(10), j.timeout()), j.timeout());
            JiraClient client = JiraClient.builder(Authenticators.create(j.credential(), ctx)).serviceName(SERVICE)
                    .fingerprinter(fingerprinter).settings(settings).clock(clock).build();
            TokenInventory inventory = null;
            if (j.tokens() && j.flavor() == io.jiraaccess.core.credential.JiraFlavor.DATACENTER) {
                inventory = new DcPatInventory(client, clock);
            } else if (j.tokens()) {
                JiraClient admin = JiraClient.builder(new OrgAdminKey(j.name() + "-org-admin", j.adminApi(), j.orgAdminKey()))
                        .serviceName(SERVICE).settings(settings).clock(clock).build();
                String email = j.credential() instanceof io.jiraaccess.core.credential.ApiTokenSpec a ? a.email() : null;
                inventory = new CloudOrgInventory(admin, j.orgId(), j.site(), email);
            }
            out.add(new Site(j, new JiraCalls("Jira " + j.name() + " audit log", client, clock), inventory));
        }
        return new JiraSites(out);
    }

    public List<Site> sites() {
        return sites;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
