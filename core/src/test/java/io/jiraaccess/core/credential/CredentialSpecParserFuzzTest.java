package io.jiraaccess.core.credential;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretForms;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.testing.SecretLeaks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz target for {@link CredentialSpecParser}: each input is the bytes of a credential file, read through
 * {@link CredentialSpecParser#parse(Path)} exactly as the CLI reads {@code --credential FILE}.
 * Secrets resolve from a fixed environment ({@code ${env:TOKEN}}, {@code SECRET}, {@code SHARED}, {@code PASSWORD},
 * {@code SHORT}, {@code ODD}) and from files under {@code target/fuzz-secrets/} ({@code token}, {@code shared},
 * {@code empty}, {@code binary}, {@code huge}; written as {@code ${file:target/fuzz-secrets/token}}, relative to the
 * module, where surefire runs).
 * <p>Properties, for any bytes:
 * <ul>
 *   <li>the parser returns a spec or throws {@link ConfigurationException}; nothing else escapes;</li>
 *   <li>every error message starts with the file it is about;</li>
 *   <li>no error message contains a secret that was resolved from the environment or a secret file, in any printed
 *   form ({@link SecretForms}), unless the input itself holds that form (then the text is the user's own);</li>
 *   <li>a parsed spec prints no secret ({@code toString()} of the records redacts them).</li>
 * </ul>
 */
class CredentialSpecParserFuzzTest {
    private static final Map<String, String> ENV = Map.of(
            "TOKEN", "pat-N2Y3YzlhMWU1YjJkNGM2ZThmMGExYjNjNWQ3ZTlmMjE",
            "SECRET", "cs-4c2f0b7a9e1d3c5b6a8f0e2d4c6b8a0f1e3d5c7b",
            "SHARED", "shared-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e",
            "PASSWORD", "pw-Tr0ub4dor&3-correct horse",
            "SHORT", "short-secret-8y2k",
            "ODD", "odd \"quoted\" \\ back/slash \u00fc\u20ac\ud83d\ude00 end");
    private static final Path SECRET_DIR = Path.of("target", "fuzz-secrets");
    private static final Map<String, String> FILES = Map.of(
            "token", "file-pat-OTk4ZjJlYzEwYTNiNGQ1ZTZmNzA4MTkyYTNiNGM1ZDY\n",
            "shared", "file-shared-0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978\r\n",
            "empty", "\n");
    private static final List<String> SECRETS = secrets();
    private static final Path INPUT_DIR = inputDir();

    private final CredentialSpecParser parser = new CredentialSpecParser(SecretReferences.fromMap(ENV));

    @FuzzTest(maxDuration = "4m")
    void parsesOrRefusesWithAConfigurationExceptionThatNamesTheFileAndLeaksNoSecret(byte[] input) throws IOException {
        Path file = INPUT_DIR.resolve("ci-jira.yaml");
        Files.write(file, input);
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            CredentialSpec spec = parser.parse(file);
            assertNotNull(spec, "a spec or an exception");
            assertNoSecret(text, spec.toString(), "the parsed spec's toString()");
        } catch (ConfigurationException e) {
            String message = e.getMessage();
            assertNotNull(message, "a ConfigurationException says what is wrong");
            assertTrue(message.startsWith(file.toString()), "the message names the file first: " + message);
            assertNoSecret(text, SecretLeaks.messages(e), "the error message");
        } catch (RuntimeException e) {
            fail("only ConfigurationException may escape the parser, not " + e.getClass().getName(), e);
        }
    }

    /** Checks the secrets the input cannot have mentioned itself in any form. */
    private static void assertNoSecret(String input, String output, String what) {
        List<String> hidden = new ArrayList<>();
        for (String secret : SECRETS) {
            if (SecretForms.of(secret).stream().noneMatch(input::contains)) {
                hidden.add(secret);
            }
        }
        try {
            SecretLeaks.assertAbsent(hidden, output);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
    }

    private static List<String> secrets() {
        List<String> all = new ArrayList<>(ENV.values());
        for (String content : FILES.values()) {
            String value = content.strip();
            if (!value.isEmpty()) {
                all.add(value);
            }
        }
        return List.copyOf(all);
    }

    private static Path inputDir() {
        try {
            Files.createDirectories(SECRET_DIR);
            for (Map.Entry<String, String> f : FILES.entrySet()) {
                Files.writeString(SECRET_DIR.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            Files.write(SECRET_DIR.resolve("binary"), new byte[] {'k', 'e', 'y', (byte) 0xFF, (byte) 0xFE, 0});
            Files.write(SECRET_DIR.resolve("huge"), new byte[70 * 1024]);
            Path dir = Files.createTempDirectory("credential-fuzz");
            dir.toFile().deleteOnExit();
            dir.resolve("ci-jira.yaml").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
