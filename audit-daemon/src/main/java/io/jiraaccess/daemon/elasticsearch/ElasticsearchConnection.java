package io.jiraaccess.daemon.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretValue;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;

/**
 * One connection to Elasticsearch: the low-level REST client, the transport and the typed clients on top of it.
 * Authentication is an API key ({@code Authorization: ApiKey ...}); a private CA is trusted from a PEM file. Given
 * several nodes of one cluster, the REST client spreads requests over them (round robin) and fails over: a node that
 * does not answer is left out for a minute, longer while it keeps failing (up to 30 min; tried again earlier when no
 * other node answers), and the request goes to the next node; {@link #nodeFailures()} counts those failures per node
 * for {@code /health}.
 */
public final class ElasticsearchConnection implements AutoCloseable {
    private final URI url;
    private final RestClient rest;
    private final ElasticsearchTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient async;
    private final NodeFailures failures;

    private ElasticsearchConnection(URI url, RestClient rest, NodeFailures failures) {
        this.url = url;
        this.rest = rest;
        this.failures = failures;
        this.transport = new RestClientTransport(rest, new JacksonJsonpMapper());
        this.client = new ElasticsearchClient(transport);
        this.async = new ElasticsearchAsyncClient(transport);
    }

    /**
     * Opens a connection.
     *
     * @param apiKey        the encoded API key, or null
     * @param caCertificate a PEM file with the CA (or CAs) to trust for https, or null for the JVM's trust store
     */
    public static ElasticsearchConnection open(URI url, SecretValue apiKey, Path caCertificate) {
        return open(List.of(url), apiKey, caCertificate);
    }

    /**
     * Opens a connection to the nodes of one cluster (same scheme and path, see {@code elasticsearch.urls}).
     *
     * @param urls the nodes, the first one named by {@link #url()}
     */
    public static ElasticsearchConnection open(List<URI> urls, SecretValue apiKey, Path caCertificate) {
        URI url = urls.get(0);
        NodeFailures failures = new NodeFailures(urls);
        RestClientBuilder b = RestClient.builder(urls.stream().map(u -> new HttpHost(u.getHost(), port(u), u.getScheme()))
                        .toArray(HttpHost[]::new))
                .setFailureListener(failures)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000).setSocketTimeout(30_000));
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
            b.setPathPrefix(url.getRawPath());
        }
        if (apiKey != null) {
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey.reveal())});
        }
        if (caCertificate != null) {
            SSLContext ssl = trusting(caCertificate);
            b.setHttpClientConfigCallback(hc -> hc.setSSLContext(ssl));
        }
        return new ElasticsearchConnection(url, b.build(), failures);
    }

    /** The first configured node. */
    public URI url() {
        return url;
    }

    /** Every configured node with the requests that failed on it (the client then tried another). */
    public List<NodeFailures.Node> nodeFailures() {
        return failures.nodes();
    }

    /** The low-level client, for requests sent exactly as written (the compliance report's queries). */
    public RestClient rest() {
        return rest;
    }

    /** The transport both clients share (for clients with other options, such as the bulk ingester's). */
    public ElasticsearchTransport transport() {
        return transport;
    }

    public ElasticsearchClient client() {
        return client;
    }

    public ElasticsearchAsyncClient async() {
        return async;
    }

    /** True when the cluster answers its health endpoint (this distribution has no {@code GET /}). */
    public boolean available() {
        try {
            client.cluster().health(h -> h.timeout(t -> t.time("2s")));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // closing a connection pool: nothing to recover
        }
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 9200;
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new ConfigurationException(pem + ": no certificate found; elasticsearch.caCertificate must be a PEM file");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new ConfigurationException(pem + ": cannot read elasticsearch.caCertificate (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions");
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(pem + ": elasticsearch.caCertificate is not a PEM certificate ("
                    + e.getMessage() + "); export the CA as PEM");
        }
    }
}
