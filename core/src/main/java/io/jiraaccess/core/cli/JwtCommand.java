package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.connect.ConnectJwtAuthenticator;
import io.jiraaccess.core.credential.ConnectJwtSpec;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.RequestGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * Prints a Connect JWT for one request of a {@code connect-jwt} credential (the token only; {@code header} prints the
 * whole {@code JWT <token>} value). The request is checked against the credential's policy first. Printing the
 * token is this command's job.
 */
@Command(name = "jwt", mixinStandardHelpOptions = true,
        description = "Print an Atlassian Connect JWT bound to one request, for a connect-jwt credential.")
final class JwtCommand implements Callable<Integer> {
    @ParentCommand
    JiraAccessCli parent;

    @Mixin
    CredentialOptions credential;

    @Option(names = "--method", required = true, paramLabel = "M", description = "HTTP method of the request.")
    String method;

    @Option(names = "--url", required = true, paramLabel = "PATH_AND_QUERY",
            description = "Path and query relative to the site, as they will be sent (the JWT's qsh covers them).")
    String url;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        CredentialSpec spec = credential.spec(io);
        if (!(spec instanceof ConnectJwtSpec connect)) {
            throw new ConfigurationException("credential " + spec.id() + " is of kind " + spec.kind().id()
                    + "; jwt is for connect-jwt credentials (use header for the others)");
        }
        JiraRequest request = JiraRequest.of(method, url, null);
        URI target = request.target(spec);
        new RequestGuard(spec).check(request.method(), target, null);
        AuthHeader header = new ConnectJwtAuthenticator(connect, Clock.systemUTC()).authorize(request.method(), target);
        io.out().println(header.credentials().reveal());
        return 0;
    }
}
