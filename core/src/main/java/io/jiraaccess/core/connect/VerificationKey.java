package io.jiraaccess.core.connect;

import io.jiraaccess.core.secret.SecretValue;

import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * The key an issuer's tokens are verified with. Its type, never the token's header, decides which algorithm family
 * is acceptable: a token that says HS256 for an issuer with an RSA key is refused before any MAC is computed, which
 * defeats HS/RS key confusion.
 */
public sealed interface VerificationKey {
    /** An HMAC shared secret (HS256/HS384/HS512), e.g. a Connect installation's {@code sharedSecret}. */
    static VerificationKey hmac(SecretValue secret) {
        return new Hmac(secret);
    }

    /** An RSA public key (RS256). */
    static VerificationKey rsa(RSAPublicKey key) {
        return new Rsa(key);
    }

    /** A shared secret; {@link #toString()} stays redacted. */
    record Hmac(SecretValue secret) implements VerificationKey {
        public Hmac {
            Objects.requireNonNull(secret, "secret");
        }
    }

    record Rsa(RSAPublicKey publicKey) implements VerificationKey {
        public Rsa {
            Objects.requireNonNull(publicKey, "publicKey");
        }

        @Override
        public String toString() {
            return "Rsa[" + publicKey.getModulus().bitLength() + " bits]";
        }
    }
}
