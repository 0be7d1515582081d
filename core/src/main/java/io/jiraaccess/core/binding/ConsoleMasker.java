package io.jiraaccess.core.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.core.secret.SecretForms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces every occurrence of any mask in console text by {@code ****}. Longer masks are tried first, so a form
 * that contains another (a Basic header and the token inside it) is hidden whole rather than leaving a tail.
 */
public final class ConsoleMasker {
    public static final String REPLACEMENT = "****";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern pattern;
    private final int count;

    private ConsoleMasker(Pattern pattern, int count) {
        this.pattern = pattern;
        this.count = count;
    }

    /** A masker for {@code masks}; masks shorter than {@link SecretForms#MIN_MASKED_LENGTH} are ignored. */
    public static ConsoleMasker of(Collection<String> masks) {
        List<String> usable = new ArrayList<>(new LinkedHashSet<>(masks));
        usable.removeIf(m -> m == null || m.length() < SecretForms.MIN_MASKED_LENGTH);
        if (usable.isEmpty()) {
            return new ConsoleMasker(null, 0);
        }
        usable.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        String alternatives = usable.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return new ConsoleMasker(Pattern.compile(alternatives), usable.size());
    }

    public String mask(String text) {
        if (pattern == null || text == null || text.isEmpty()) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REPLACEMENT));
    }

    /** How many masks are applied. */
    public int size() {
        return count;
    }

    /**
     * The masks as one string, for a holder that encrypts one string at rest (Jenkins' {@code Secret}): the console
     * filter of a running block is persisted with the build, and the masks are secrets.
     */
    public static String encode(Collection<String> masks) {
        try {
            return JSON.writeValueAsString(new ArrayList<>(masks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("masks are not serializable", e);
        }
    }

    /** The masks {@link #encode} wrote. */
    public static List<String> decode(String encoded) {
        try {
            List<String> masks = JSON.readValue(encoded, new TypeReference<List<String>>() { });
            return masks == null ? List.of() : masks;
        } catch (JsonProcessingException e) {
            // never quote the input: it is the secrets themselves
            throw new IllegalArgumentException("encoded masks are corrupt");
        }
    }
}
