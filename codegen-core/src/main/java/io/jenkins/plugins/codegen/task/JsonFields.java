package io.jenkins.plugins.codegen.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads the members of one JSON object of a task or context file, for {@link TaskJson}.
 *
 * <p>A key may be written in any {@link KeySpelling spelling}. A value of the wrong type becomes a
 * {@link FieldError} that names the key as the user wrote it, and reading goes on so that all such
 * errors are reported together. Keys that nobody asked for become warnings, because users' files
 * carry fields of their own trackers that must not make the file unreadable. JSON {@code null}
 * counts as absent.
 */
final class JsonFields {
    private final ObjectNode object;
    /** What field names start with: empty at the top, {@code codebase_context.} inside. */
    private final String path;
    private final String source;
    private final List<FieldError> errors;
    private final List<String> warnings;
    private final List<String> knownKeys = new ArrayList<>();
    private final Set<String> readKeys = new HashSet<>();

    /** Reads one element of a list; empty when the element has the wrong type. */
    interface ElementReader<T> {
        Optional<T> read(JsonNode element, String field);
    }

    private record Member(String field, JsonNode value) {
    }

    private JsonFields(ObjectNode object, String path, String source, List<FieldError> errors,
            List<String> warnings) {
        this.object = object;
        this.path = path;
        this.source = source;
        this.errors = errors;
        this.warnings = warnings;
    }

    /**
     * Applies {@code reader} to the top-level object of {@code source}.
     *
     * @throws CodegenException listing every value of the wrong type
     */
    static <T> TaskJson.Parsed<T> read(ObjectNode root, String source, Function<JsonFields, T> reader)
            throws CodegenException {
        JsonFields fields = new JsonFields(root, "", source, new ArrayList<>(), new ArrayList<>());
        T value = fields.readAll(reader);
        if (!fields.errors.isEmpty()) {
            throw CodegenException.invalid(fields.errors);
        }
        return new TaskJson.Parsed<>(value, fields.warnings);
    }

    /** Applies {@code reader} to a JSON object nested in this one, whose field name is {@code field}. */
    <T> T readNested(ObjectNode nested, String field, Function<JsonFields, T> reader) {
        return new JsonFields(nested, field + ".", source, errors, warnings).readAll(reader);
    }

    private <T> T readAll(Function<JsonFields, T> reader) {
        T value = reader.apply(this);
        warnAboutUnknownKeys();
        return value;
    }

    /** A string value; empty text when absent or of the wrong type. */
    String text(String... names) {
        return member(names).map(m -> {
            if (m.value().isTextual()) {
                return m.value().textValue();
            }
            typeError(m.field(), "a string", m.value());
            return "";
        }).orElse("");
    }

    /** An id: trackers use strings, but some number their tasks. */
    String id(String... names) {
        return member(names).map(m -> asId(m.value()).orElseGet(() -> {
            typeError(m.field(), "a string", m.value());
            return "";
        })).orElse("");
    }

