package io.jenkins.plugins.jiraaccess.runtime;

import hudson.init.Terminator;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.binding.JiraGateway;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.core.inventory.LastUseLedger;
import io.jiraaccess.core.journal.EventJournal;
import io.jiraaccess.core.store.InMemoryCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import io.jiraaccess.core.upkeep.CredentialRenewer;
import jenkins.model.Jenkins;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Core's objects for this controller, made once: the installation key and fingerprinter, the token broker, the
 * credential store over Jenkins credentials, the event journal and the last-use ledger, all under
 * {@code JENKINS_HOME/jira-access}. {@link Wiring} supplies the parts reached through a seam.
 */
public final class JiraAccessRuntime {
    /** System property overriding {@code service.name}, which prefixes every journal event id. */
    public static final String SERVICE_NAME_PROPERTY = JiraAccessRuntime.class.getName() + ".serviceName";

    private static volatile JiraAccessRuntime instance;

    private final Path dir;
    private final String serviceName;
    private final Clock clock;
    private final Fingerprinter fingerprinter;
    private final EventJournal journal;
    private final AuthContext context;
    private final LastUseLedger lastUse;
    private final JiraGateway gateway;
    private final CredentialRenewer renewer;

    private JiraAccessRuntime(Path dir) {
        this.dir = dir;
        this.serviceName = resolveServiceName();
        this.clock = Clock.systemUTC();
        this.fingerprinter = new Fingerprinter(InstallationKey.loadOrCreate(dir));
        this.journal = EventJournal.open(dir.resolve("journal"), serviceName);
        this.context = new AuthContext(new JenkinsCredentialStore(),
                new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null), journal, fingerprinter, clock, serviceName);
        this.lastUse = new LastUseLedger(dir.resolve("last-use.properties"), Duration.ofMinutes(5));
        this.gateway = Wiring.gateway();
        this.renewer = Wiring.renewer();
    }

    public static JiraAccessRuntime get() {
        JiraAccessRuntime r = instance;
        if (r == null) {
            synchronized (JiraAccessRuntime.class) {
                r = instance;
                if (r == null) {
                    r = new JiraAccessRuntime(Jenkins.get().getRootDir().toPath().resolve("jira-access"));
                    instance = r;
                }
            }
        }
        return r;
    }

    public Path dir() {
        return dir;
    }

    public String serviceName() {
        return serviceName;
    }

    public Clock clock() {
        return clock;
    }

    public Fingerprinter fingerprinter() {
        return fingerprinter;
    }

    /** Core's event journal under {@code JENKINS_HOME/jira-access/journal}: every audit event of this controller. */
    public EventJournal journal() {
        return journal;
    }

    /** On shutdown: write out the events still queued (the journal fsyncs in batches). */
    @Terminator
    public static void shutdown() {
        JiraAccessRuntime r = instance;
        if (r != null) {
            r.journal.close();
        }
    }

    /** The context pipelines and the periodic work use: Jenkins credentials store, shared broker, the journal. */
    public AuthContext context() {
        return context;
    }

    /**
     * A context for a credential that is not saved (the form's "Test connection"): its state goes to memory and its
     * tokens to a throwaway broker, so nothing of it is cached or persisted; its events still go to the journal.
     */
    public AuthContext scratchContext() {
        return new AuthContext(new InMemoryCredentialStore(), new TokenBroker(), journal, fingerprinter, clock, serviceName);
    }

    public LastUseLedger lastUse() {
        return lastUse;
    }

    public JiraGateway gateway() {
        return gateway;
    }

    public CredentialRenewer renewer() {
        return renewer;
    }

    private static String resolveServiceName() {
        String configured = System.getProperty(SERVICE_NAME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String root = Jenkins.get().getRootUrl();
        if (root != null) {
            String host = URI.create(root).getHost();
            if (host != null) {
                return "jenkins@" + host;
            }
        }
        try {
            return "jenkins@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "jenkins";
        }
    }
}
