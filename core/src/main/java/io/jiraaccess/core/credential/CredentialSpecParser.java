package io.jiraaccess.core.credential;

import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.files.BoundedFiles;
import io.jiraaccess.core.config.ConfigDocuments;
import io.jiraaccess.core.config.ConfigNode;
import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.secret.SecretValue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads credential specs from YAML or JSON. Secrets must be {@code ${env:NAME}} or {@code ${file:PATH}} references.
 * Every error names the file, the field and the fix, and never contains a secret.
 */
public final class CredentialSpecParser {
    /** Atlassian Cloud's OAuth 2.0 token endpoint (service accounts and 3LO). */
    public static final URI CLOUD_TOKEN_URL = URI.create("https://auth.atlassian.com/oauth/token");
    public static final URI CLOUD_AUTHORIZE_URL = URI.create("https://auth.atlassian.com/authorize");
    /** Largest credential file read: a spec is a few hundred bytes; anything huge is a mistake or an attack. */
    static final int MAX_BYTES = 64 * 1024;

    private final SecretReferences refs;

    public CredentialSpecParser(SecretReferences refs) {
        this.refs = refs;
    }

    public static CredentialSpecParser fromSystem() {
        return new CredentialSpecParser(SecretReferences.fromSystem());
    }

    /** Reads a credential file; its id defaults to the file name without extension. */
    public CredentialSpec parse(Path file) {
        String text;
        try {
            // read up to the limit, whatever the file is: a device or a FIFO has no size to ask beforehand
            text = BoundedFiles.utf8(BoundedFiles.read(file, MAX_BYTES));
        } catch (BoundedFiles.TooLarge e) {
            throw new ConfigurationException(file + ": credential file is larger than " + MAX_BYTES
                    + " bytes; a credential spec is a few lines of YAML (is it the right file?)");
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(file + ": credential file does not exist; check the --credential path");
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(file + ": credential file is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigurationException(file + ": credential file cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String defaultId = dot > 0 ? name.substring(0, dot) : name;
        return parse(file.toString(), text, defaultId);
    }

    /** Parses YAML or JSON text; {@code source} names it in errors. */
    public CredentialSpec parse(String source, String text, String defaultId) {
        if (text.length() > MAX_BYTES) {
            throw new ConfigurationException(source + ": credential spec is larger than " + MAX_BYTES + " bytes");
        }
        return parse(ConfigNode.root(source, ConfigDocuments.read(source, text)), defaultId);
    }

    /** Parses one credential object, e.g. the {@code credential:} block inside the daemon's configuration. */
    public CredentialSpec parse(ConfigNode n, String defaultId) {
        String kindName = n.string("kind", "write kind: one of " + CredentialKind.names());
        CredentialKind kind = CredentialKind.fromId(kindName);
        if (kind == null) {
            throw n.error("kind", "'" + kindName + "' is not a credential kind; use one of " + CredentialKind.names());
        }
        String id = n.optionalString("id");
        if (id == null) {
            id = defaultId;
        }
        if (id == null) {
            throw n.error("id", "is missing; give the credential a stable id, e.g. id: ci-jira");
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")) {
            throw n.error("id", "'" + id + "' may only contain letters, digits, '.', '_', '@' and '-' (at most 128)");
        }
        URI site = n.url("site", "write the Jira base URL, e.g. site: https://jira.example.com");
        String flavorName = n.string("flavor", null, Set.of("cloud", "datacenter"));
        JiraFlavor flavor = flavorName == null ? JiraFlavor.guess(site) : JiraFlavor.fromId(flavorName);
        String owner = n.optionalString("owner");
        String description = n.optionalString("description");
        AllowPolicy allow = allow(n);
        CredentialSpec.Common common = new CredentialSpec.Common(id, site, flavor, owner, description, allow);

        CredentialSpec spec = switch (kind) {
            case PAT -> pat(n, common);
            case API_TOKEN -> apiToken(n, common);
            case OAUTH_CLIENT_CREDENTIALS -> clientCredentials(n, common);
            case OAUTH_REFRESH_TOKEN -> refreshToken(n, common);
            case CONNECT_JWT -> connect(n, common);
        };
        n.rejectUnknown();
        return spec;
    }

    private AllowPolicy allow(ConfigNode n) {
        if (!n.declares("allow")) {
            return AllowPolicy.DEFAULT;
        }
        ConfigNode a = n.child("allow");
        if (!a.isPresent() || a.raw().isEmpty()) {
            throw n.error("allow", "is empty; remove the key to allow all, or name at least one of hosts, projects, "
                    + "operations");
        }
        List<String> hosts = restriction(a, "hosts");
        for (String h : hosts) {
            if (!h.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?") || h.contains("..") || h.startsWith(".") || h.startsWith("-")
                    || (h.contains(":") && Integer.parseInt(h.substring(h.indexOf(':') + 1)) > 65535)) {
                throw a.error("hosts", "'" + h + "' is not a host name; write host names, with the port when it differs "
                        + "from the site's, e.g. jira.example.com or jira-dr.example.com:8443");
            }
        }
        List<String> projects = restriction(a, "projects");
        for (String p : projects) {
            if (!p.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw a.error("projects", "'" + p + "' is not a Jira project key; write keys such as ABC");
            }
        }
        Set<Operation> ops = EnumSet.noneOf(Operation.class);
        for (String o : restriction(a, "operations")) {
            Operation op = Operation.fromId(o);
            if (op == null) {
                throw a.error("operations", "'" + o + "' is not an operation; use read, write or admin");
            }
            ops.add(op);
        }
        a.rejectUnknown();
        return new AllowPolicy(hosts, projects, ops);
    }

    /**
     * One list of {@code allow:}: absent means no restriction; written, it must name something ({@code []}, {@code ~}
     * or an empty string would otherwise read as "everything").
     */
    private static List<String> restriction(ConfigNode a, String key) {
        if (!a.declares(key)) {
            return List.of();
        }
        List<String> values = a.stringList(key);
        if (values.isEmpty()) {
            throw a.error(key, "is empty; remove the key to allow all, or name at least one");
        }
        return values;
    }

    private PatSpec pat(ConfigNode n, CredentialSpec.Common common) {
        SecretValue token = n.secret("token", refs, "write token: ${env:NAME} or ${file:PATH} naming the personal access token");
        ConfigNode r = n.child("rotation");
        PatSpec.Rotation rotation = PatSpec.Rotation.NONE;
        if (r.isPresent()) {
            int every = r.integer("everyDays", 30, 1, 365);
            int expiry = r.integer("expiryDays", Math.max(every * 2, every + 7), 1, 3650);
            if (expiry <= every) {
                throw r.error("expiryDays", expiry + " must be longer than everyDays (" + every
                        + "), or tokens expire before they are rotated");
            }
            int grace = r.integer("graceMinutes", 60, 0, 7 * 24 * 60);
            String tokenName = r.optionalString("tokenName");
            String username = r.optionalString("username");
            SecretValue password = r.optionalSecret("password", refs);
            if ((username == null) != (password == null)) {
                throw r.error(username == null ? "username" : "password",
                        "username and password go together; write both or neither");
            }
            r.rejectUnknown();
            rotation = new PatSpec.Rotation(every, expiry, Duration.ofMinutes(grace),
                    tokenName == null ? "jira-access-" + common.id() : tokenName, username, password);
        }
        return new PatSpec(common, token, rotation);
    }

    private ApiTokenSpec apiToken(ConfigNode n, CredentialSpec.Common common) {
        String email = n.string("email", "write the Atlassian account email the API token belongs to");
        if (!email.contains("@")) {
            throw n.error("email", "'" + email + "' is not an email address; write the Atlassian account email");
        }
        SecretValue token = n.secret("token", refs, "write token: ${env:NAME} or ${file:PATH} naming the API token");
        return new ApiTokenSpec(common, email, token, n.optionalInstant("expiresAt"));
    }

    private OAuthClientCredentialsSpec clientCredentials(ConfigNode n, CredentialSpec.Common common) {
        URI tokenUrl = n.optionalUrl("tokenUrl");
        if (tokenUrl == null) {
            tokenUrl = common.flavor() == JiraFlavor.CLOUD ? CLOUD_TOKEN_URL : URI.create(common.siteBase() + "/rest/oauth2/latest/token");
        }
        String clientId = n.string("clientId", "write the OAuth client id");
        SecretValue secret = n.secret("clientSecret", refs, "write clientSecret: ${env:NAME} or ${file:PATH}");
        return new OAuthClientCredentialsSpec(common, tokenUrl, clientId, secret, n.stringList("scopes"),
                n.optionalString("audience"), clientAuth(n));
    }

    private OAuthRefreshTokenSpec refreshToken(ConfigNode n, CredentialSpec.Common common) {
        boolean cloud = common.flavor() == JiraFlavor.CLOUD;
        URI tokenUrl = n.optionalUrl("tokenUrl");
        if (tokenUrl == null) {
            tokenUrl = cloud ? CLOUD_TOKEN_URL : URI.create(common.siteBase() + "/rest/oauth2/latest/token");
        }
        URI authorizeUrl = n.optionalUrl("authorizeUrl");
        if (authorizeUrl == null) {
            authorizeUrl = cloud ? CLOUD_AUTHORIZE_URL : URI.create(common.siteBase() + "/rest/oauth2/latest/authorize");
        }
        String clientId = n.string("clientId", "write the OAuth client id");
        SecretValue secret = n.optionalSecret("clientSecret", refs);
        SecretValue refresh = n.optionalSecret("refreshToken", refs);
        OAuthClientAuth clientAuth = clientAuth(n);
        if (secret == null && n.has("clientAuth")) {
            throw n.error("clientAuth", "applies only with a clientSecret; a public client sends just its client id");
        }
        return new OAuthRefreshTokenSpec(common, tokenUrl, authorizeUrl, clientId, secret, refresh,
                n.stringList("scopes"), n.optionalString("audience"), clientAuth);
    }

    private static OAuthClientAuth clientAuth(ConfigNode n) {
        Set<String> ids = new TreeSet<>();
        for (OAuthClientAuth a : OAuthClientAuth.values()) {
            ids.add(a.id());
        }
        return OAuthClientAuth.fromId(n.string("clientAuth", OAuthClientAuth.DEFAULT.id(), ids));
    }

    private ConnectJwtSpec connect(ConfigNode n, CredentialSpec.Common common) {
        String appKey = n.string("appKey", "write the Connect app key (the iss claim)");
        SecretValue secret = n.secret("sharedSecret", refs, "write sharedSecret: ${env:NAME} or ${file:PATH}");
        if (secret.length() < 32) {
            throw n.error("sharedSecret", "is shorter than 32 characters; HS256 needs a secret of at least 256 bits, "
                    + "use the sharedSecret from the app's installation payload");
        }
        int ttl = n.integer("ttlSeconds", (int) ConnectJwtSpec.DEFAULT_TTL.toSeconds(), 10, 3600);
        return new ConnectJwtSpec(common, appKey, secret, Duration.ofSeconds(ttl));
    }
}
