package io.jiraaccess.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Markdown document of the repository names only commands, options, keys, endpoints, files and classes that exist. */
class DocumentsMatchTheCodeTest {
    private static Repo repo;
    private static Checks checks;

    @BeforeAll
    static void readTheRepository() throws Exception {
        repo = Repo.fromSystemProperty();
        checks = Checks.of(repo);
    }

    @Test
    void everyDocumentNamesOnlyWhatTheCodeHas() {
        List<String> findings = new ArrayList<>();
        for (MarkdownDoc doc : repo.docs()) {
            checks.run(doc).forEach(f -> findings.add(f.toString()));
        }
        assertThat(findings).as("statements the code does not back (fix the document or the code)").isEmpty();
    }

    @Test
    void theDocumentsAreFound() {
        assertThat(repo.docs()).extracting(MarkdownDoc::name)
                .contains("README.md", "audit-daemon/README.md", "jenkins-plugin/README.md", "benchmarks/README.md");
    }
}
