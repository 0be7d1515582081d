package io.jenkins.plugins.jiraaccess.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A credential id stored in several places resolves to the nearest folder's, then the next folder up, then the
 * system store: the order credentials 1415's {@code CredentialsProvider.lookupCredentialsInItem} walks (the item's
 * folders outwards, {@code FolderCredentialsProvider}, then {@code SystemCredentialsProvider}). Before, the plugin
 * refused such an id and named the other folder.
 */
class NearestFirstTest {
    record Stored(String context, String label) {
    }

    private static final Function<Stored, String> WHERE = Stored::context;

    @Test
    void theChainRunsFromTheJobsFolderToTheRoot() {
        assertEquals(List.of("team/app", "team", ""), NearestFirst.chain("team/app/build"));
        assertEquals(List.of(""), NearestFirst.chain("build"));
        assertEquals(List.of(""), NearestFirst.chain(null));
    }

    @Test
    void theNearestFolderWinsOverFoldersFurtherUpAndTheSystemStore() {
        List<Stored> stored = List.of(new Stored("", "system"), new Stored("team", "team"),
                new Stored("team/app", "app"), new Stored("other", "other"));

        assertEquals("app", NearestFirst.pick(NearestFirst.chain("team/app/build"), stored, WHERE).orElseThrow().label());
        assertEquals("team", NearestFirst.pick(NearestFirst.chain("team/lib/build"), stored, WHERE).orElseThrow().label());
        assertEquals("system", NearestFirst.pick(NearestFirst.chain("solo"), stored, WHERE).orElseThrow().label());
    }

    @Test
    void aCredentialInAnotherFolderIsNeverPicked() {
        List<Stored> stored = List.of(new Stored("other", "other"), new Stored("team/app", "app"));

        assertEquals(Optional.empty(), NearestFirst.pick(NearestFirst.chain("team/lib/build"), stored, WHERE));
        // "team/app" is not a folder above "team/application/build", even though its name is a prefix
        assertEquals(Optional.empty(), NearestFirst.pick(NearestFirst.chain("team/application/build"), stored, WHERE));
    }
}
