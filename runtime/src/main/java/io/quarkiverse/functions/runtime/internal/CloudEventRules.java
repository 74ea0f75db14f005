package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;

/**
 * The rules of CloudEvents 1.0 (the specification, its JSON format and its HTTP binding) on an event's context
 * attributes, checked before the event reaches a function: on {@code ce-*} headers (binary mode), on a JSON event
 * (structured mode), and on an event someone else has already built. A broken rule is an
 * {@link InvalidCloudEventException} whose message names the attribute and the rule, and echoes no more of the input
 * than a short printable name.
 * <p>
 * Extension names longer than 20 characters are accepted: the specification says they SHOULD NOT be, which binds
 * producers, and real producers exceed it.
 */
public final class CloudEventRules {

    /** The only {@code specversion} accepted. */
    public static final String SPEC_VERSION = "1.0";

    private static final String[] REQUIRED = { "id", "source", "type" };
    private static final String[] OPTIONAL = { "dataschema", "subject", "time" };
    private static final Set<String> CORE = Set.of("specversion", "id", "source", "type", "datacontenttype", "dataschema",
            "subject", "time");
    private static final String STRING_RULE = "must be a string without control characters, unpaired surrogates or "
            + "Unicode noncharacters";
    private static final String INTEGER_RULE = "must be a string, a boolean or an integer from -2147483648 to 2147483647";
    static final String NOT_JSON = "the structured event could not be read as JSON.";

    /** Thread-safe once created; Jackson advises sharing one. Only its streaming parser is used. */
    private static final JsonFactory JSON = new JsonFactory();

    private CloudEventRules() {
    }

    /**
     * Binary mode.
     *
     * @param headers the request headers, names in lower case, {@code ce-*} values percent-decoded
     */
    public static void checkBinary(Map<String, String> headers) {
        String specversion = headers.get("ce-specversion");
        if (specversion == null) {
            throw invalid("the required attribute 'specversion' (header ce-specversion) is missing.");
        }
        check("specversion", specversion, true);
        for (String name : REQUIRED) {
            String value = headers.get("ce-" + name);
            if (value == null) {
                throw invalid("the required attribute '" + name + "' (header ce-" + name + ") is missing.");
            }
            check(name, value, true);
        }
        if (headers.containsKey("ce-datacontenttype")) {
            throw invalid("attribute 'datacontenttype' must not be sent as a ce-datacontenttype header: in binary mode it "
                    + "is the Content-Type header.");
        }
        String contentType = headers.get("content-type");
        if (contentType != null && !contentType.isEmpty() && !CloudEventValues.isMediaType(contentType)) {
            throw invalid("attribute 'datacontenttype' (header Content-Type) " + rule("datacontenttype", contentType) + ".");
        }
        for (String name : OPTIONAL) {
            String value = headers.get("ce-" + name);
            if (value != null) {
                check(name, value, true);
            }
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String key = header.getKey();
            if (key.startsWith("ce-") && !CORE.contains(key.substring(3))) {
                checkName(key.substring(3), true);
                check(key.substring(3), header.getValue(), true);
            }
        }
    }

