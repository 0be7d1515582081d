package io.jiraaccess.daemon.cli;

import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.daemon.DaemonApplication;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.demo.DemoCommand;
import io.jiraaccess.daemon.kibana.ImportDashboardsCommand;
import io.jiraaccess.daemon.report.ReportCommand;
import io.jiraaccess.daemon.revoke.RevokeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar audit-daemon.jar <command>}: the daemon's command line. */
@Command(name = "audit-daemon", mixinStandardHelpOptions = true, version = "Jira Access audit daemon 0.1.0",
        description = "Indexes Jira Access audit events into Elasticsearch.",
        subcommands = {DaemonCli.Run.class, RevokeCommand.class, DemoCommand.class, ImportDashboardsCommand.class,
                ReportCommand.class})
public final class DaemonCli implements Callable<Integer> {
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs one command line with the given output and error streams and returns its exit code (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** The command line with its error handling: a user mistake prints its message and the exit code, no stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new DaemonCli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof JiraAccessException j) {
                        // a user mistake: the message names the file, the key and the fix; no stack trace
                        cmd.getErr().println("audit-daemon: " + j.getMessage());
                        cmd.getErr().flush();
                        return j.failure().exitCode();
                    }
                    throw e;
                });
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** Runs until the process is told to stop (SIGTERM, Ctrl-C). */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the daemon. Without elasticsearch.url a local Elasticsearch is started and stopped with it.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: built-in defaults)")
        Path config;

        @Override
        public Integer call() throws Exception {
            DaemonConfigParser parser = DaemonConfigParser.fromSystem();
            DaemonConfig cfg = config == null ? parser.defaults() : parser.parse(config);
            DaemonApplication app = DaemonApplication.start(cfg, new DaemonApplication.Options());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                stopped.countDown();
            }, "audit-daemon-shutdown"));
            stopped.await();
            return 0;
        }
    }
}
