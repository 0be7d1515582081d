package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.PolicyViolationException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.auth.AuthHeader;
import io.jiraaccess.core.credential.CredentialKind;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.RequestGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * Prints the {@code Authorization} header value for a credential, for tools that make their own requests
 * ({@code curl -H "Authorization: $(jira-access header ...)"}). Printing the secret is this command's job.
 */
@Command(name = "header", mixinStandardHelpOptions = true, description = "Print the Authorization header value (e.g. 'Bearer ...') for a credential.")
final class HeaderCommand implements Callable<Integer> {
    @ParentCommand
    JiraAccessCli parent;

    @Mixin
    CredentialOptions credential;

    @Option(names = "--method", paramLabel = "M", defaultValue = "GET", description = "HTTP method of the request (default: GET).")
    String method;

    @Option(names = "--url", paramLabel = "U",
            description = "Path and query relative to the site, or an absolute URL on an allowed host. A Connect JWT is bound to it.")
    String url;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        CredentialSpec spec = credential.spec(io);
        if (url == null && spec.kind() == CredentialKind.CONNECT_JWT) {
            throw new ConfigurationException("credential " + spec.id() + ": a Connect JWT is bound to one request; "
                    + "give --method and --url");
        }
        JiraRequest request = JiraRequest.of(method, url == null ? "/" : url, null);
        URI target = request.target(spec);
        RequestGuard guard = new RequestGuard(spec);
        if (url != null) {
            guard.check(request.method(), target, null);
        } else {
            RequestGuard.Decision host = guard.decideHost(request.method(), target);
            if (!host.allowed()) {
                throw new PolicyViolationException(host.rule(), host.message());
            }
        }
        AuthContext ctx = credential.context(io, EventSink.NONE);
        AuthHeader header = credential.authenticator(spec, ctx).authorize(request.method(), target);
        io.out().println(header.value());
        return 0;
    }
}
