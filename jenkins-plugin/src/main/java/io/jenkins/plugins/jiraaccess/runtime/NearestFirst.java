package io.jenkins.plugins.jiraaccess.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of several credentials with one id a job uses: the one in the nearest folder, then the next folder up, and
 * the system store last, as the credentials plugin's {@code CredentialsProvider} resolves them (each folder's
 * provider is asked from the item outwards, {@code FolderCredentialsProvider} at credentials 1415 and
 * cloudbees-folder). Plain, so the order is tested without Jenkins.
 */
public final class NearestFirst {
    private NearestFirst() {
    }

    /**
     * The contexts from {@code item}'s folder up to the root, nearest first: {@code a/b/job} gives {@code a/b},
     * {@code a}, and the root ({@code ""}). Full names use {@code /} as Jenkins' {@code Item.getFullName()} does.
     */
    public static List<String> chain(String itemFullName) {
        List<String> out = new ArrayList<>();
        String name = itemFullName == null ? "" : itemFullName;
        int slash = name.lastIndexOf('/');
        while (slash > 0) {
            name = name.substring(0, slash);
            out.add(name);
            slash = name.lastIndexOf('/');
        }
        out.add("");
        return out;
    }

    /** The first of {@code candidates}, in {@code chain} order, by the context each is stored in. */
    public static <T> Optional<T> pick(List<String> chain, List<T> candidates, Function<T, String> contextOf) {
        for (String context : chain) {
            for (T c : candidates) {
                if (context.equals(contextOf.apply(c))) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }
}
