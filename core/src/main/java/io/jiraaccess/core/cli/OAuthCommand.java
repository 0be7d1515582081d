package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.oauth.JdkHttpSender;
import io.jiraaccess.core.oauth.PkceAuthorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code oauth}: the OAuth 2.0 operations an operator runs by hand. */
@Command(name = "oauth", mixinStandardHelpOptions = true, description = "OAuth 2.0 operations on a credential.",
        subcommands = OAuthCommand.Authorize.class)
final class OAuthCommand implements Callable<Integer> {
    @ParentCommand
    JiraAccessCli parent;

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        parent.io().err().println("jira-access: oauth needs a subcommand");
        new picocli.CommandLine(this).usage(parent.io().err());
        return JiraAccessCli.USAGE;
    }

    /**
     * The one-time consent of an {@code oauth-refresh-token} credential: authorization code with PKCE and a loopback
     * redirect; the refresh token goes into the store, never to the terminal.
     */
    @Command(name = "authorize", mixinStandardHelpOptions = true,
            description = "Run the one-time consent (authorization code with PKCE, loopback redirect) and store the refresh token.")
    static final class Authorize implements Callable<Integer> {
        @ParentCommand
        OAuthCommand oauth;

        @Mixin
        CredentialOptions credential;

        @Option(names = "--port", paramLabel = "N", defaultValue = "0",
                description = "Loopback port of the redirect listener: the one registered with the OAuth app (Atlassian matches it exactly); 0 picks a free port.")
        int port;

        @Option(names = "--callback-path", paramLabel = "PATH", defaultValue = "/callback",
                description = "Path of the redirect URI (default: /callback).")
        String callbackPath;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
                description = "How long to wait for the browser to come back (default: 300).")
        int timeoutSeconds;

        @Override
        public Integer call() {
            CliIo io = oauth.parent.io();
            CredentialSpec spec = credential.spec(io);
            if (!(spec instanceof OAuthRefreshTokenSpec refresh)) {
                throw new ConfigurationException("credential " + spec.id() + " is of kind " + spec.kind().id()
                        + "; oauth authorize is for oauth-refresh-token credentials");
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
                throw new ConfigurationException("--timeout " + timeoutSeconds + " is out of range; give 1 to 3600 seconds");
            }
            AuthContext ctx = credential.context(io, EventSink.NONE);
            PkceAuthorization consent = new PkceAuthorization(refresh, ctx.store(), new JdkHttpSender(), ctx.clock(),
                    new PkceAuthorization.Settings(port, callbackPath, Duration.ofSeconds(timeoutSeconds)));
            PkceAuthorization.Result result = consent.authorize(url -> {
                io.err().println("Open this URL in a browser on this machine, sign in and approve:");
                io.err().println(url);
                io.err().flush();
            });
            io.out().println("credential " + result.credentialId() + ": authorized; the refresh token is stored in "
                    + credential.storeDir(io) + " (generation " + result.generation() + ")");
            return 0;
        }
    }
}
