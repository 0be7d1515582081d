package io.jiraaccess.daemon.inventory;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which Jira tokens Jira Access manages, the rest being "unmanaged" for {@code policy.revokeUnmanaged}. A token is
 * managed when
 * <ol>
 *   <li>its name starts with one of the managed prefixes ({@code policy.managedPrefixes}, default
 *   {@code jira-access-}): rotation names every token it creates {@code <rotation.tokenName>-rot<time>-<hex>} and
 *   {@code rotation.tokenName} defaults to {@code jira-access-<credential id>}; or</li>
 *   <li>a Jira Access credential is known to hold it: a CI event ({@code credential.rotated} from a Jenkins journal or
 *   the spool) named it in {@code jira_access.credential.token_id} on the same site, as the credentials index
 *   records.</li>
 * </ol>
 * Everything else (a token a person created by hand, a legacy Cloud API token) is unmanaged: no credential store
 * of Jira Access holds it, so nothing rotates it.
 */
public final class ManagedTokens {
    public static final List<String> DEFAULT_PREFIXES = List.of("jira-access-");

    private final List<String> prefixes;
    private final Supplier<Set<String>> referenced;

    /** @param referenced keys ({@link InventoryToken#key}) of tokens CI credentials are known to hold */
    public ManagedTokens(List<String> prefixes, Supplier<Set<String>> referenced) {
        this.prefixes = List.copyOf(prefixes);
        this.referenced = referenced;
    }

    /** Judges a whole inventory at once: the referenced set is looked up once. */
    public Judge judge() {
        Set<String> held = referenced.get();
        return token -> byName(token) || held.contains(token.key());
    }

    private boolean byName(InventoryToken token) {
        if (token.name() == null) {
            return false;
        }
        for (String p : prefixes) {
            if (token.name().startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a token is managed. */
    @FunctionalInterface
    public interface Judge {
        boolean managed(InventoryToken token);
    }
}
