package io.jiraaccess.daemon.kibana;

import io.jiraaccess.core.secret.SecretReferences;
import io.jiraaccess.core.secret.SecretValue;
import io.jiraaccess.dashboards.DataContract;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code import-dashboards}: the data views, Lens visualizations and dashboards of the data contract, into Kibana. */
@Command(name = "import-dashboards", mixinStandardHelpOptions = true,
        description = {"Import the Jira Access data views, visualizations and dashboards into Kibana 8.x "
                + "(POST /api/saved_objects/_import?overwrite=true), one line per object.",
                "Secrets may be given as ${env:NAME} or ${file:PATH} instead of on the command line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every object imported", "1:Kibana did not import some objects (listed)",
                "2:usage error", "3:Kibana refused the credentials or the privilege",
                "5:Kibana unreachable, or it refused the request as a whole"})
public final class ImportDashboardsCommand implements Callable<Integer> {
    /** The single file the objects are sent as: every data view, visualization and dashboard, data views first. */
    public static final String FILE_NAME = "jira-access-saved-objects.ndjson";

    @Spec
    CommandSpec spec;

    @Option(names = "--kibana-url", required = true, paramLabel = "URL",
            description = "Kibana's base URL, with its base path if any, e.g. https://kibana.example.com:5601")
    String kibanaUrl;

    @Option(names = "--api-key", paramLabel = "KEY", description = "encoded API key, sent as 'Authorization: ApiKey KEY'")
    String apiKey;

    @Option(names = "--user", paramLabel = "USER", description = "user for Basic authentication (with --password)")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "password for --user")
    String password;

    @Option(names = "--space", paramLabel = "SPACE", description = "Kibana space id (default: the default space)")
    String space;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "answer timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private final SecretReferences secrets;

    public ImportDashboardsCommand() {
        this(SecretReferences.fromSystem());
    }

    public ImportDashboardsCommand(SecretReferences secrets) {
        this.secrets = secrets;
    }

    @Override
    public Integer call() {
        KibanaImporter importer = new KibanaImporter(url(), auth(), space, Duration.ofSeconds(timeoutSeconds));
        ImportResult result = importer.importObjects(FILE_NAME, DataContract.allKibanaSavedObjects());
        PrintWriter out = spec.commandLine().getOut();
        result.objects().forEach(o -> out.println(o.line()));
        result.warnings().forEach(w -> out.println("warning " + w));
        String target = kibanaUrl + (space == null ? "" : " (space " + space + ")");
        if (result.allImported()) {
            out.println("Imported " + result.importedCount() + " saved objects into Kibana at " + target + ".");
            out.flush();
            return 0;
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("audit-daemon: Kibana at " + target + " did not import " + result.failedCount() + " of "
                + result.objects().size() + " saved objects (listed above as FAILED); imported " + result.importedCount()
                + ". Fix the cause and run import-dashboards again: it overwrites what is there.");
        err.flush();
        return 1;
    }

    private URI url() {
        try {
            URI u = new URI(kibanaUrl);
            if (u.getScheme() == null || u.getHost() == null) {
                throw usage("--kibana-url '" + kibanaUrl + "' is not an absolute http(s) URL, e.g. https://kibana.example.com:5601");
            }
            if (u.getUserInfo() != null) {
                throw usage("--kibana-url must not carry credentials; use --user and --password, or --api-key");
            }
            return u;
        } catch (URISyntaxException e) {
            throw usage("--kibana-url '" + kibanaUrl + "' is not a URL (" + e.getReason() + ")");
        }
    }

    private KibanaAuth auth() {
        if (apiKey != null && (user != null || password != null)) {
            throw usage("Conflicting Kibana credentials: provide either --api-key or --user with --password, not both.");
        }
        if ((user == null) != (password == null)) {
            throw usage(user == null ? "--password needs --user" : "--user needs --password (or use --api-key)");
        }
        if (apiKey != null) {
            return KibanaAuth.apiKey(secret("--api-key", apiKey));
        }
        if (user != null) {
            if (user.isBlank() || user.contains(":")) {
                throw usage("--user must be a non-empty user name without ':'");
            }
            return KibanaAuth.basic(user, secret("--password", password));
        }
        return KibanaAuth.none();
    }

    private SecretValue secret(String option, String raw) {
        if (SecretReferences.isReference(raw)) {
            return secrets.resolve(option, raw);
        }
        if (raw.isEmpty()) {
            throw usage(option + " is empty");
        }
        return SecretValue.of(raw);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
