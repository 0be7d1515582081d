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

/**
 * One connection to Elasticsearch: the low-level REST client, the transport and the typed clients on top of it.
 * Authentication is an API key ({@code Authorization: ApiKey ...}); a private CA is trusted from a PEM file.
 */
public final class ElasticsearchConnection implements AutoCloseable {
    private final URI url;
    private final RestClient rest;
    private final ElasticsearchTransport transport;
    private final ElasticsearchClient client;
    private final ElasticsearchAsyncClient async;

    private ElasticsearchConnection(URI url, RestClient rest) {
        this.url = url;
        this.rest = rest;
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
        RestClientBuilder b = RestClient.builder(new HttpHost(url.getHost(), port(url), url.getScheme()))
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
        return new ElasticsearchConnection(url, b.build());
    }

    public URI url() {
        return url;
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

    private static int port(URI url) {
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
