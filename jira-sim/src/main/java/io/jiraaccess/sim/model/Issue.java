package io.jiraaccess.sim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A Jira issue; {@code description} is kept as sent (plain text in v2, an ADF document in v3). */
public record Issue(String id, String key, String projectKey, String summary, JsonNode description,
                    String issueTypeName, String statusName, String reporterAccountId, Instant created) {
}
