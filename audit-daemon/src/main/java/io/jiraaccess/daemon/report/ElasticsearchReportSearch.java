package io.jiraaccess.daemon.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jiraaccess.daemon.elasticsearch.ElasticsearchConnection;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;

/** Sends each query's method, path and body through the low-level REST client, byte for byte as the report prints it. */
public final class ElasticsearchReportSearch implements ReportSearch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchConnection es;

    public ElasticsearchReportSearch(ElasticsearchConnection es) {
        this.es = es;
    }

    @Override
    public Answer run(ReportQuery q) {
        Request request = new Request(q.method(), q.path());
        request.setJsonEntity(q.body());
        try {
            Response r = es.rest().performRequest(request);
            return Answer.of(q, JSON.readTree(EntityUtils.toString(r.getEntity())));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            JsonNode error = errorOf(e.getResponse());
            if (status == 404 && "index_not_found_exception".equals(error.path("type").asText())) {
                return Answer.missingIndex(q, error.path("index").asText(q.path()));
            }
            JsonNode cause = error.path("root_cause").path(0);
            String reason = cause.isObject() ? cause.path("type").asText("?") + ": " + cause.path("reason").asText("")
                    : error.path("type").asText("?") + ": " + error.path("reason").asText("no reason given");
            throw new ReportException("Elasticsearch at " + describe() + " refused query " + q.id() + " (" + q.title()
                    + ", " + q.method() + " " + q.path() + ") with status " + status + ": " + reason
                    + "; the report needs Elasticsearch 8.x with the Jira Access index templates");
        } catch (ConnectException e) {
            throw new ReportException("cannot connect to Elasticsearch at " + describe() + " (" + e.getMessage()
                    + "); check elasticsearch.url in the configuration and that Elasticsearch is running");
        } catch (IOException e) {
            throw new ReportException("query " + q.id() + " to Elasticsearch at " + describe() + " failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check that Elasticsearch is reachable");
        }
    }

    @Override
    public String describe() {
        URI u = es.url();
        try {
            // a URL written with user:password@ must not carry them into the report
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return u.getScheme() + "://" + u.getHost();
        }
    }

    private static JsonNode errorOf(Response r) {
        try {
            JsonNode root = JSON.readTree(EntityUtils.toString(r.getEntity()));
            JsonNode err = root.path("error");
            return err.isObject() ? err : JSON.createObjectNode().put("reason", err.asText(root.toString()));
        } catch (IOException | RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
