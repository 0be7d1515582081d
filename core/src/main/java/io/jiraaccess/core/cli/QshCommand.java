package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.connect.Qsh;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Prints the Connect query string hash of a request: for checking what a Connect app or Jira computes. */
@Command(name = "qsh", mixinStandardHelpOptions = true,
        description = "Print the Atlassian Connect query string hash (qsh) of a request.")
final class QshCommand implements Callable<Integer> {
    @ParentCommand
    JiraAccessCli parent;

    @Option(names = "--method", required = true, paramLabel = "M", description = "HTTP method, e.g. GET.")
    String method;

    @Option(names = "--url", required = true, paramLabel = "PATH_AND_QUERY",
            description = "Path and query as sent, e.g. '/rest/api/3/search?jql=project%%20%%3D%%20OPS', or an absolute URL.")
    String url;

    @Option(names = "--context-path", paramLabel = "PATH", defaultValue = "",
            description = "The site's context path, left out of the hash (e.g. /jira); default none.")
    String contextPath;

    @Override
    public Integer call() {
        String hex;
        try {
            hex = Qsh.qsh(method, url, contextPath);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--url: " + e.getMessage());
        }
        parent.io().out().println(hex);
        return 0;
    }
}
