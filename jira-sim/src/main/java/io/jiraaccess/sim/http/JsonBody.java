package io.jiraaccess.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed, strict reads of a JSON request body: a wrong type is a 400 naming the field, never a 500. */
public final class JsonBody {

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The body must be a JSON object. */
    public static JsonBody of(byte[] body) {
        JsonNode node = Json.parse(body);
        if (!node.isObject()) {
            throw ApiError.badRequest("The request body must be a JSON object.");
        }
        return new JsonBody(node);
    }

    public static JsonBody wrap(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw ApiError.field(field, "'" + field + "' must be a JSON object.");
        }
        return new JsonBody(node);
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> ApiError.field(field, "'" + field + "' is required."));
    }

    public Optional<String> optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiError.field(field, "'" + field + "' must be a string.");
        }
        return Optional.of(value.asText());
    }

    public String requiredNonBlank(String field) {
        String text = requiredText(field);
        if (text.isBlank()) {
            throw ApiError.field(field, "'" + field + "' must not be blank.");
        }
        return text;
    }

    public Optional<Long> optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiError.field(field, "'" + field + "' must be an integer.");
        }
        return Optional.of(value.asLong());
    }

    public Optional<Double> optionalNumber(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw ApiError.field(field, "'" + field + "' must be a number.");
        }
        return Optional.of(value.asDouble());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiError.field(field, "'" + field + "' must be true or false.");
        }
        return Optional.of(value.asBoolean());
    }

    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiError.field(field, "'" + field + "' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
            }
        });
    }

    public List<String> textList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiError.field(field, "'" + field + "' must be an array of strings.");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiError.field(field, "'" + field + "' must be an array of strings.");
            }
            items.add(item.asText());
        }
        return items;
    }

    public Optional<JsonBody> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(wrap(value, field));
    }
}
