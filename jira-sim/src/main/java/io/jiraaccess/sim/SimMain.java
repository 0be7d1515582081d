package io.jiraaccess.sim;

import io.jiraaccess.sim.seed.DemoSeed;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar jira-sim.jar --port 8089 [--seed demo] [--host 127.0.0.1]}. */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        String host = "127.0.0.1";
        Integer port = null;
        String seed = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            }
            if (i + 1 >= args.length) {
                err.println("jira-sim: " + arg + " needs a value.\n" + usage());
                return 2;
            }
            String value = args[++i];
            switch (arg) {
                case "--port":
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        err.println("jira-sim: --port must be a number from 0 to 65535, got '" + value + "'.");
                        return 2;
                    }
                    break;
                case "--host":
                    host = value;
                    break;
                case "--seed":
                    if (!value.equals("demo")) {
                        err.println("jira-sim: the only seed is 'demo', got '" + value + "'.");
                        return 2;
                    }
                    seed = value;
                    break;
                default:
                    err.println("jira-sim: unknown option " + arg + ".\n" + usage());
                    return 2;
            }
        }
        if (port == null) {
            err.println("jira-sim: --port is required.\n" + usage());
            return 2;
        }
        JiraSimulator sim = new JiraSimulator();
        try {
            sim.start(host, port);
        } catch (RuntimeException e) {
            err.println("jira-sim: " + e.getMessage());
            return 1;
        }
        if (seed != null) {
            DemoSeed.apply(sim, out);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.stop();
            stopped.countDown();
        }, "jira-sim-shutdown"));
        out.println("jira-sim listening on " + sim.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    private static String usage() {
        return "usage: java -jar jira-sim.jar --port PORT [--host 127.0.0.1] [--seed demo]";
    }
}
