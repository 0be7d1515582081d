package io.jenkins.plugins.jiraaccess.check.stubcheck;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** StubCheck on planted stub/upstream pairs (test resources stubcheck/): a faithful stub set and a deviating one. */
class StubCheckTest {
    private static final String W = "org.example.api.Widget";

    private static Path planted(String name) throws URISyntaxException {
        return Path.of(StubCheckTest.class.getResource("/stubcheck/" + name).toURI());
    }

    @Test
    void stubsWithTheSameEffectiveModifiersThrowsAndSignaturesPass() throws Exception {
        StubCheck.Result r = StubCheck.check(planted("good"), List.of(planted("upstream")));
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.types()).isEqualTo(5);
        assertThat(r.members()).isEqualTo(11);
    }

    @Test
    void everyDeviationInKindSupertypeThrowsVisibilityStaticAbstractFinalAndSignatureIsReported() throws Exception {
        StubCheck.Result r = StubCheck.check(planted("bad"), List.of(planted("upstream")));
        assertThat(r.mismatches()).containsExactly(
                "org.example.api.Gadget: is a class here, an interface upstream",
                "org.example.api.Gadget.name(): throws [Exception] here, [] upstream",
                "org.example.api.Gadget.ready(): abstract here, not abstract upstream",
                "org.example.api.Kind.MEDIUM: no such enum constant upstream",
                "org.example.api.Missing: no such type upstream",
                W + ": supertype Comparable not upstream (upstream: [Gadget, Serializable])",
                W + ": not abstract here, abstract upstream",
                W + ".NAME: not final here, final upstream",
                W + ".count: public here, protected upstream",
                W + ".<init>(String): public here, protected upstream",
                W + ".<init>(String): throws [] here, [IOException] upstream",
                W + ".items(String): throws [IOException] here, [IOException, InterruptedException] upstream",
                W + ".id(): not final here, final upstream",
                W + ".of(String): not static here, static upstream",
                W + ".refresh(): public here, protected upstream",
                W + ".items(int): no such method upstream",
                W + ".Part: not static here, static upstream",
                W + ".Part.fit(): throws [] here, [IOException] upstream",
                W + ".Handle: not final here, final upstream");
    }
}
