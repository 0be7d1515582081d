package io.jiraaccess.core.cli;

import io.jiraaccess.core.JiraAccessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code jira-access}: Jira credentials for pipelines in any CI, and a tool for operators debugging a credential.
 * Exit codes: 0 ok, 2 usage or configuration, 3 authentication, 4 refused by policy, 5 Jira or network,
 * 1 an internal error. Errors are one line naming the credential and what to do; stack traces only with --debug.
 */
@Command(name = "jira-access", mixinStandardHelpOptions = true, versionProvider = JiraAccessCli.Version.class,
        description = "Short-lived, policy-guarded Jira credentials for CI pipelines.",
        subcommands = {QshCommand.class, JwtCommand.class, HeaderCommand.class, RequestCommand.class, OAuthCommand.class,
                RotateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:internal error (rerun with --debug)", "2:usage or configuration error",
                "3:authentication failure", "4:refused by the credential's allow policy", "5:Jira or network error"})
public final class JiraAccessCli implements java.util.concurrent.Callable<Integer> {
    public static final int INTERNAL_ERROR = 1;
    public static final int USAGE = 2;

    private final CliIo io;
    private boolean debug;

    JiraAccessCli(CliIo io) {
        this.io = io;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log every request and show stack traces (never secrets).")
    void setDebug(boolean debug) {
        this.debug = debug;
    }

    CliIo io() {
        return io;
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        io.err().println("jira-access: no command given");
        new CommandLine(new JiraAccessCli(io)).usage(io.err());
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(CliIo.system(), args));
    }

    /** Runs one command line and returns its exit code; nothing here calls {@code System.exit}. */
    public static int run(CliIo io, String... args) {
        JiraAccessCli top = new JiraAccessCli(io);
        CommandLine cmd = new CommandLine(top);
        // '--data @file' is ours: picocli must not expand @-arguments as argument files
        cmd.setExpandAtFiles(false);
        cmd.setOut(new PrintWriter(io.out(), true));
        cmd.setErr(new PrintWriter(io.err(), true));
        cmd.setParameterExceptionHandler((ex, badArgs) -> {
            io.err().println("jira-access: " + ex.getMessage());
            io.err().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> top.report(ex));
        Logger root = Logger.getLogger("io.jiraaccess");
        Level previousLevel = root.getLevel();
        boolean previousParents = root.getUseParentHandlers();
        Handler handler = top.logHandler();
        cmd.setExecutionStrategy(parseResult -> {
            // --debug is known only once the command line is parsed
            root.setLevel(top.debug ? Level.ALL : Level.WARNING);
            return new CommandLine.RunLast().execute(parseResult);
        });
        root.setUseParentHandlers(false);
        root.addHandler(handler);
        try {
            return cmd.execute(args);
        } finally {
            root.removeHandler(handler);
            root.setUseParentHandlers(previousParents);
            root.setLevel(previousLevel);
        }
    }

    private int report(Exception ex) {
        if (ex instanceof JiraAccessException e) {
            io.err().println("jira-access: " + e.getMessage());
            if (debug) {
                e.printStackTrace(io.err());
            }
            return e.failure().exitCode();
        }
        // a message we did not write might quote anything: the class name is enough without --debug
        io.err().println("jira-access: internal error (" + ex.getClass().getName() + "); rerun with --debug and report it");
        if (debug) {
            ex.printStackTrace(io.err());
        }
        return INTERNAL_ERROR;
    }

    /** Core logs through System.Logger (java.util.logging here): warnings always, everything with --debug. */
    private Handler logHandler() {
        Handler h = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                String level = r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "debug: ";
                io.err().println("jira-access: " + level + formatter.formatMessage(r));
                if (debug && r.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(w));
                    io.err().print(w);
                }
            }

            @Override
            public void flush() {
                io.err().flush();
            }

            @Override
            public void close() {
            }
        };
        h.setLevel(Level.ALL);
        return h;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JiraAccessCli.class.getPackage().getImplementationVersion();
            return new String[] {"jira-access " + (v == null ? "(development build)" : v)};
        }
    }
}
