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
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Core's objects for this controller: the installation key and fingerprinter, the event journal, the last-use
 * ledger, all under {@code JENKINS_HOME/jira-access}, and per credentials store (system, each folder) a context with
 * its own credential store and token broker, so credentials with the same id in two folders never share state or
 * tokens. It belongs to the running Jenkins ({@link PerOwner}): a Jenkins started again in the same JVM gets a new
 * runtime over its own {@code JENKINS_HOME}, never the closed journal of the previous one. {@link Wiring} supplies
 * the parts reached through a seam.
 */
public final class JiraAccessRuntime {
    /** System property overriding {@code service.name}, which prefixes every journal event id. */
    public static final String SERVICE_NAME_PROPERTY = JiraAccessRuntime.class.getName() + ".serviceName";
    /** System property setting the journal's size cap in MiB (0 for none); default {@link #DEFAULT_JOURNAL_CAP_MIB}. */
    public static final String JOURNAL_CAP_PROPERTY = JiraAccessRuntime.class.getName() + ".journalMaxMiB";
    public static final long DEFAULT_JOURNAL_CAP_MIB = EventJournal.DEFAULT_MAX_RETAINED_BYTES / (1024 * 1024);

    private static final PerOwner<Jenkins, JiraAccessRuntime> HOLDER = new PerOwner<>(
            j -> new JiraAccessRuntime(j.getRootDir().toPath().resolve("jira-access")), JiraAccessRuntime::close);

    private static final Logger LOG = Logger.getLogger(JiraAccessRuntime.class.getName());

    private final Path dir;
    private final String serviceName;
    private final Clock clock;
    private final Fingerprinter fingerprinter;
    private final EventJournal journal;
    private final ConcurrentHashMap<String, AuthContext> contexts = new ConcurrentHashMap<>();
    private final LastUseLedger lastUse;
    private final JiraGateway gateway;
    private final CredentialRenewer renewer;

    private JiraAccessRuntime(Path dir) {
        this.dir = dir;
        this.serviceName = resolveServiceName();
        this.clock = Clock.systemUTC();
        this.fingerprinter = new Fingerprinter(InstallationKey.loadOrCreate(dir));
        this.journal = EventJournal.builder(dir.resolve("journal"), serviceName)
                .maxRetainedBytes(journalCapMiB() * 1024 * 1024).open();
        this.lastUse = new LastUseLedger(dir.resolve("last-use.properties"), Duration.ofMinutes(5));
        this.gateway = Wiring.gateway();
        this.renewer = Wiring.renewer();
    }

    /** The runtime of the running Jenkins. */
    public static JiraAccessRuntime get() {
        return HOLDER.get(Jenkins.get());
    }

    private static long journalCapMiB() {
        String configured = System.getProperty(JOURNAL_CAP_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_JOURNAL_CAP_MIB;
        }
        try {
            long mib = Long.parseLong(configured.trim());
            if (mib >= 0) {
                return mib;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warning("-D" + JOURNAL_CAP_PROPERTY + "=" + configured + " is not a whole number of MiB (0 for no cap); "
                + "using " + DEFAULT_JOURNAL_CAP_MIB);
        return DEFAULT_JOURNAL_CAP_MIB;
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

    /** On shutdown: write out the events still queued (the journal fsyncs in batches) and forget this runtime. */
    @Terminator
    public static void shutdown() {
        HOLDER.close();
    }

    private void close() {
        journal.close();
    }

    /**
     * The context for a credential where it is stored: that store's credential store and token broker (tokens are
     * cached per store, keyed by site and id), the journal.
     */
    public AuthContext context(JiraCredentialsLocator.Located where) {
        return contexts.computeIfAbsent(where.context(), c -> new AuthContext(new JenkinsCredentialStore(c),
                new TokenBroker(TokenBroker.Settings.DEFAULT, clock, null), journal, fingerprinter, clock, serviceName));
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
