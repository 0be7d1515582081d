package io.jiraaccess.dashboards.kibana;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jiraaccess.dashboards.LensQueries;
import io.jiraaccess.dashboards.LensSearch;
import io.jiraaccess.dashboards.SavedObjects;
import io.jiraaccess.dashboards.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.jiraaccess.dashboards.kibana.Lens.count;
import static io.jiraaccess.dashboards.kibana.Lens.countWhere;
import static io.jiraaccess.dashboards.kibana.Lens.dateHistogram;
import static io.jiraaccess.dashboards.kibana.Lens.filters;
import static io.jiraaccess.dashboards.kibana.Lens.named;
import static io.jiraaccess.dashboards.kibana.Lens.stat;
import static io.jiraaccess.dashboards.kibana.Lens.terms;
import static io.jiraaccess.dashboards.kibana.Lens.uniqueCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LensQueriesTest {
    private static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
    private static final TimeRange WEEK = TimeRange.last(Duration.ofDays(7), NOW);
    private static final String TIME_FILTER = "{\"range\":{\"@timestamp\":{\"gte\":\"2025-03-07T12:00:00Z\","
            + "\"lte\":\"2025-03-14T12:00:00Z\",\"format\":\"strict_date_optional_time\"}}}";

    private static LensSearch only(Lens lens) {
        String ndjson = KibanaObjects.render(KibanaObjects.files().get("data-views.ndjson")) + lens.toSavedObject() + "\n";
        List<LensSearch> searches = LensQueries.of(SavedObjects.parse("test", ndjson)).forVisualization(lens.id(), WEEK);
        assertEquals(1, searches.size());
        return searches.get(0);
    }

    @Test
    void aSplitHistogramNestsTheSplitOutsideTheTimeBucketsAndCountsDocuments() {
        LensSearch s = only(Lens.on("jira-access-events", "t", "By action", "")
                .query("event.action : (\"token.used\" or \"token.issued\")")
                .xy("bar_stacked", dateHistogram("time", "@timestamp"),
                        terms("action", "event.action", "string", "Action", 10, "n", "desc"), count("n", "Events")));
        assertEquals("/jira-access-events*/_search", s.path());
        assertEquals("action", s.outerBucket());
        assertEquals("{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":[" + TIME_FILTER + ","
                + "{\"bool\":{\"should\":[{\"match_phrase\":{\"event.action\":\"token.used\"}},"
                + "{\"match_phrase\":{\"event.action\":\"token.issued\"}}],\"minimum_should_match\":1}}]}},"
                + "\"aggs\":{\"action\":{\"terms\":{\"field\":\"event.action\",\"size\":10,\"order\":{\"_count\":\"desc\"}},"
                + "\"aggs\":{\"time\":{\"date_histogram\":{\"field\":\"@timestamp\",\"fixed_interval\":\"12h\","
                + "\"time_zone\":\"UTC\",\"min_doc_count\":0,\"extended_bounds\":{\"min\":1741348800000,\"max\":1741953600000}}}}}}}",
                s.bodyJson());
    }

    @Test
    void metricColumnsBecomeMetricAggregationsAndColumnFiltersWrapThemInFilterBuckets() {
        LensSearch s = only(Lens.on("jira-access-events", "m", "Summary", "")
                .metric(countWhere("failed", "Failed", "event.outcome : \"failure\""), uniqueCount("users", "user.name", "Users")));
        assertNull(s.outerBucket());
        assertEquals("{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":[" + TIME_FILTER + "]}},"
                + "\"aggs\":{\"failed\":{\"filter\":{\"match_phrase\":{\"event.outcome\":\"failure\"}}},"
                + "\"users\":{\"cardinality\":{\"field\":\"user.name\"}}}}", s.bodyJson());
    }

    @Test
    void termsRankedByAMetricCarryTheirOwnCopyOfItToOrderBy() {
        LensSearch s = only(Lens.on("jira-access-credentials", "e", "Expiring", "")
                .query("jira_access.credential.status : \"active\"")
                .table(terms("credential", "jira_access.credential.id", "string", "Credential", 100, "expires", "asc"),
                        stat("min", "expires", "jira_access.credential.expires_at", "date", "Expires"),
                        stat("sum", "total", "jira_access.seq", "number", "Sum")));
        // the credentials data view has no time field: no time filter
        assertEquals("{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":["
                + "{\"match_phrase\":{\"jira_access.credential.status\":\"active\"}}]}},"
                + "\"aggs\":{\"credential\":{\"terms\":{\"field\":\"jira_access.credential.id\",\"size\":100,"
                + "\"order\":{\"credential-orderAgg\":\"asc\"}},\"aggs\":{"
                + "\"credential-orderAgg\":{\"min\":{\"field\":\"jira_access.credential.expires_at\"}},"
                + "\"expires\":{\"min\":{\"field\":\"jira_access.credential.expires_at\"}},"
                + "\"total\":{\"sum\":{\"field\":\"jira_access.seq\"}}}}}}", s.bodyJson());
    }

    @Test
    void termsRankedByAFilteredCountOrderByTheCountInsideTheFilter() {
        LensSearch s = only(Lens.on("jira-access-events", "f", "Failing jobs", "")
                .table(terms("job", "jira_access.pipeline.job", "string", "Job", 5, "failed", "desc"),
                        countWhere("failed", "Failed", "event.outcome : failure")));
        assertEquals("{\"job\":{\"terms\":{\"field\":\"jira_access.pipeline.job\",\"size\":5,"
                + "\"order\":{\"job-orderAgg\":\"desc\"}},\"aggs\":{\"job-orderAgg\":{\"filter\":"
                + "{\"match\":{\"event.outcome\":\"failure\"}}},\"failed\":{\"filter\":{\"match\":{\"event.outcome\":\"failure\"}}}}}}",
                s.body().get("aggs").toString());
    }

    @Test
    void termsRankedByAFilteredMetricOrderByTheMetricInsideTheFilter() {
        Lens.Column users = uniqueCount("users", "user.name", "Failing users");
        users.json().putObject("filter").put("query", "event.outcome : failure").put("language", "kuery");
        LensSearch s = only(Lens.on("jira-access-events", "u", "Jobs by failing users", "")
                .table(terms("job", "jira_access.pipeline.job", "string", "Job", 5, "users", "desc"), users));
        assertEquals("{\"job-orderAgg>value\":\"desc\"}", s.body().at("/aggs/job/terms/order").toString());
        assertEquals("{\"filter\":{\"match\":{\"event.outcome\":\"failure\"}},\"aggs\":{\"value\":"
                + "{\"cardinality\":{\"field\":\"user.name\"}}}}", s.body().at("/aggs/job/aggs/users").toString());
    }

    @Test
    void aFiltersColumnBecomesNamedFilterBuckets() {
        LensSearch s = only(Lens.on("jira-access-events", "s", "Schemes", "")
                .xy("bar_percentage_stacked", dateHistogram("time", "@timestamp"),
                        filters("scheme", "Scheme", named("Basic", "event.action : \"basic_auth.used\"", "All", "")),
                        count("n", "Calls")));
        assertEquals("{\"filters\":{\"filters\":{\"Basic\":{\"match_phrase\":{\"event.action\":\"basic_auth.used\"}},"
                + "\"All\":{\"match_all\":{}}}},\"aggs\":{\"time\":{\"date_histogram\":{\"field\":\"@timestamp\","
                + "\"fixed_interval\":\"12h\",\"time_zone\":\"UTC\",\"min_doc_count\":0,"
                + "\"extended_bounds\":{\"min\":1741348800000,\"max\":1741953600000}}}}}",
                s.body().get("aggs").get("scheme").toString());
    }

    @Test
    void pinnedFiltersJoinTheQueryAndNegatedOnesExclude() {
        LensSearch s = only(Lens.on("jira-access-events", "p", "Sources", "")
                .existsFilter("source.ip")
                .phraseFilter("event.dataset", "jira_access.inventory", true)
                .table(terms("ip", "source.ip", "ip", "Source", 20, "n", "asc"), count("n", "Events")));
        assertEquals("{\"bool\":{\"filter\":[" + TIME_FILTER + ",{\"exists\":{\"field\":\"source.ip\"}}],"
                + "\"must_not\":[{\"match_phrase\":{\"event.dataset\":\"jira_access.inventory\"}}]}}",
                s.body().get("query").toString());
        assertEquals("{\"_count\":\"asc\"}", s.body().get("aggs").get("ip").get("terms").get("order").toString());
    }

    @Test
    void disabledFiltersAreIgnored() {
        Lens lens = Lens.on("jira-access-events", "d", "Disabled", "").phraseFilter("event.outcome", "failure", false)
                .metric(count("n", "Events"), null);
        ObjectNode so = lens.toSavedObject();
        ((ObjectNode) so.path("attributes").path("state").path("filters").get(0).path("meta")).put("disabled", true);
        String ndjson = KibanaObjects.render(KibanaObjects.files().get("data-views.ndjson")) + so + "\n";
        LensSearch s = LensQueries.of(SavedObjects.parse("test", ndjson)).forVisualization("d", WEEK).get(0);
        assertEquals("{\"bool\":{\"filter\":[" + TIME_FILTER + "]}}", s.body().get("query").toString());
        assertTrue(s.body().path("aggs").isMissingNode(), "a plain count needs no aggregation: hits.total is the value");
    }

    @Test
    void autoIntervalsAimAtAboutFiftyBuckets() {
        assertEquals("30s", interval(Duration.ofMinutes(15)));
        assertEquals("30m", interval(Duration.ofHours(24)));
        assertEquals("12h", interval(Duration.ofDays(7)));
        assertEquals("1d", interval(Duration.ofDays(30)));
        assertEquals("30d", interval(Duration.ofDays(365)));
        assertEquals("365d", interval(Duration.ofDays(365 * 30)));
    }

    private static String interval(Duration span) {
        Lens lens = Lens.on("jira-access-events", "i", "I", "").xy("line", dateHistogram("time", "@timestamp"), null, count("n", "N"));
        String ndjson = KibanaObjects.render(KibanaObjects.files().get("data-views.ndjson")) + lens.toSavedObject() + "\n";
        return LensQueries.of(SavedObjects.parse("test", ndjson)).forVisualization("i", TimeRange.last(span, NOW)).get(0)
                .body().get("aggs").get("time").get("date_histogram").get("fixed_interval").asText();
    }

    @Test
    void operationsThatDoNotTranslateAreRefusedNamingTheVisualizationAndColumn() {
        Lens lens = Lens.on("jira-access-events", "bad", "Bad", "").metric(count("n", "N"), null);
        ObjectNode so = lens.toSavedObject();
        ObjectNode col = (ObjectNode) so.path("attributes").path("state").path("datasourceStates").path("formBased")
                .path("layers").path("main").path("columns").path("n");
        col.put("operationType", "last_value").put("sourceField", "event.action");
        String ndjson = KibanaObjects.render(KibanaObjects.files().get("data-views.ndjson")) + so + "\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LensQueries.of(SavedObjects.parse("test", ndjson)).forVisualization("bad", WEEK));
        assertEquals("Lens 'Bad' (bad, test:3) column 'n' is a 'last_value' metric, which does not translate", e.getMessage());

        col.put("operationType", "count").put("sourceField", "___records___").put("timeShift", "1d");
        String shifted = KibanaObjects.render(KibanaObjects.files().get("data-views.ndjson")) + so + "\n";
        e = assertThrows(IllegalArgumentException.class,
                () -> LensQueries.of(SavedObjects.parse("test", shifted)).forVisualization("bad", WEEK));
        assertEquals("Lens 'Bad' (bad, test:3) column 'n' shifts or reduces the time range, which does not translate", e.getMessage());
    }

    @Test
    void aLensWhoseDataViewIsMissingIsRefused() {
        Lens lens = Lens.on("jira-access-nowhere", "lost", "Lost", "").metric(count("n", "N"), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LensQueries.of(SavedObjects.parse("test", lens.toSavedObject() + "\n")).forVisualization("lost", WEEK));
        assertEquals("Lens 'Lost' (lost, test:1) references data view 'jira-access-nowhere', which is not among the saved objects",
                e.getMessage());
        assertEquals("no Lens saved object with id 'nope'", assertThrows(IllegalArgumentException.class,
                () -> LensQueries.fromContract().forVisualization("nope", WEEK)).getMessage());
    }

    @Test
    void everyShippedLayerTranslatesAndEventsLayersAreBoundToTheTimeRange() {
        SavedObjects shipped = SavedObjects.fromContract();
        List<LensSearch> all = LensQueries.fromContract().all(WEEK);
        assertEquals(shipped.ofType("lens").size(), all.size());
        for (LensSearch s : all) {
            boolean events = s.index().equals("jira-access-events*");
            assertTrue(events || s.index().equals("jira-access-credentials"), s.describe());
            assertEquals(events, s.body().at("/query/bool/filter/0/range/@timestamp").isObject(), s.describe());
            assertEquals(0, s.body().get("size").asInt());
        }
        assertThat(all).extracting(LensSearch::index).contains("jira-access-credentials");
    }

    @Test
    void aDashboardsSearchesAreThoseOfItsPanelsInOrder() {
        List<LensSearch> security = LensQueries.fromContract().forDashboard("jira-access-security", WEEK);
        assertThat(security).extracting(LensSearch::visualizationId).containsExactly(
                "jira-access-security-summary", "jira-access-policy-violations-over-time", "jira-access-policy-violations",
                "jira-access-failed-authentication", "jira-access-failed-authentication-by-source",
                "jira-access-unusual-source-addresses", "jira-access-enforcement-revocations");
        assertEquals("no dashboard saved object with id 'jira-access-nope'", assertThrows(IllegalArgumentException.class,
                () -> LensQueries.fromContract().forDashboard("jira-access-nope", WEEK)).getMessage());
    }

    @Test
    void resultCountCountsOuterBucketsHoldingDocumentsOrMatchingDocumentsForMetricsOnly() throws Exception {
        LensSearch histogram = new LensSearch("v", "V", "main", "i", Lens.JSON.createObjectNode(), "time");
        assertEquals(2, histogram.resultCount(Lens.JSON.readTree("{\"hits\":{\"total\":{\"value\":9}},\"aggregations\":"
                + "{\"time\":{\"buckets\":[{\"key\":1,\"doc_count\":4},{\"key\":2,\"doc_count\":0},{\"key\":3,\"doc_count\":5}]}}}")));
        LensSearch keyed = new LensSearch("v", "V", "main", "i", Lens.JSON.createObjectNode(), "scheme");
        assertEquals(1, keyed.resultCount(Lens.JSON.readTree("{\"aggregations\":{\"scheme\":{\"buckets\":"
                + "{\"Basic\":{\"doc_count\":0},\"Bearer\":{\"doc_count\":3}}}}}")));
        LensSearch metric = new LensSearch("v", "V", "main", "i", Lens.JSON.createObjectNode(), null);
        assertEquals(9, metric.resultCount(Lens.JSON.readTree("{\"hits\":{\"total\":{\"value\":9}}}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> histogram.resultCount(
                Lens.JSON.readTree("{\"error\":{\"reason\":\"all shards failed\"},\"status\":400}")));
        assertEquals("Lens 'V' (v, layer main) on i failed: all shards failed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> histogram.resultCount(Lens.JSON.readTree("{\"hits\":{}}")));
        assertEquals("Lens 'V' (v, layer main) on i: the response has no aggregation 'time'", e.getMessage());
    }
}
