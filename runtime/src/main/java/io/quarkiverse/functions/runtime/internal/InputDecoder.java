package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;

/**
 * Reads a function's input with its prepared reader, and turns every way it can fail into a client error that names
 * the position or the JSON path, never a Java class.
 */
final class InputDecoder {

    private InputDecoder() {
    }

    static Object decode(FunctionDefinition definition, FunctionInput input) {
        if (input.isEmpty()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        Object value;
        try {
            byte[] json = input.jsonBytes();
            if (json != null) {
                value = definition.reader.readValue(json);
            } else {
                value = (input.isQuery() ? definition.queryReader : definition.reader).readValue(input.jsonTree());
            }
        } catch (StreamReadException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON, Errors.title(400),
                    "The input is not valid JSON" + location(e) + "."));
        } catch (DatabindException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    describeMismatch(e)));
        } catch (IOException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    "The input could not be read."));
        }
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        return value;
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /**
     * Names the offending field by its JSON path; Jackson's own message names Java classes, which must not leak.
     */
    static String describeMismatch(DatabindException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(Errors.printable(reference.getFieldName()));
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        if (path.length() == 0) {
            return "The input does not have the shape the function expects.";
        }
        return "Field '" + path + "' has a value of the wrong type or format.";
    }
}
