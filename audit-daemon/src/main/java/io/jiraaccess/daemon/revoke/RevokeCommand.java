package io.jiraaccess.daemon.revoke;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.JiraAccessException;
import io.jiraaccess.core.event.Fingerprinter;
import io.jiraaccess.core.event.InstallationKey;
import io.jiraaccess.daemon.config.DaemonConfig;
import io.jiraaccess.daemon.config.DaemonConfigParser;
import io.jiraaccess.daemon.enforcement.Enforcer;
import io.jiraaccess.daemon.inventory.InventoryToken;
import io.jiraaccess.daemon.jira.JiraSites;
import io.jiraaccess.daemon.spool.SpoolDrop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code audit-daemon revoke --config FILE --owner NAME | --site URL | --credential ID | --all [--dry-run]}: bulk
 * revocation through the Jira API of every configured site, a line per token as it goes and a summary; each
 * revocation is written to the spool directory, where the daemon indexes it. Exit codes as the CLI's: 0 done
 * (also when nothing matched), 2 a usage or configuration mistake, 3 Jira refused the administrator credential,
 * 5 a revocation failed or a site's tokens could not be listed.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Revoke tokens through the Jira API of every configured site (Data Center PATs, Cloud API tokens of "
                + "the org), chosen by exactly one filter. Run with --dry-run first.",
                "--all also needs " + RevokeFilter.CONFIRM_ALL_FLAG + ", so that a typo cannot revoke everything."})
public final class RevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "the daemon's configuration (its jira: sites)")
    Path config;

    @Option(names = "--owner", paramLabel = "NAME", description = "tokens of this user (username, display name, email or account id)")
    String owner;

    @Option(names = "--site", paramLabel = "URL", description = "tokens of this Jira site (a jira[].credential.site)")
    String site;

    @Option(names = "--credential", paramLabel = "ID", description = "a token by its Jira id, its name, <owner>/<name>, or "
            + "the PATs of the Jira Access credential ID (named jira-access-ID, jira-access-ID-rot...)")
    String credential;

    @Option(names = "--all", description = "every active token of every configured site (needs " + RevokeFilter.CONFIRM_ALL_FLAG + ")")
    boolean all;

    @Option(names = RevokeFilter.CONFIRM_ALL_FLAG, description = "confirms --all")
    boolean confirmAll;

    @Option(names = "--dry-run", description = "list what would be revoked; change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RevokeFilter filter = RevokeFilter.of(owner, site, credential, all, confirmAll);
        DaemonConfig cfg = DaemonConfigParser.fromSystem().parse(config);
        if (cfg.jira().isEmpty()) {
            throw new ConfigurationException(config + ": has no jira: sites; add the sites whose tokens to revoke");
        }
        Clock clock = Clock.systemUTC();
        Fingerprinter fingerprinter = new Fingerprinter(InstallationKey.loadOrCreate(cfg.state().dir()));
        JiraSites sites = JiraSites.open(cfg.jira(), fingerprinter, JiraSites.HTTP, clock);
        List<Enforcer.Target> targets = new ArrayList<>();
        for (JiraSites.Site s : sites.sites()) {
            if (s.inventory() == null) {
                err.println("audit-daemon: jira " + s.name() + " has no orgId and orgAdminKey: its API tokens cannot "
                        + "be listed and are skipped");
            } else {
                targets.add(new Enforcer.Target(s.name(), s.inventory()));
            }
        }
        BulkRevoker revoker = new BulkRevoker(targets, new SpoolDrop(cfg.spool().dir(), "revocation", clock), clock, "cli");
        BulkRevoker.Report report = revoker.revoke(filter, dryRun, line -> {
            out.println(line(line));
            out.flush();
        });
        for (String unreadable : report.unreadableSites()) {
            err.println("audit-daemon: " + unreadable);
        }
        out.println(summary(report, filter, cfg));
        out.flush();
        if (report.count(BulkRevoker.Outcome.FAILED) > 0 || !report.unreadableSites().isEmpty()) {
            return report.authFailure() ? JiraAccessException.Failure.AUTHENTICATION.exitCode()
                    : JiraAccessException.Failure.JIRA.exitCode();
        }
        return 0;
    }

    static String line(BulkRevoker.Line l) {
        InventoryToken t = l.token();
        return String.format("%-13s %-16s %-9s %-38s %-32s owner %s%s", l.outcome().label(), l.site(), t.kind(),
                t.tokenId(), "'" + t.name() + "'", t.ownerName(), l.detail() == null ? "" : ": " + l.detail());
    }

    static String summary(BulkRevoker.Report r, RevokeFilter filter, DaemonConfig cfg) {
        if (r.dryRun()) {
            return "dry run (" + filter.describe() + "): " + r.count(BulkRevoker.Outcome.WOULD_REVOKE)
                    + " token(s) would be revoked; nothing was changed";
        }
        return filter.describe() + ": " + r.count(BulkRevoker.Outcome.REVOKED) + " revoked, "
                + r.count(BulkRevoker.Outcome.ALREADY_GONE) + " already gone, " + r.count(BulkRevoker.Outcome.FAILED)
                + " failed" + (r.unreadableSites().isEmpty() ? "" : ", " + r.unreadableSites().size()
                + " site(s) not listed") + "; credential.revoked events are in " + cfg.spool().dir();
    }
}
