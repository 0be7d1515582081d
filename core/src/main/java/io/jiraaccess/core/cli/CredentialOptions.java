package io.jiraaccess.core.cli;

import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.Authenticator;
import io.jiraaccess.core.auth.Authenticators;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.CredentialSpecParser;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.store.FileCredentialStore;
import io.jiraaccess.core.token.TokenBroker;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code --credential FILE} and {@code --store DIR}, and what commands build from them. The store defaults to
 * {@code $JIRA_ACCESS_STORE}, else {@code ~/.jira-access/store}; the installation key for fingerprints lives there.
 */
final class CredentialOptions {
    static final String STORE_ENV = "JIRA_ACCESS_STORE";
    static final String SERVICE_ENV = "JIRA_ACCESS_SERVICE_NAME";

    @Option(names = "--credential", required = true, paramLabel = "FILE",
            description = "Credential file (YAML or JSON); secrets in it are ${env:NAME} or ${file:PATH}.")
    Path credential;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Credential store directory (rotated tokens, installation key). Default: $JIRA_ACCESS_STORE or ~/.jira-access/store.")
    Path store;

    CredentialSpec spec(CliIo io) {
        return new CredentialSpecParser(new SecretReferences(io.env()::get)).parse(credential);
    }

    Path storeDir(CliIo io) {
        if (store != null) {
            return store;
        }
        String env = io.env(STORE_ENV);
        if (env != null) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".jira-access", "store");
    }

    /** The context authenticators share; creates the store directory and the installation key on first use. */
    AuthContext context(CliIo io, EventSink events) {
        Path dir = storeDir(io);
        FileCredentialStore fileStore = new FileCredentialStore(dir);
        Fingerprinter fp = new Fingerprinter(InstallationKey.loadOrCreate(dir, io.env()::get));
        return new AuthContext(fileStore, new TokenBroker(), events, fp, Clock.systemUTC(), serviceName(io));
    }

    Authenticator authenticator(CredentialSpec spec, AuthContext ctx) {
        return Authenticators.create(spec, ctx);
    }

    static String serviceName(CliIo io) {
        String s = io.env(SERVICE_ENV);
        if (s != null) {
            return s;
        }
        try {
            return "jira-access-cli@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "jira-access-cli";
        }
    }
}
