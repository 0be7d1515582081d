package io.jiraaccess.core.secret;

import io.jiraaccess.core.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.jiraaccess.core.testing.SecretAssertions.assertNoSecret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretReferencesTest {
    static final String SECRET = "s3cr3t-Value-0123456789-xyz";
    final SecretReferences refs = SecretReferences.fromMap(Map.of("JIRA_PAT", SECRET, "BLANK", ""));

    @Test
    void envReferenceResolvesToTheVariable() {
        assertEquals(SECRET, refs.resolve("ci.yaml: token", "${env:JIRA_PAT}").reveal());
        assertEquals(SECRET, refs.resolve("ci.yaml: token", "  ${env: JIRA_PAT }  ").reveal());
    }

    @Test
    void missingOrEmptyVariableNamesTheVariableAndTheFix() {
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", "${env:NOPE}"));
        assertEquals("ci.yaml: token: environment variable NOPE is not set or empty; export it before running, or use ${file:PATH}",
                missing.getMessage());
        ConfigurationException blank = assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", "${env:BLANK}"));
        assertTrue(blank.getMessage().contains("environment variable BLANK is not set or empty"), blank.getMessage());
    }

    @Test
    void fileReferenceDropsExactlyOneTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path lf = dir.resolve("lf");
        Files.writeString(lf, SECRET + "\n");
        Path crlf = dir.resolve("crlf");
        Files.writeString(crlf, SECRET + "\r\n");
        Path two = dir.resolve("two");
        Files.writeString(two, SECRET + "\n\n");
        Path none = dir.resolve("none");
        Files.writeString(none, SECRET);
        assertEquals(SECRET, refs.resolve("w", "${file:" + lf + "}").reveal());
        assertEquals(SECRET, refs.resolve("w", "${file:" + crlf + "}").reveal());
        assertEquals(SECRET + "\n", refs.resolve("w", "${file:" + two + "}").reveal());
        assertEquals(SECRET, refs.resolve("w", "${file:" + none + "}").reveal());
    }

    @Test
    void badSecretFilesNameThePathAndTheFix(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        assertEquals("ci.yaml: token: secret file " + missing + " does not exist; create it or fix the path",
                assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", "${file:" + missing + "}")).getMessage());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertEquals("ci.yaml: token: secret file " + empty + " is empty; write the secret into it",
                assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", "${file:" + empty + "}")).getMessage());
        Path directory = Files.createDirectory(dir.resolve("adir"));
        String m = assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", "${file:" + directory + "}")).getMessage();
        assertTrue(m.startsWith("ci.yaml: token: secret file " + directory + " cannot be read ("), m);
        assertTrue(m.endsWith("); check its permissions"), m);
    }

    @Test
    void inlineValuesAndPartialReferencesAreRefusedWithoutEchoingThem() {
        for (String raw : new String[] {SECRET, "x${env:JIRA_PAT}", "${env:JIRA_PAT}" + SECRET, "${vault:" + SECRET + "}", "", null}) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> refs.resolve("ci.yaml: token", raw));
            assertEquals("ci.yaml: token: a secret must be written as ${env:NAME} or ${file:PATH}, not inline; put the value "
                    + "in an environment variable or a file readable only by this user", e.getMessage());
            assertNoSecret("error message", e.getMessage(), SECRET);
        }
    }

    @Test
    void isReferenceAcceptsExactlyOneWholeReference() {
        assertTrue(SecretReferences.isReference("${env:A}"));
        assertTrue(SecretReferences.isReference(" ${file:/run/secrets/pat} "));
        assertFalse(SecretReferences.isReference("a${env:A}"));
        assertFalse(SecretReferences.isReference("${env:A}${env:B}"));
        assertFalse(SecretReferences.isReference("${env:}"));
        assertFalse(SecretReferences.isReference(SECRET));
        assertFalse(SecretReferences.isReference(null));
    }

    @Test
    void resolvedSecretPrintsRedacted() {
        SecretValue v = refs.resolve("w", "${env:JIRA_PAT}");
        assertEquals("****", v.toString());
        assertEquals("[****]", java.util.List.of(v).toString());
    }
}
