package io.jiraaccess.core.secret;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.files.BoundedFiles;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references as written in credential and daemon configuration files:
 * {@code ${env:NAME}} reads an environment variable, {@code ${file:PATH}} reads a file (one trailing newline
 * removed). Errors name the setting and the reference, never the value.
 */
public final class SecretReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    /**
     * Largest secret file read: a token or key is at most a few KiB. Reading stops here, so a reference to a device
     * ({@code /dev/zero}) or a huge file fails with a message instead of exhausting memory.
     */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private final Function<String, String> environment;

    public SecretReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    public static SecretReferences fromSystem() {
        return new SecretReferences(System::getenv);
    }

    public static SecretReferences fromMap(Map<String, String> env) {
        return new SecretReferences(env::get);
    }

    /** True when the whole value is one {@code ${env:...}} or {@code ${file:...}} reference. */
    public static boolean isReference(String raw) {
        return raw != null && REFERENCE.matcher(raw.trim()).matches();
    }

    /**
     * Resolves a reference.
     *
     * @param where the setting being read, for error messages, e.g. {@code ci.yaml: token}
     * @param raw   the raw text, which must be one reference
     */
    public SecretValue resolve(String where, String raw) {
        Matcher m = REFERENCE.matcher(raw == null ? "" : raw.trim());
        if (!m.matches()) {
            throw new ConfigurationException(where + ": a secret must be written as ${env:NAME} or ${file:PATH}, "
                    + "not inline; put the value in an environment variable or a file readable only by this user");
        }
        String source = m.group(1);
        String name = m.group(2).trim();
        if (source.equals("env")) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException(where + ": environment variable " + name
                        + " is not set or empty; export it before running, or use ${file:PATH}");
            }
            return SecretValue.of(value);
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(where + ": secret file " + name + " is not a valid path ("
                    + e.getReason() + "); fix the ${file:PATH} reference");
        }
        try {
            String value = readBounded(path, where);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                throw new ConfigurationException(where + ": secret file " + path + " is empty; write the secret into it");
            }
            return SecretValue.of(value);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(where + ": secret file " + path + " does not exist; create it or fix the path");
        } catch (IOException e) {
            throw new ConfigurationException(where + ": secret file " + path + " cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
    }

    /** The file's text, read up to {@link #MAX_FILE_BYTES}; strict UTF-8, so a binary file is refused, not mangled. */
    private static String readBounded(Path path, String where) throws IOException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(path, MAX_FILE_BYTES);
        } catch (BoundedFiles.TooLarge e) {
            throw new ConfigurationException(where + ": secret file " + path + " is larger than " + MAX_FILE_BYTES
                    + " bytes; it must hold only the secret");
        }
        try {
            return BoundedFiles.utf8(bytes);
        } catch (CharacterCodingException e) {
            // the decoder's message would say nothing useful, and its position hints at the content
            throw new ConfigurationException(where + ": secret file " + path + " is not UTF-8 text; write the secret "
                    + "as text");
        }
    }
}
