package io.jiraaccess.daemon;

import io.jiraaccess.daemon.elasticsearch.LocalElasticsearch;
import io.jiraaccess.daemon.testing.SharedElasticsearch;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalElasticsearchIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theNodeRunsUnprivilegedOnLoopbackAndComesBackWithItsDataOnTheSamePort() throws Exception {
        LocalElasticsearch es = SharedElasticsearch.node();
        URI url = es.url();
        assertEquals("127.0.0.1", url.getHost());
        if ("root".equals(System.getProperty("user.name"))) {
            Optional<String> user = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(es.runDir().resolve("config").toString())
                            || p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("http.port=" + es.httpPort()))
                    .map(p -> p.info().user().orElse("?")).findFirst();
            assertEquals(Optional.of("nobody"), user, "Elasticsearch refuses root: it must run as nobody");
        }
        assertEquals(201, call("PUT", url.resolve("/restart-check/_doc/1?refresh=true"), "{\"kept\":true}").statusCode());

        es.stop();
        assertFalse(es.isRunning());
        assertThatThrownBy(() -> call("GET", url.resolve("/_cluster/health"), null)).isInstanceOf(java.io.IOException.class);

        es.start();
        assertTrue(es.isRunning());
        assertEquals(url, es.url());
        HttpResponse<String> doc = call("GET", url.resolve("/restart-check/_doc/1"), null);
        assertEquals(200, doc.statusCode());
        assertThat(doc.body()).contains("\"kept\":true");
        call("DELETE", url.resolve("/restart-check"), null);
    }
}