    /**
     * Structured mode: the event as JSON ({@code application/cloudevents+json}).
     */
    public static void checkStructured(byte[] body) {
        Set<String> present = new HashSet<>();
        Set<String> seen = new HashSet<>();
        String specversion = null;
        String problem = null;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw invalid(token == null || parser.nextToken() != null ? NOT_JSON
                        : "the structured event is " + jsonType(token) + ", not a JSON object.");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!seen.add(name) && problem == null) {
                    problem = "'" + printable(name) + "' appears more than once in the event.";
                }
                // a null attribute is an unset one (JSON format, section 2.2)
                if (value != JsonToken.VALUE_NULL && !"data".equals(name) && !"data_base64".equals(name)) {
                    present.add(name);
                    if ("specversion".equals(name) && value == JsonToken.VALUE_STRING) {
                        specversion = parser.getText();
                    }
                    if (problem == null) {
                        problem = jsonProblem(name, value, parser);
                    }
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw invalid(NOT_JSON);
            }
        } catch (IOException e) {
            throw invalid(NOT_JSON);
        }
        if (specversion == null && !present.contains("specversion")) {
            throw invalid("the required attribute 'specversion' is missing.");
        }
        if (specversion != null && !SPEC_VERSION.equals(specversion)) {
            check("specversion", specversion, false);
        }
        if (problem != null) {
            throw invalid(problem);
        }
        for (String name : REQUIRED) {
            if (!present.contains(name)) {
                throw invalid("the required attribute '" + name + "' is missing.");
            }
        }
        if (seen.contains("data") && seen.contains("data_base64")) {
            throw invalid("'data' and 'data_base64' must not both be present: the data is either JSON or base64.");
        }
    }

    /**
     * An event that is already built, by Google's Functions Framework for example.
     */
    public static void check(CloudEvent event) {
        check("specversion", String.valueOf(event.getSpecVersion()), false);
        check("id", required("id", event.getId()), false);
        check("source", required("source", event.getSource()), false);
        check("type", required("type", event.getType()), false);
        if (event.getDataContentType() != null) {
            check("datacontenttype", event.getDataContentType(), false);
        }
        if (event.getDataSchema() != null) {
            check("dataschema", event.getDataSchema().toString(), false);
        }
        if (event.getSubject() != null) {
            check("subject", event.getSubject(), false);
        }
        for (String name : event.getExtensionNames()) {
            checkName(name, false);
            Object value = event.getExtension(name);
            if (value instanceof String) {
                check(name, (String) value, false);
            } else if (value instanceof Number && !(value instanceof Integer)) {
                throw invalid(label(name, false) + " " + INTEGER_RULE + ".");
            }
        }
    }

    private static String required(String name, Object value) {
        if (value == null) {
            throw invalid("the required attribute '" + name + "' is missing.");
        }
        return value instanceof URI ? value.toString() : (String) value;
    }

    /** The problem with one member of a structured event, or {@code null}. */
    private static String jsonProblem(String name, JsonToken value, JsonParser parser) throws IOException {
        String nameProblem = nameProblem(name, false);
        if (nameProblem != null) {
            return nameProblem;
        }
        boolean core = CORE.contains(name);
        if (value == JsonToken.VALUE_STRING) {
            String rule = rule(name, parser.getText());
            return rule == null ? null : label(name, false) + " " + rule + ".";
        }
        if (core) {
            return label(name, false) + " must be a JSON string, not " + jsonType(value) + ".";
        }
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE
                || value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return null;
        }
        return label(name, false) + " " + INTEGER_RULE + ", not " + jsonType(value)
                + (value.isNumeric() ? " with a fraction, an exponent or out of that range." : ".");
    }

    private static void check(String name, String value, boolean header) {
        String rule = rule(name, value);
        if (rule != null) {
            throw invalid(label(name, header) + " " + rule + ".");
        }
    }

    private static void checkName(String name, boolean header) {
        String problem = nameProblem(name, header);
        if (problem != null) {
            throw invalid(problem);
        }
    }

    private static String nameProblem(String name, boolean header) {
        String where = header ? " (header ce-" + printable(name) + ")" : "";
        if ("data".equals(name)) {
            return "the attribute name 'data'" + where + " is reserved for the event's data.";
        }
        if (!CloudEventValues.isName(name)) {
            return "the attribute name '" + printable(name) + "'" + where
                    + " is invalid: names are lower-case letters a-z and digits 0-9 only.";
        }
        return null;
    }

    /** The rule that this value of this attribute breaks, or {@code null}. */
    private static String rule(String name, String value) {
        switch (name) {
            case "specversion":
                return SPEC_VERSION.equals(value) ? null
                        : "must be 1.0, the CloudEvents version this server implements, not '" + printable(value) + "'";
            case "id":
            case "type":
            case "subject":
                if (value.isEmpty()) {
                    return "must be a non-empty string";
                }
                return CloudEventValues.isString(value) ? null : STRING_RULE;
            case "source":
                return CloudEventValues.isUriReference(value) && !value.isEmpty() ? null
                        : "must be a non-empty URI-reference (RFC 3986), such as /sensors/tn-1234 or urn:example:orders";
            case "dataschema":
                return CloudEventValues.isAbsoluteUri(value) ? null
                        : "must be an absolute URI (RFC 3986), such as https://example.com/schemas/order.json";
            case "time":
                return CloudEventValues.isTimestamp(value) ? null
                        : "must be an RFC 3339 timestamp, such as 2018-04-05T17:31:00Z";
            case "datacontenttype":
                return CloudEventValues.isMediaType(value) ? null
                        : "must be an RFC 2046 media type, such as application/json";
            default:
                return CloudEventValues.isString(value) ? null : STRING_RULE;
        }
    }

    private static String label(String name, boolean header) {
        return "attribute '" + name + "'" + (header ? " (header ce-" + name + ")" : "");
    }

    private static String jsonType(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "a string";
        }
    }

    /** Names from the input, as they may be echoed: printable ASCII, at most 40 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 43));
        for (int i = 0; i < text.length(); i++) {
            if (out.length() == 40) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    private static InvalidCloudEventException invalid(String detail) {
        return new InvalidCloudEventException(detail);
    }
}
