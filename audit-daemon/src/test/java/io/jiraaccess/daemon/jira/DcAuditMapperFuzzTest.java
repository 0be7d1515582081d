package io.jiraaccess.daemon.jira;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.jiraaccess.core.event.AuditEvent;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target for {@link DcAuditMapper}: any bytes, parsed as JSON (or given as a JSON string when they are not), as
 * one Jira Data Center audit event. Seeds: {@code DcAuditMapperFuzzTestInputs/<method>/}. Properties, for any input:
 * <ul>
 *   <li>nothing is thrown;</li>
 *   <li>it is an event exactly when the entity is an object with a {@code timestamp} the slow reference parses and a
 *   {@code type.action} or {@code type.actionI18nKey}; the event is at that time;</li>
 *   <li>{@code event.id = <site>:dc:<32 hex>}, the same for the same entity whatever the order of its keys, and
 *   different when the entity differs (another timestamp);</li>
 *   <li>{@code basic_auth.used} exactly when the first {@code authType} of {@code extraAttributes} says Basic
 *   authentication;</li>
 *   <li>the event survives its JSON and every mapped field holds a value of its type.</li>
 * </ul>
 */
class DcAuditMapperFuzzTest {
    private static final String SITE = "https://jira.example.com/jira";

    @FuzzTest(maxDuration = "3m")
    void everyEntityIsTheEventOrTheRejectionTheReferenceExpects(byte[] data) {
        JsonNode entity = MappingOracle.parse(data);
        AuditMapping result = DcAuditMapper.map(entity, SITE);
        assertNotNull(result);
        Instant at = entity.isObject() ? MappingOracle.time(entity.get("timestamp")) : null;
        JsonNode type = entity.isObject() ? entity.get("type") : null;
        boolean hasAction = MappingOracle.text(type, "action") != null || MappingOracle.text(type, "actionI18nKey") != null;
        if (at == null || !hasAction) {
            assertInstanceOf(AuditMapping.Rejected.class, result, "time " + at + ", action " + hasAction);
            return;
        }
        AuditMapping.Mapped m = assertInstanceOf(AuditMapping.Mapped.class, result);
        assertEquals(at, m.at());
        AuditEvent e = m.event();
        assertTrue(e.id().matches(java.util.regex.Pattern.quote(SITE) + ":dc:[0-9a-f]{32}"), e.id());
        MappingOracle.assertWellFormed(m, SITE, "datacenter");
        String auth = MappingOracle.lower(firstAuthType(entity.get("extraAttributes")));
        boolean basic = auth != null && Set.of("api-token", "password").contains(auth);
        assertEquals(basic ? "basic_auth.used" : "jira.audit", e.action());
        assertEquals(result, DcAuditMapper.map(entity, SITE), "deterministic");
        assertEquals(result, DcAuditMapper.map(MappingOracle.reversed(entity), SITE), "key order does not matter");
        JsonNode later = entity.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) later).put("timestamp", at.plusMillis(1).toString());
        AuditMapping other = DcAuditMapper.map(later, SITE);
        if (other instanceof AuditMapping.Mapped o) {
            assertNotEquals(e.id(), o.event().id(), "another entity, another id");
        }
    }

    private static String firstAuthType(JsonNode extra) {
        if (extra == null || !extra.isArray()) {
            return null;
        }
        for (JsonNode a : extra) {
            if ("authType".equals(MappingOracle.text(a, "name")) && MappingOracle.text(a, "value") != null) {
                return MappingOracle.text(a, "value");
            }
        }
        return null;
    }
}
