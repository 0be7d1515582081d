package io.jiraaccess.daemon.jira;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz target for {@link CloudAuditMapper}: any bytes, parsed as JSON (or, when they are not JSON, given as a JSON
 * string), as one Jira Cloud audit record. Seeds: {@code CloudAuditMapperFuzzTestInputs/<method>/}, records as the
 * simulator renders them and edge cases. Properties, for any input:
 * <ul>
 *   <li>nothing is thrown: the answer is an event or a rejection;</li>
 *   <li>it is an event exactly when the record is an object with a usable id (a whole number, or 1-64 letters,
 *   digits, '.', '_', '-') and a {@code created} time a slow reference parses, between 1970 and 9999; the event is
 *   at that time (to the millisecond) with {@code event.id = <site>:<id>};</li>
 *   <li>it is {@code basic_auth.used} exactly when {@code eventSource} says Basic authentication
 *   ({@code api-token} or {@code password}, any case);</li>
 *   <li>the event survives its JSON, every field the events index maps holds a value of its type (dates parse, IPs
 *   are IP literals by the JDK), and the same record maps to the same event, whatever the order of its keys.</li>
 * </ul>
 */
class CloudAuditMapperFuzzTest {
    private static final String SITE = "https://corp.atlassian.net";

    @FuzzTest(maxDuration = "3m")
    void everyRecordIsTheEventOrTheRejectionTheReferenceExpects(byte[] data) {
        JsonNode record = MappingOracle.parse(data);
        AuditMapping result = CloudAuditMapper.map(record, SITE);
        assertNotNull(result);
        String id = expectedId(record);
        Instant at = record.isObject() ? MappingOracle.time(record.get("created")) : null;
        if (id == null || at == null) {
            assertInstanceOf(AuditMapping.Rejected.class, result, "id " + id + ", time " + at);
            return;
        }
        AuditMapping.Mapped m = assertInstanceOf(AuditMapping.Mapped.class, result);
        assertEquals(at, m.at());
        AuditEvent e = m.event();
        assertEquals(SITE + ":" + id, e.id());
        MappingOracle.assertWellFormed(m, SITE, "cloud");
        String source = MappingOracle.lower(MappingOracle.text(record, "eventSource"));
        boolean basic = source != null && Set.of("api-token", "password").contains(source);
        assertEquals(basic ? "basic_auth.used" : "jira.audit", e.action());
        assertEquals(result, CloudAuditMapper.map(record, SITE), "deterministic");
        assertEquals(result, CloudAuditMapper.map(MappingOracle.reversed(record), SITE), "key order does not matter");
    }

    /** The record's id as the API defines it: a whole number, or a short token; null when it has none. */
    private static String expectedId(JsonNode record) {
        if (!record.isObject()) {
            return null;
        }
        JsonNode v = record.get("id");
        if (v == null) {
            return null;
        }
        String id;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            id = Long.toString(v.longValue());
        } else if (v.isTextual()) {
            id = v.asText().trim();
        } else {
            return null;
        }
        return id.matches("[A-Za-z0-9._-]{1,64}") ? id : null;
    }
}
