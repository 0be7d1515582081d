package io.jiraaccess.dashboards;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CredentialDocumentTest {
    private static final Instant T = Instant.parse("2026-03-14T10:00:00Z");

    private static CredentialDocument full() {
        return CredentialDocument.builder().updatedAt(T).id("ann/jira-access-1").kind("pat").tokenId("17")
                .name("jira-access-1").status(CredentialDocument.ACTIVE).managed(true).createdAt(T.minusSeconds(60))
                .expiresAt(T.plusSeconds(86_400)).lastUsedAt(T.minusSeconds(5)).lastRotatedAt(T.minusSeconds(30))
                .fingerprint("0123456789abcdef").userName("ann").userId("JIRAUSER10000").userEmail("ann@example.com")
                .site("https://jira.example.com").flavor("datacenter").serviceName("jenkins-main")
                .inventorySource(CredentialDocument.DC_PAT).build();
    }

    /** Every field lands on a field of the credentials mapping, with the mapping's type. */
    @Test
    void aFullDocumentFillsMappedFieldsOfTheirTypes() {
        Map<String, Object> leaves = leaves(full().toDocument());
        IndexMapping mapping = IndexMapping.of(DataContract.CREDENTIALS_TEMPLATE);
        assertEquals(19, leaves.size());
        leaves.forEach((path, value) -> {
            IndexMapping.Field field = mapping.field(path).orElseThrow(() -> new AssertionError(path + " is not mapped"));
            String expected = value instanceof Boolean ? "boolean" : path.endsWith("_at") || path.equals("@timestamp")
                    ? "date" : "keyword";
            assertEquals(expected, field.type(), path);
        });
        assertEquals("2026-03-14T09:59:55Z", leaves.get("jira_access.credential.last_used_at"));
        assertEquals("dc_pat", leaves.get("jira_access.inventory.source"));
    }

    @Test
    void nullFieldsAreLeftOutSoAPartialDocumentMergesOnlyWhatItSays() {
        CredentialDocument revoked = CredentialDocument.builder().updatedAt(T).status(CredentialDocument.REVOKED).build();
        assertEquals(Map.of("@timestamp", "2026-03-14T10:00:00Z", "jira_access.credential.status", "revoked"),
                leaves(revoked.toDocument()));
    }

    @Test
    void aNullArgumentLeavesAFieldAsItIsAndWithoutTimesDropsOnlyTheTimesOfChange() {
        CredentialDocument d = full().toBuilder().userName(null).status(null).build();
        assertEquals(full(), d);
        CredentialDocument still = full().withoutTimes();
        assertEquals(Set.copyOf(leaves(full().toDocument()).keySet()).size() - 3, leaves(still.toDocument()).size());
        assertEquals(full().withoutTimes(), full().toBuilder().updatedAt(T.plusSeconds(9)).lastUsedAt(T).build().withoutTimes());
    }

    @Test
    void keysNameTheTokenOrTheCiCredential() {
        assertEquals("https://jira.example.com|pat|17", CredentialDocument.tokenKey("https://jira.example.com", "pat", "17"));
        assertEquals("ci|https://jira.example.com|jira-pat", CredentialDocument.ciKey("https://jira.example.com", "jira-pat"));
    }

    private static Map<String, Object> leaves(Map<String, Object> doc) {
        Map<String, Object> out = new TreeMap<>();
        collect("", doc, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> m, Map<String, Object> out) {
        m.forEach((k, v) -> {
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> child) {
                collect(path, (Map<String, Object>) child, out);
            } else {
                out.put(path, v);
            }
        });
    }
}