    static Optional<String> asId(JsonNode value) {
        return value.isTextual() || value.isIntegralNumber() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A whole number, or null when absent or of the wrong type. */
    Integer integer(String expected, String... names) {
        return member(names).map(m -> {
            if (m.value().canConvertToExactIntegral() && m.value().canConvertToInt()) {
                return m.value().intValue();
            }
            typeError(m.field(), expected, m.value());
            return null;
        }).orElse(null);
    }

    /**
     * One of a fixed set of names ({@code parser} decides which are accepted), or null when absent
     * or not accepted.
     */
    <E> E choice(Function<String, Optional<E>> parser, String validNames, String... names) {
        return member(names).map(m -> {
            if (!m.value().isTextual()) {
                typeError(m.field(), "one of " + validNames, m.value());
                return null;
            }
            Optional<E> choice = parser.apply(m.value().textValue());
            if (choice.isEmpty()) {
                errors.add(new FieldError(m.field(), "is '" + m.value().textValue() + "', not a known value",
                        "Use one of: " + validNames + "."));
            }
            return choice.orElse(null);
        }).orElse(null);
    }

    /** A list of strings; a single string is a list of one, which is how people write one requirement. */
    List<String> texts(String... names) {
        return list((element, field) -> element.isTextual() ? Optional.of(element.textValue()) : Optional.empty(),
                "strings", "a string", names);
    }

    /**
     * A list, each element read by {@code reader}; a single element is a list of one.
     *
     * @param expectedElements what the list should hold, for messages: "strings"
     * @param expectedElement what one element should be, for messages: "a string"
     */
    <T> List<T> list(ElementReader<T> reader, String expectedElements, String expectedElement, String... names) {
        Optional<Member> member = member(names);
        if (member.isEmpty()) {
            return List.of();
        }
        String field = member.get().field();
        JsonNode value = member.get().value();
        if (!value.isArray()) {
            Optional<T> single = reader.read(value, field);
            if (single.isEmpty()) {
                typeError(field, "a list of " + expectedElements, value);
            }
            return single.map(List::of).orElse(List.of());
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String elementField = field + "[" + i + "]";
            JsonNode element = value.get(i);
            reader.read(element, elementField).ifPresentOrElse(items::add,
                    () -> typeError(elementField, expectedElement, element));
        }
        return items;
    }

    /** A nested object read by {@code reader}; empty when absent or not an object. */
    <T> Optional<T> object(Function<JsonFields, T> reader, String... names) {
        return member(names).flatMap(m -> {
            if (m.value().isObject()) {
                return Optional.of(readNested((ObjectNode) m.value(), m.field(), reader));
            }
            typeError(m.field(), "an object", m.value());
            return Optional.empty();
        });
    }

    /** A value meant for people only: any JSON is accepted and shown as text. */
    String freeText(String... names) {
        return member(names).map(m -> asFreeText(m.value())).orElse("");
    }

    /**
     * Every member not read so far, as {@link #asFreeText free text}, in the order of the file. They
     * count as read: they are free-form entries, not unknown keys.
     */
    Map<String, String> remaining() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (readKeys.add(property.getKey()) && !property.getValue().isNull()) {
                entries.put(property.getKey(), asFreeText(property.getValue()));
            }
        }
        return entries;
    }

    /** Strings as they are, numbers and booleans as written, lists joined with ", ", objects as compact JSON. */
    private static String asFreeText(JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonFields::asFreeText)
                    .collect(Collectors.joining(", "));
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** "a list", "an object", ... for "must be a string, not a list". */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "binary data";
        };
    }

    /**
     * The member under any of {@code names} (the first is the one suggested for misspellings); empty
     * when absent or null. A key given in two spellings is an error: one value would be lost silently.
     */
    private Optional<Member> member(String... names) {
        knownKeys.add(names[0]);
        Set<String> wanted = new HashSet<>();
        for (String name : names) {
            wanted.add(KeySpelling.normalize(name));
        }
        Member found = null;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String key = property.getKey();
            if (wanted.contains(KeySpelling.normalize(key))) {
                readKeys.add(key);
                if (found == null) {
                    found = new Member(path + key, property.getValue());
                } else {
                    errors.add(new FieldError(path + key, "repeats '" + found.field() + "'",
                            "Keep only one of the two."));
                }
            }
        }
        return Optional.ofNullable(found).filter(m -> !m.value().isNull());
    }

    private void typeError(String field, String expected, JsonNode value) {
        errors.add(new FieldError(field, "must be " + expected + ", not " + describe(value),
                "Change it to " + expected + "."));
    }

    private void warnAboutUnknownKeys() {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String key = property.getKey();
            if (!readKeys.contains(key)) {
                warnings.add(source + ": unknown key '" + path + key + "' is ignored"
                        + KeySpelling.suggest(key, knownKeys).map(known -> "; did you mean '" + known + "'?")
                                .orElse("."));
            }
        }
    }
}
