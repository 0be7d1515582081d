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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides secrets in console output, in every form {@link SecretForms} lists, whole or cut by line breaks.
 *
 * <p>Console output arrives a line at a time, and a tool that wraps its output ({@code base64} at 76 columns,
 * {@code xxd -p} at 60) splits an encoded secret over several lines, none of which holds a whole form. So besides
 * whole forms the masker hides <em>fragments</em>: every run of at least {@link #FRAGMENT_LENGTH} characters that
 * is a piece of a form of a secret, wherever the run starts or ends. Every window of that length inside such a run
 * is a piece of the form too, so a set of those windows finds the runs in one pass over a line, without any
 * knowledge of where lines were cut. Each line also looks at the last characters of the line before it, so the short
 * remainder a wrap leaves at the start of the next line is hidden as well. Nothing is held back: a line is written
 * as soon as it is complete, which a build log needs (a held line would show up only when the next one arrives).
 * What this leaves: a piece shorter than {@link #FRAGMENT_LENGTH} at the very end of a line that the next line
 * continues (at most {@code FRAGMENT_LENGTH - 1} characters of an encoding, a few bytes of the secret), and
 * encodings outside {@link SecretForms}' list.
 *
 * <p>Whole forms shorter than {@link #FRAGMENT_LENGTH} (a short secret's) are matched whole within a line. Longer
 * forms are tried first, so a form that contains another (a header and the token inside it) is hidden whole.
 * Optional extra patterns (the one credentials-binding builds from its {@code SecretPatternFactory} extensions, such
 * as shell-quoted forms) are applied to each line as well, each on its own; whatever any of them or the forms match
 * is hidden, so the result does not depend on the order in which they are given.
 */
public final class ConsoleMasker {
    public static final String REPLACEMENT = "****";
    /** The shortest piece of an encoded secret hidden on its own: long enough not to hide ordinary output. */
    public static final int FRAGMENT_LENGTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern whole;
    private final List<Pattern> extras;
    private final Windows windows;
    private final int count;

    private ConsoleMasker(Pattern whole, List<Pattern> extras, Windows windows, int count) {
        this.whole = whole;
        this.extras = extras;
        this.windows = windows;
        this.count = count;
    }

    /** A masker for every form of {@code secrets}; secrets shorter than {@link SecretForms#MIN_MASKED_LENGTH} are ignored. */
    public static ConsoleMasker of(Collection<String> secrets) {
        return of(secrets, List.of());
    }

    /**
     * A masker for every form of {@code secrets}, and for whatever {@code extra} matches in a line (null for none;
     * an empty pattern counts as none).
     */
    public static ConsoleMasker of(Collection<String> secrets, Pattern extra) {
        return of(secrets, extra == null ? List.of() : List.of(extra));
    }

    /**
     * A masker for every form of {@code secrets}, and for whatever any of {@code extras} matches in a line (empty
     * patterns are ignored).
     */
    public static ConsoleMasker of(Collection<String> secrets, List<Pattern> extras) {
        Set<String> forms = new LinkedHashSet<>();
        Set<String> fragmentForms = new LinkedHashSet<>();
        for (String secret : secrets) {
            boolean outer = containsAnother(secret, secrets);
            for (SecretForms.Form form : SecretForms.labelled(secret)) {
                forms.add(form.text());
                if (!outer || form.kind().startsWith("base64") || form.kind().startsWith("hex")) {
                    fragmentForms.add(form.text());
                }
            }
        }
        List<String> usable = new ArrayList<>(forms);
        usable.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        Pattern whole = usable.isEmpty() ? null
                : Pattern.compile(usable.stream().map(Pattern::quote).collect(Collectors.joining("|")));
        List<Pattern> usableExtras = extras.stream().filter(p -> p != null && !p.pattern().isEmpty()).toList();
        return new ConsoleMasker(whole, usableExtras, Windows.of(fragmentForms, FRAGMENT_LENGTH), usable.size());
    }

    /**
     * Whether {@code secret} holds another of the secrets (a header holds its token). The pieces of its textual forms
     * (literal, percent, JSON) are then pieces of the inner secret's, apart from the part that is not secret
     * ({@code Bearer }): hiding pieces that straddle it would hide ordinary text next to a token, so only its
     * Base64 and hex forms, whose pieces never look like ordinary text, are hidden in pieces.
     */
    private static boolean containsAnother(String secret, Collection<String> secrets) {
        for (String other : secrets) {
            if (other != null && other.length() >= FRAGMENT_LENGTH && other.length() < secret.length()
                    && secret.contains(other)) {
                return true;
            }
        }
        return false;
    }

    /** Masks a whole text, which may span lines: the same as feeding its lines, in order, to one {@link #lines()}. */
    public String mask(String text) {
        if (text == null || text.isEmpty() || count == 0 && extras.isEmpty()) {
            return text;
        }
        Lines lines = lines();
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.append(lines.mask(text.substring(start, end)));
            start = end;
        }
        return out.toString();
    }

    /** How many whole forms are masked. */
    public int size() {
        return count;
    }

    /** A masker for one stream of lines: it remembers the end of each line to mask what the next line continues. */
    public Lines lines() {
        return new Lines();
    }

    /** Masks the lines of one stream in order. Not thread-safe: one per stream. */
    public final class Lines {
        private String carry = "";

        private Lines() {
        }

        /**
         * The line (its terminator, {@code \n}, {@code \r\n} or a lone {@code \r} as a progress display ends a line,
         * kept as it is) with every secret hidden.
         */
        public String mask(String line) {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
            String content = line.substring(0, end);
            boolean[] hidden = new boolean[content.length()];
            boolean any = mark(whole, content, hidden);
            for (Pattern extra : extras) {
                any |= mark(extra, content, hidden);
            }
            any |= windows.mark(content, 0, hidden, 0);
            if (!carry.isEmpty() && !content.isEmpty()) {
                // a window that starts at the end of the previous line and ends in this one: the wrap's remainder
                String joined = carry + content.substring(0, Math.min(content.length(), windows.length() - 1));
                any |= windows.mark(joined, carry.length(), hidden, -carry.length());
            }
            String tail = carry + content;
            carry = tail.substring(Math.max(0, tail.length() - (windows.length() - 1)));
            if (!any) {
                return line;
            }
            StringBuilder out = new StringBuilder(line.length());
            for (int i = 0; i < hidden.length; i++) {
                if (!hidden[i]) {
                    out.append(content.charAt(i));
                } else if (i == 0 || !hidden[i - 1]) {
                    out.append(REPLACEMENT);
                }
            }
            return out.append(line, end, line.length()).toString();
        }
    }

    private static boolean mark(Pattern pattern, String text, boolean[] hidden) {
        if (pattern == null || text.isEmpty()) {
            return false;
        }
        boolean any = false;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                hidden[i] = true;
            }
            any |= m.end() > m.start();
        }
        return any;
    }

    /**
     * The set of every window of {@code length} characters of the forms, looked up with a rolling hash so that a
     * line is scanned in one pass; a hash hit is confirmed against the window itself.
     */
    private static final class Windows {
        private static final long BASE = 1_000_003L;

        private final int length;
        private final Set<Long> hashes;
        private final Set<String> texts;
        private final long highPower;

        private Windows(int length, Set<Long> hashes, Set<String> texts) {
            this.length = length;
            this.hashes = hashes;
            this.texts = texts;
            long p = 1;
            for (int i = 1; i < length; i++) {
                p *= BASE;
            }
            this.highPower = p;
        }

        static Windows of(Collection<String> forms, int length) {
            Set<String> texts = new java.util.HashSet<>();
            for (String form : forms) {
                for (int i = 0; i + length <= form.length(); i++) {
                    texts.add(form.substring(i, i + length));
                }
            }
            Set<Long> hashes = new java.util.HashSet<>();
            for (String w : texts) {
                hashes.add(hash(w, 0, length));
            }
            return new Windows(length, hashes, texts);
        }

        int length() {
            return length;
        }

        private static long hash(String s, int from, int to) {
            long h = 0;
            for (int i = from; i < to; i++) {
                h = h * BASE + s.charAt(i);
            }
            return h;
        }

        /**
         * Marks {@code hidden[i + shift]} for every character of {@code text} inside a window found in the set,
         * considering only windows that end at or after {@code minEnd} (those before were looked at already).
         */
        boolean mark(String text, int minEnd, boolean[] hidden, int shift) {
            if (texts.isEmpty() || text.length() < length) {
                return false;
            }
            boolean any = false;
            long h = hash(text, 0, length);
            for (int start = 0; ; start++) {
                int end = start + length;
                if (end > minEnd && hashes.contains(h) && texts.contains(text.substring(start, end))) {
                    for (int i = Math.max(start, -shift); i < end; i++) {
                        hidden[i + shift] = true;
                    }
                    any = true;
                }
                if (end >= text.length()) {
                    return any;
                }
                h = (h - text.charAt(start) * highPower) * BASE + text.charAt(end);
            }
        }
    }

    /**
     * The secrets as one string, for a holder that encrypts one string at rest (Jenkins' {@code Secret}): the console
     * filter of a running block is persisted with the build, and the secrets are what it masks.
     */
    public static String encode(Collection<String> secrets) {
        try {
            return JSON.writeValueAsString(new ArrayList<>(secrets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("secrets are not serializable", e);
        }
    }

    /** The secrets {@link #encode} wrote. */
    public static List<String> decode(String encoded) {
        try {
            List<String> secrets = JSON.readValue(encoded, new TypeReference<List<String>>() { });
            return secrets == null ? List.of() : secrets;
        } catch (JsonProcessingException e) {
            // never quote the input: it is the secrets themselves
            throw new IllegalArgumentException("encoded masks are corrupt");
        }
    }
}
