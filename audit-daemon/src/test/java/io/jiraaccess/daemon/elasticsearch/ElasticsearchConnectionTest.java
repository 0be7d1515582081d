package io.jiraaccess.daemon.elasticsearch;

import com.sun.net.httpserver.HttpServer;
import io.jiraaccess.core.ConfigurationException;
import io.jiraaccess.core.secret.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticsearchConnectionTest {
    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

    @TempDir
    Path dir;

    @Test
    void theApiKeyIsSentAsAnApiKeyHeaderUnderThePathPrefix() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            seen.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"cluster_name\":\"c\",\"status\":\"green\",\"timed_out\":false,\"number_of_nodes\":1,\"number_of_data_nodes\":1,\"active_primary_shards\":0,\"active_shards\":0,\"relocating_shards\":0,\"initializing_shards\":0,\"unassigned_shards\":0,\"unassigned_primary_shards\":0,\"delayed_unassigned_shards\":0,\"number_of_pending_tasks\":0,\"number_of_in_flight_fetch\":0,\"task_max_waiting_in_queue_millis\":0,\"active_shards_percent_as_number\":100.0}"
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try (ElasticsearchConnection es = ElasticsearchConnection.open(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/es"), SecretValue.of(API_KEY), null)) {
            assertTrue(es.available());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("/es/_cluster/health ApiKey " + API_KEY), seen);
    }

    @Test
    void aCaCertificateThatIsNotPemIsAConfigurationErrorNamingTheFile() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "this is not a certificate");
        assertThatThrownBy(() -> ElasticsearchConnection.open(URI.create("https://es.example.com"), null, notPem))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(notPem + ": ")
                .hasMessageContaining("PEM");
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> ElasticsearchConnection.open(URI.create("https://es.example.com"), null, missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(missing + ": cannot read elasticsearch.caCertificate (NoSuchFileException); check the path and its permissions");
    }
}
