package io.jiraaccess.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks catch each kind of untrue statement (planted in bad.md) and pass each true one (good.md). */
class PlantedDocumentsTest {
    private static Checks checks;

    @BeforeAll
    static void readTheRepository() throws Exception {
        checks = Checks.of(Repo.fromSystemProperty());
    }

    private static List<Finding> findings(String name) throws Exception {
        Path file = Path.of(PlantedDocumentsTest.class.getResource("/planted/" + name).toURI());
        return checks.run(MarkdownDoc.read(file, name));
    }

    @Test
    void everyPlantedUntruthIsFoundAndNamed() throws Exception {
        List<Finding> found = findings("bad.md");
        assertThat(found).extracting(Finding::named).containsExactlyInAnyOrder(
                "audit-daemon.jar frobnicate",
                "audit-daemon.jar run --confg",
                "jira-access request --pth",
                "IngestBench --evnts",
                "NoSuchBench",
                "jira-sim.jar --prt",
                "-Pnosuchprofile",
                "-pl nosuchmodule",
                "jira-access rotate --frce",
                "yaml block",
                "yaml block",
                "spool.wach",
                "jenkins[].urll",
                "state.curors",
                "no-such-page.md",
                "audit-daemon/src/main/java/NoSuchFile.java",
                "core/target/no-such-output.jar",
                "NoSuchThingAnywhereInTheCode",
                "io.jiraaccess.daemon.NoSuchClass",
                "DaemonCli.noSuchMember()",
                "/nosuchendpoint",
                "jira-access/nosuchaction",
                "jiraPatt",
                "jiraPat.rotationEveryDay");
        assertThat(found).filteredOn(f -> f.named().equals("yaml block")).extracting(Finding::problem)
                .anySatisfy(p -> assertThat(p).contains("wach"))
                .anySatisfy(p -> assertThat(p).contains("alow"));
        // the line numbers point at the statement
        assertThat(found).filteredOn(f -> f.named().equals("spool.wach")).extracting(Finding::line).containsExactly(33);
    }

    @Test
    void trueStatementsOfEveryKindPass() throws Exception {
        assertThat(findings("good.md")).isEmpty();
    }

    @Test
    void aCommandEndsAtAPipeOrSubshellButABarBeforeAnOptionIsAnAlternative() {
        assertThat(CommandCheck.tokens("request --path /x | jq --raw-output .key")).containsExactly("request", "--path", "/x");
        assertThat(CommandCheck.tokens("header --credential c.yaml)\" https://x --fail")).containsExactly("header", "--credential", "c.yaml");
        assertThat(CommandCheck.tokens("revoke --owner NAME | --site URL")).containsExactly("revoke", "--owner", "NAME", "--site", "URL");
    }
}
