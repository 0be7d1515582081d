package io.jiraaccess.core.cli;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.auth.AuthContext;
import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.event.EventSink;
import io.jiraaccess.core.http.HttpSettings;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.http.JiraRequest;
import io.jiraaccess.core.http.JiraResponse;
import io.jiraaccess.core.journal.SpoolWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Sends one request through the guarded client and prints Jira's response body. */
@Command(name = "request", mixinStandardHelpOptions = true, description = "Send a guarded request to Jira with a credential and print the response body.")
final class RequestCommand implements Callable<Integer> {
    /** Larger than any JSON body Jira takes; a body is read no further than this (stdin, a FIFO, a device). */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    @ParentCommand
    JiraAccessCli parent;

    @Mixin
    CredentialOptions credential;

    @Option(names = "--method", paramLabel = "M", defaultValue = "GET", description = "HTTP method (default: GET).")
    String method;

    @Option(names = "--path", required = true, paramLabel = "P",
            description = "Path and percent-encoded query relative to the site, e.g. /rest/api/2/issue/ABC-1.")
    String path;

    @Option(names = "--data", paramLabel = "@FILE|JSON", description = "Request body: @FILE, @- for standard input, or inline JSON.")
    String data;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "4",
            description = "Tries per request on 429, 5xx (idempotent requests) and network errors (default: 4).")
    int maxAttempts;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Longest wait for each response (default: 60).")
    int timeoutSeconds;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "Write this run's audit events (token.used, policy.violation, ...) as NDJSON into DIR for the audit daemon.")
    Path spool;

    @Override
    public Integer call() {
        CliIo io = parent.io();
        CredentialSpec spec = credential.spec(io);
        String body = body(io);
        HttpSettings settings = settings();
        String serviceName = CredentialOptions.serviceName(io);
        SpoolWriter spoolWriter = spool == null ? null : SpoolWriter.builder(spool, serviceName).build();
        try {
            return send(io, spec, body, settings, spoolWriter == null ? EventSink.NONE : spoolWriter);
        } finally {
            if (spoolWriter != null) {
                closeSpool(io, spoolWriter);
            }
        }
    }

    private int send(CliIo io, CredentialSpec spec, String body, HttpSettings settings, EventSink events) {
        AuthContext ctx = credential.context(io, events);
        PipelineInfo p = PipelineInfo.from(io);
        JiraClient client = JiraClient.builder(credential.authenticator(spec, ctx))
                .events(ctx.events())
                .fingerprinter(ctx.fingerprinter())
                .serviceName(ctx.serviceName())
                .pipeline(p.job(), p.build(), p.url(), p.node())
                .settings(settings)
                .build();
        JiraRequest request = JiraRequest.of(method, path, body);
        JiraResponse response = client.send(request);
        if (!response.isSuccess()) {
            throw client.failure(request, response);
        }
        String out = response.body();
        io.out().print(out);
        if (!out.isEmpty() && !out.endsWith("\n")) {
            io.out().println();
        }
        io.out().flush();
        return 0;
    }

    /**
     * Writes the run's events. A spool failure is a warning beside the request's own outcome, not a failed step:
     * a successful request's effect happened, and a pipeline that retried it would repeat it.
     */
    private static void closeSpool(CliIo io, SpoolWriter spoolWriter) {
        try {
            spoolWriter.close();
        } catch (JiraAccessException e) {
            io.err().println("jira-access: warning: " + e.getMessage());
        }
    }

    private HttpSettings settings() {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new ConfigurationException("--max-attempts " + maxAttempts + " is out of range; give 1 to 20");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new ConfigurationException("--timeout " + timeoutSeconds + " is out of range; give 1 to 3600 seconds");
        }
        HttpSettings d = HttpSettings.DEFAULT;
        return d.withMaxAttempts(maxAttempts).withTimeouts(d.connectTimeout(), Duration.ofSeconds(timeoutSeconds));
    }

    private String body(CliIo io) {
        if (data == null) {
            return null;
        }
        if (data.equals("@-")) {
            try {
                return text(BoundedFiles.read(io.in(), MAX_BODY_BYTES), "--data @-: standard input");
            } catch (BoundedFiles.TooLarge e) {
                throw new ConfigurationException("--data @-: standard input holds more than " + MAX_BODY_BYTES
                        + " bytes, more than a Jira request body; pipe in the JSON body only");
            } catch (IOException e) {
                throw new ConfigurationException("--data @-: standard input cannot be read; pipe the request body in");
            }
        }
        if (data.startsWith("@")) {
            Path file = Path.of(data.substring(1));
            try {
                return text(BoundedFiles.read(file, MAX_BODY_BYTES), "--data: file " + file);
            } catch (BoundedFiles.TooLarge e) {
                throw new ConfigurationException("--data: file " + file + " is larger than " + MAX_BODY_BYTES
                        + " bytes, more than a Jira request body; check the path after '@'");
            } catch (NoSuchFileException e) {
                throw new ConfigurationException("--data: file " + file + " does not exist; check the path after '@'");
            } catch (IOException e) {
                throw new ConfigurationException("--data: file " + file + " cannot be read (" + e.getClass().getSimpleName()
                        + "); check its permissions");
            }
        }
        return data;
    }

    private static String text(byte[] bytes, String what) {
        try {
            return BoundedFiles.utf8(bytes);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(what + " is not UTF-8 text; send the JSON body as UTF-8");
        }
    }
}
