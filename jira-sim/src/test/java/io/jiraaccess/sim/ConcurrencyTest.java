package io.jiraaccess.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Correctness (not speed) under 32 concurrent clients: no lost updates, no duplicate ids, no errors. */
class ConcurrencyTest {

    @Test
    void thirtyTwoClientsCreatingPatsAndIssuesGetUniqueIdsAndNoErrors() throws Exception {
        JiraSimulator sim = SimFixture.world();
        SimHttp http = SimFixture.http();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < 32; c++) {
                final int client = c;
                results.add(pool.submit(() -> {
                    List<String> created = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        SimHttp.Reply pat = http.postJson("/rest/pat/latest/tokens", SimFixture.carol(),
                                "{\"name\":\"c" + client + "-" + i + "\",\"expirationDuration\":1}");
                        SimHttp.Reply issue = http.postJson("/rest/api/2/issue", SimFixture.alice(),
                                "{\"fields\":{\"project\":{\"key\":\"ABC\"},\"summary\":\"c" + client + "\","
                                        + "\"issuetype\":{\"name\":\"Task\"}}}");
                        SimHttp.Reply me = http.get("/rest/api/2/myself",
                                SimHttp.bearer(pat.json().get("rawToken").asText()));
                        for (SimHttp.Reply reply : List.of(pat, issue, me)) {
                            statuses.merge(reply.status(), 1, Integer::sum);
                        }
                        created.add("pat:" + pat.json().get("id").asText());
                        created.add("issue:" + issue.json().get("key").asText());
                    }
                    return created;
                }));
            }
            Set<String> unique = new HashSet<>();
            int count = 0;
            for (Future<List<String>> result : results) {
                for (String id : result.get()) {
                    unique.add(id);
                    count++;
                }
            }
            assertEquals(320, count);
            assertEquals(320, unique.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of(201, 320, 200, 160), statuses);
        assertEquals(160, sim.tokens().size());
        assertEquals(161, sim.directory().issuesIn(List.of("ABC")).size());
    }
}
