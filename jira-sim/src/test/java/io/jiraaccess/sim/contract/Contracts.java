package io.jiraaccess.sim.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Atlassian's published OpenAPI files, loaded once per JVM: the Cloud platform file (paths under
 * {@code /rest/api/3}) and the Jira Software Data Center 10.3 file (server base path {@code /rest}, so its
 * {@code /api/2/...} paths are {@code /rest/api/2/...} on the wire).
 */
public final class Contracts {

    /** Which contract an interaction is held to. */
    public enum Flavour {
        CLOUD, DATA_CENTER
    }

    private static OpenApiInteractionValidator cloud;
    private static OpenApiInteractionValidator dataCenter;

    private Contracts() {
    }

    /** The contract that describes this path, if any. */
    public static Optional<Flavour> describing(String path) {
        if (path.startsWith("/rest/api/3/")) {
            return Optional.of(Flavour.CLOUD);
        }
        if (path.startsWith("/rest/api/2/")) {
            return Optional.of(Flavour.DATA_CENTER);
        }
        return Optional.empty();
    }

    public static synchronized OpenApiInteractionValidator validator(Flavour flavour) {
        if (flavour == Flavour.CLOUD) {
            if (cloud == null) {
                cloud = build("/contracts/jira-cloud-platform.openapi.json", null, false);
            }
            return cloud;
        }
        if (dataCenter == null) {
            dataCenter = build("/contracts/jira-software-dc-10.3.openapi.json", "/rest", true);
        }
        return dataCenter;
    }

    /** Validates one request/response pair; the report lists every deviation from the contract. */
    public static ValidationReport validate(Flavour flavour, String method, String pathAndQuery, String authorization,
                                            String contentType, String requestBody, int status,
                                            String responseContentType, String responseBody) {
        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                request.withQueryParam(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        if (authorization != null) {
            request.withAuthorization(authorization);
        }
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (responseContentType != null) {
            response.withContentType(responseContentType);
        }
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        return validator(flavour).validate(request.build(), response.build());
    }

    public static ValidationReport validateResponse(Flavour flavour, String path, Request.Method method, int status,
                                                    String body) {
        return validator(flavour).validateResponse(path, method,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }

    private static OpenApiInteractionValidator build(String resource, String basePath, boolean dataCenter) {
        String spec;
        try (InputStream in = Contracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LevelResolver.Builder levels = LevelResolver.create()
                // statuses the contract does not list (e.g. the 403 outside a user's projects) and error
                // statuses it lists without content (Jira sends an ErrorCollection on them all) have no
                // schema to hold a body to; ContractTest holds those bodies to ErrorCollection instead
                .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                .withLevel("validation.response.body.unexpected", ValidationReport.Level.IGNORE);
        // Atlassian's AuditRecordBean omits authorAccountId although its own example (and Jira Cloud)
        // returns it, and the project's consumers read it (ATLASSIAN.md)
        ValidationErrorsWhitelist whitelist = ValidationErrorsWhitelist.create().withRule("authorAccountId in audit records",
                WhitelistRules.allOf(WhitelistRules.isResponse(),
                        WhitelistRules.pathContainsSubstring("/auditing/record"),
                        WhitelistRules.messageContainsSubstring("[\"authorAccountId\"]")));
        if (dataCenter) {
            // The Data Center file never forbids additional properties (unlike the Cloud file, which says
            // additionalProperties:false where it means it); the validator's stricter default is not the contract.
            levels.withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE);
            whitelist = whitelist
                    // The file declares every issue field value an object, contradicted by its own example
                    // ("attachment": [...]) and by Jira, whose summary/created/updated are strings.
                    .withRule("issue field values of any JSON type", WhitelistRules.allOf(WhitelistRules.isResponse(),
                            WhitelistRules.messageContainsSubstring("/fields/"),
                            WhitelistRules.messageContainsSubstring("allowed: [\"object\"]")))
                    // The file declares only Basic auth; Jira DC accepts personal access tokens as Bearer.
                    .withRule("Bearer personal access tokens", WhitelistRules.allOf(WhitelistRules.isRequest(),
                            WhitelistRules.messageHasKey("validation.request.security.invalid"),
                            WhitelistRules.headerContainsSubstring("Authorization", "Bearer ")));
        }
        OpenApiInteractionValidator.Builder builder = OpenApiInteractionValidator
                .createForInlineApiSpecification(uniqueOperationIds(spec))
                .withLevelResolver(levels.build())
                .withWhitelist(whitelist);
        if (basePath != null) {
            builder.withBasePathOverride(basePath);
        }
        return builder.build();
    }

    /**
     * The Data Center file repeats some operationIds, which the OpenAPI parser refuses; renaming the repeats
     * changes nothing a request or response is validated against.
     */
    private static String uniqueOperationIds(String spec) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode root = mapper.readTree(spec);
            Set<String> seen = new HashSet<>();
            for (JsonNode pathItem : root.path("paths")) {
                for (JsonNode operation : pathItem) {
                    if (operation instanceof ObjectNode && operation.has("operationId")) {
                        String id = operation.get("operationId").asText();
                        String unique = id;
                        for (int n = 2; !seen.add(unique); n++) {
                            unique = id + "_" + n;
                        }
                        ((ObjectNode) operation).put("operationId", unique);
                    }
                }
            }
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
