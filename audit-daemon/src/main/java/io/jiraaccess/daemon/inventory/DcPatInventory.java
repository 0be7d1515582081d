package io.jiraaccess.daemon.inventory;

import io.jiraaccess.core.credential.JiraFlavor;
import io.jiraaccess.core.http.JiraClient;
import io.jiraaccess.core.jira.PatClient;
import io.jiraaccess.core.jira.PatInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Jira Data Center's personal access tokens of every user, through core's {@link PatClient}: the administrators'
 * search ({@code POST /rest/pat/latest/tokens/search}, all pages) and revocation
 * ({@code DELETE /rest/pat/latest/tokens/{id}}, which Jira allows an administrator for anyone's token). The search
 * lists live tokens only; a revoked token disappears from it. The client must act as a Jira administrator.
 */
public final class DcPatInventory implements TokenInventory {
    private final JiraClient client;
    private final PatClient pats;
    private final Clock clock;
    private volatile String caller;

    public DcPatInventory(JiraClient client, Clock clock) {
        this.client = client;
        this.pats = new PatClient(client);
        this.clock = clock;
    }

    @Override
    public String site() {
        return client.spec().common().siteBase();
    }

    @Override
    public String source() {
        return InventoryToken.DC_PAT;
    }

    @Override
    public List<InventoryToken> list() {
        Instant now = clock.instant();
        List<InventoryToken> out = new ArrayList<>();
        for (PatInfo p : pats.search(null, List.of())) {
            boolean expired = p.expiringAt() != null && !now.isBefore(p.expiringAt());
            out.add(new InventoryToken(site(), JiraFlavor.DATACENTER, InventoryToken.DC_PAT, Long.toString(p.id()),
                    p.name(), p.owner(), null, null, p.createdAt(), p.expiringAt(), p.lastAccessedAt(),
                    expired ? InventoryToken.EXPIRED : InventoryToken.ACTIVE));
        }
        return out;
    }

    @Override
    public boolean ownedByCaller(InventoryToken token) {
        String me = caller;
        if (me == null) {
            me = pats.myself().name();
            caller = me;
        }
        return me != null && me.equals(token.ownerName());
    }

    @Override
    public boolean revoke(InventoryToken token) {
        long id;
        try {
            id = Long.parseLong(token.tokenId());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(token + ": a Data Center PAT id is a number");
        }
        return pats.revoke(id);
    }
}
