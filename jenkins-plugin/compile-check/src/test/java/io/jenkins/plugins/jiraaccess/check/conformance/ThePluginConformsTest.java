package io.jenkins.plugins.jiraaccess.check.conformance;

import io.jenkins.plugins.jiraaccess.check.source.PluginTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every conformance check on the real plugin: it finds exactly the defects {@link KnownDefects} still lists, so a
 * new defect of the same kind fails the build, and a fixed one fails it too until its entry is deleted.
 */
class ThePluginConformsTest {
    static Stream<ConformanceCheck> checks() {
        return Stream.of(new IndexJellyCheck(), new JellyEscapeCheck(), new UrlNameCheck(), new WebMethodCheck(),
                new FillItemsCheck(), new MultiBindingViewsCheck(), new SandboxWhitelistCheck());
    }

    @ParameterizedTest
    @MethodSource("checks")
    void findsExactlyTheKnownDefectsThatAreNotFixedYet(ConformanceCheck check) throws Exception {
        List<String> findings = new ArrayList<>(check.findings(PluginTree.real()));
        List<String> fixed = new ArrayList<>();
        for (KnownDefects.Defect d : KnownDefects.of(check.getClass())) {
            List<String> matching = findings.stream().filter(f -> f.contains(d.finding())).toList();
            if (matching.size() != 1) {
                fixed.add("issue 13 defect " + d.defect() + " is fixed (or found " + matching.size() + " times): delete "
                        + "its entry '" + d.finding() + "' in KnownDefects");
            }
            findings.removeAll(matching);
        }
        assertThat(fixed).as("known defects no longer found").isEmpty();
        assertThat(findings).as("new findings of " + check.getClass().getSimpleName()).isEmpty();
    }

    @Test
    void everyKnownDefectBelongsToACheckThatRuns() {
        List<Class<?>> run = checks().<Class<?>>map(Object::getClass).toList();
        assertThat(KnownDefects.STILL_PRESENT).allSatisfy(d -> assertThat(run).contains(d.check()));
    }
}
