package io.jiraaccess.daemon.revoke;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.daemon.inventory.InventoryToken;

import java.util.Locale;

/**
 * Which tokens a bulk revocation takes: exactly one of
 * <ul>
 *   <li>{@code owner}: the owner's username, display name, email or account id (case-insensitive);</li>
 *   <li>{@code site}: the Jira site's base URL (a trailing slash and letter case do not matter);</li>
 *   <li>{@code credential}: a token's Jira id, its name, {@code <owner>/<name>} (its {@code jira_access.credential.id}
 *   in the credentials index), or the id of a Jira Access credential whose PATs rotation created
 *   ({@code jira-access-<id>} and {@code jira-access-<id>-rot...}, the default {@code rotation.tokenName});</li>
 *   <li>{@code all}: every active token of every configured site, only with {@code confirmAll}.</li>
 * </ul>
 * Revoked tokens never match.
 */
public record RevokeFilter(String owner, String site, String credential, boolean all) {
    public static final String CONFIRM_ALL_FLAG = "--confirm-all";

    /**
     * @throws ConfigurationException unless exactly one filter is given, and {@code all} is confirmed
     */
    public static RevokeFilter of(String owner, String site, String credential, boolean all, boolean confirmAll) {
        int given = (blank(owner) ? 0 : 1) + (blank(site) ? 0 : 1) + (blank(credential) ? 0 : 1) + (all ? 1 : 0);
        if (given != 1) {
            throw new ConfigurationException("name exactly one of --owner NAME, --site URL, --credential ID or --all "
                    + "(got " + given + ")");
        }
        if (all && !confirmAll) {
            throw new ConfigurationException("--all revokes every active token of every configured Jira site; run "
                    + "it with --dry-run first, then add " + CONFIRM_ALL_FLAG + " to do it");
        }
        return new RevokeFilter(blank(owner) ? null : owner.trim(), blank(site) ? null : site.trim(),
                blank(credential) ? null : credential.trim(), all);
    }

    public boolean matches(InventoryToken t) {
        if (InventoryToken.REVOKED.equals(t.status())) {
            return false;
        }
        if (all) {
            return true;
        }
        if (owner != null) {
            return equalsIgnoreCase(owner, t.ownerName()) || equalsIgnoreCase(owner, t.ownerId())
                    || equalsIgnoreCase(owner, t.ownerEmail());
        }
        if (site != null) {
            return normalize(site).equals(normalize(t.site()));
        }
        String name = t.name();
        String prefix = "jira-access-" + credential;
        return credential.equals(t.tokenId()) || credential.equals(name)
                || credential.equals(t.ownerName() + "/" + name)
                || name != null && (name.equals(prefix) || name.startsWith(prefix + "-rot"));
    }

    /** The filter as people read it. */
    public String describe() {
        return all ? "--all" : owner != null ? "--owner " + owner : site != null ? "--site " + site
                : "--credential " + credential;
    }

    private static String normalize(String url) {
        String s = url.trim().toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return b != null && a.equalsIgnoreCase(b);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
