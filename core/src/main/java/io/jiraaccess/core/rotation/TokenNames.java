package io.jiraaccess.core.rotation;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Rotation ids and the names of the tokens rotations create: {@code <tokenName>-rot<UTC time>-<6 hex>}, e.g.
 * {@code jira-access-ci-rot20250301T101500Z-3fa9c1}. The exact shape is what the orphan sweep matches, so a token
 * someone named {@code jira-access-ci-laptop} by hand is never taken for one of ours.
 */
final class TokenNames {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ID_REGEX = "rot\\d{8}T\\d{6}Z-[0-9a-f]{6}";
    private static final Pattern ID = Pattern.compile(ID_REGEX);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest {@code rotation.tokenName}: Jira allows 255 characters, and {@code -rot<16>-<6>} takes 27. */
    static final int MAX_PREFIX = 255 - 27;

    private final String prefix;
    private final Pattern ours;

    TokenNames(String tokenName) {
        this.prefix = tokenName;
        this.ours = Pattern.compile(Pattern.quote(tokenName) + "-" + ID_REGEX);
    }

    /** A new rotation id: when it started and 24 random bits, so two rotations in one second differ. */
    static String newRotationId(Instant now) {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return "rot" + TIME.format(now.truncatedTo(ChronoUnit.SECONDS)) + "-" + HexFormat.of().formatHex(b);
    }

    static boolean isRotationId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    String tokenName(String rotationId) {
        return prefix + "-" + rotationId;
    }

    /** True for the name of a token some rotation of this credential created. */
    boolean isOurs(String tokenName) {
        return tokenName != null && ours.matcher(tokenName).matches();
    }
}
