package io.jiraaccess.core.auth;

import io.jiraaccess.core.credential.CredentialSpec;
import io.jiraaccess.core.credential.OAuthClientCredentialsSpec;
import io.jiraaccess.core.credential.OAuthRefreshTokenSpec;
import io.jiraaccess.core.credential.PatSpec;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.core.token.TokenBroker;

import java.util.List;

/**
 * The token broker's key for a credential: the store that holds it ({@link io.jiraaccess.core.store.CredentialStore#scope}),
 * its site and id, and an HMAC under the installation key ({@link io.jiraaccess.core.event.Fingerprinter#digest}) of
 * its secrets and of every setting that changes which token it obtains. So a cached token goes only to the credential
 * that obtained it: another credential with the same id and site (a folder credential named like a system one) but
 * another secret, setting or store misses the cache and must obtain its own, and a changed setting obtains a new one.
 */
public final class BrokerKeys {
    private BrokerKeys() {
    }

    public static TokenBroker.Key of(CredentialSpec spec, AuthContext ctx) {
        return new TokenBroker.Key(ctx.store().scope(spec.id()), spec.common().siteBase(), spec.id(),
                ctx.fingerprinter().digest(material(spec)));
    }

    /** Length-prefixed fields, so no two different credentials make the same text. */
    static SecretValue material(CredentialSpec spec) {
        StringBuilder b = new StringBuilder();
        field(b, spec.kind().id());
        field(b, spec.common().siteBase());
        field(b, spec.id());
        if (spec instanceof PatSpec p) {
            secret(b, p.token());
        } else if (spec instanceof OAuthClientCredentialsSpec c) {
            field(b, c.tokenUrl().toString());
            field(b, c.clientId());
            secret(b, c.clientSecret());
            list(b, c.scopes());
            field(b, c.audience());
            field(b, c.clientAuth().id());
        } else if (spec instanceof OAuthRefreshTokenSpec r) {
            field(b, r.tokenUrl().toString());
            field(b, r.authorizeUrl() == null ? null : r.authorizeUrl().toString());
            field(b, r.clientId());
            secret(b, r.clientSecret());
            secret(b, r.refreshToken());
            list(b, r.scopes());
            field(b, r.audience());
            field(b, r.clientAuth().id());
        }
        return SecretValue.of(b.toString());
    }

    private static void field(StringBuilder b, String v) {
        if (v == null) {
            b.append("-1:");
        } else {
            b.append(v.length()).append(':').append(v);
        }
    }

    private static void secret(StringBuilder b, SecretValue v) {
        field(b, v == null ? null : v.reveal());
    }

    private static void list(StringBuilder b, List<String> values) {
        b.append(values.size()).append('[');
        values.forEach(v -> field(b, v));
    }
}
