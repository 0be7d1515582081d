package io.jenkins.plugins.jiraaccess.masking;

import io.jiraaccess.core.binding.ConsoleMasker;
import io.jiraaccess.core.binding.JiraBinding;
import io.jiraaccess.core.binding.MaskingOutputStream;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a block that binds Jira credentials masks in its output, the same for {@code withJiraAuth} and for the
 * {@code jiraAuth} binding: every form core's {@link ConsoleMasker} knows of the binding's secrets, plus whatever
 * credentials-binding's pattern for the secret values matches (its {@code SecretPatternFactory} extensions). Plain,
 * so the decision is tested without Jenkins; the Jenkins holders keep it {@linkplain #seal sealed} in a
 * {@code Secret}.
 *
 * @param secrets  the secrets core masks in every form
 * @param patterns regular expressions masked in each line as well (credentials-binding's, one per binding)
 */
public record BlockMasks(List<String> secrets, List<String> patterns) {
    public BlockMasks {
        secrets = List.copyOf(new LinkedHashSet<>(secrets));
        patterns = List.copyOf(new LinkedHashSet<>(patterns.stream().filter(p -> !p.isEmpty()).toList()));
    }

    /**
     * The masks of one binding.
     *
     * @param theirPattern credentials-binding's aggregate pattern for secret values ({@link CredentialsBindingPatterns})
     */
    public static BlockMasks of(JiraBinding binding, Function<Collection<String>, String> theirPattern) {
        String pattern = theirPattern.apply(binding.secretValues().values());
        return new BlockMasks(List.copyOf(binding.masked()), pattern == null ? List.of() : List.of(pattern));
    }

    /** The masks of both: what a build with several bindings in force masks. */
    public BlockMasks plus(BlockMasks other) {
        List<String> s = new ArrayList<>(secrets);
        s.addAll(other.secrets);
        List<String> p = new ArrayList<>(patterns);
        p.addAll(other.patterns);
        return new BlockMasks(s, p);
    }

    public ConsoleMasker masker() {
        return ConsoleMasker.of(secrets, patterns.stream().map(Pattern::compile).toList());
    }

    /** {@code out} with these masks applied a line at a time, lines read in {@code charset} (the build's). */
    public OutputStream wrap(OutputStream out, Charset charset) {
        return new MaskingOutputStream(out, masker(), charset);
    }

    /**
     * What a Jenkins holder of sealed masks does with a log: {@code out} masked by the masks {@code sealed} holds,
     * lines read in the charset named {@code charsetName}.
     */
    public static OutputStream maskSealed(String sealed, String charsetName, OutputStream out) {
        return unseal(sealed).wrap(out, Charset.forName(charsetName));
    }

    /** One string holding everything, for a holder that encrypts one string at rest ({@code hudson.util.Secret}). */
    public String seal() {
        return ConsoleMasker.encode(List.of(ConsoleMasker.encode(secrets), ConsoleMasker.encode(patterns)));
    }

    /** The masks {@link #seal} wrote. */
    public static BlockMasks unseal(String sealed) {
        List<String> parts = ConsoleMasker.decode(sealed);
        if (parts.size() != 2) {
            // never quote the input: it is the secrets themselves
            throw new IllegalArgumentException("sealed masks are corrupt");
        }
        return new BlockMasks(ConsoleMasker.decode(parts.get(0)), ConsoleMasker.decode(parts.get(1)));
    }

    @Override
    public String toString() {
        // the secrets and the patterns (which quote them) are never printed
        return "BlockMasks[" + secrets.size() + " secrets, " + patterns.size() + " patterns]";
    }
}
